from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Layout
from django import forms

from boards.models import Agency
from core.forms import GdsFormMixin, literal
from core.spreadsheets import column_name
from core.uploads import SpreadsheetField
from core.versioning import VersionGuardMixin

from .figures import merged, stored, structure, total_problems
from .models import Dataset, Dimension, DimensionValue, Figure, Measure

REASON_LENGTH = 100  # django-simple-history's change reason
NO_NAMES = "Figures only: never a child's or a worker's name or initials."


class DatasetForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Dataset
        fields = [
            "name",
            "description",
            "agency",
            "period_kind",
            "source",
            "has_total",
            "suppress_below",
        ]
        widgets = {"period_kind": forms.RadioSelect}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["agency"].queryset = Agency.objects.filter(partnerships__board=board)
        self.fields["agency"].empty_label = "None: the office enters the figures"
        self.helper.layout = Layout(
            Field.text("name"),
            Field.textarea("description", rows=3),
            Field.select("agency"),
            Field.radios("period_kind", legend_size="s", small=True),
            Field.text("source"),
            Field.checkbox("has_total"),
            Field.text("suppress_below", field_width=3),
        )

    def clean_name(self):
        name = self.cleaned_data["name"]
        same = Dataset.objects.filter(board=self.instance.board, name__iexact=name)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The board already has a dataset with this name")
        return name


class DimensionForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """A dimension and its values, one a line: a line added adds a value; a value with figures
    cannot be taken away."""

    values_text = forms.CharField(
        label="Values",
        widget=forms.Textarea,
        help_text="One a line, in the order the tables show them, e.g. Physical, Emotional, Sexual.",
    )
    headlines = forms.MultipleChoiceField(
        label="Headline figures",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Values whose figures the annual report on a page shows (with the other "
        "dimensions' headline values), the year before beside the year.",
    )

    class Meta:
        model = Dimension
        fields = ["name", "order", "sums_to_total", "within"]

    def __init__(self, *args, dataset, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.dataset = dataset
        others = dataset.dimensions.filter(within__isnull=True)
        self.fields["within"].queryset = others.exclude(pk=self.instance.pk)
        self.fields["within"].empty_label = "Not within another dimension"
        if self.instance.pk:
            labels = self.instance.values.values_list("label", flat=True)
            self.fields["values_text"].initial = "\n".join(labels)
            self.fields["headlines"].choices = [(label, label) for label in labels]
            self.fields["headlines"].initial = list(
                self.instance.values.filter(headline=True).values_list("label", flat=True)
            )
        fields = [
            Field.text("name"),
            Field.text("order", field_width=3),
            Field.checkbox("sums_to_total"),
            Field.select("within"),
            Field.textarea("values_text", rows=8),
        ]
        if self.instance.pk:
            fields.append(Field.checkboxes("headlines", small=True))
        else:
            del self.fields["headlines"]
        self.helper.layout = Layout(*fields)

    def clean_values_text(self):
        labels = [line.strip() for line in self.cleaned_data["values_text"].splitlines()]
        labels = [label for label in labels if label]
        if len({label.lower() for label in labels}) != len(labels):
            raise forms.ValidationError("Each value may appear once")
        if any(len(label) > 200 for label in labels):
            raise forms.ValidationError("A value has at most 200 characters")
        if self.instance.pk:
            kept = {label.lower() for label in labels}
            used = {f.cell for f in Figure.objects.filter(dataset=self.instance.dataset)}
            for value in self.instance.values.all():
                if value.label.lower() not in kept and any(
                    str(value.pk) in key.split(",") for key in used
                ):
                    raise forms.ValidationError(
                        f"“{value.label}” has figures: correct or delete them first"
                    )
        return labels

    def _save_m2m(self):
        """The values, once the dimension is saved (save_as saves it, then calls save_m2m)."""
        super()._save_m2m()
        dimension = self.instance
        labels = self.cleaned_data["values_text"]
        headlines = {label.lower() for label in self.cleaned_data.get("headlines", [])}
        current = {v.label.lower(): v for v in dimension.values.all()}
        for order, label in enumerate(labels):
            value = current.pop(label.lower(), None) or DimensionValue(dimension=dimension)
            value.label, value.order = label, order
            value.headline = label.lower() in headlines
            value._history_user = getattr(dimension, "_history_user", None)
            value.save()
        for value in current.values():
            value._history_user = getattr(dimension, "_history_user", None)
            value.delete()


class MeasureForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["name", "unit", "decimals", "order"]
        widgets = {"unit": forms.RadioSelect}

    def __init__(self, *args, dataset, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.dataset = dataset
        self.helper.layout = Layout(
            Field.text("name"),
            Field.radios("unit", legend_size="s", small=True),
            Field.text("decimals", field_width=2),
            Field.text("order", field_width=3),
        )


def plain(value):
    """A stored figure as typed: 31, not 31.000."""
    return None if value is None else f"{value.normalize():f}"


def field_name(measure, cell):
    return f"m{measure.pk}_c{cell.key.replace(',', '_') or 'total'}"


class PeriodFiguresForm(VersionGuardMixin, GdsFormMixin, forms.Form):
    """One period's figures, every cell of every measure: an empty box is no figure. Changing a
    stored figure needs a reason, kept in the audit trail. The parts must add up to their totals."""

    submit_label = "Save the figures"

    period_end = DateInputField(label="Period end", help_text="For example, 31 3 2017")
    source = forms.CharField(
        max_length=300,
        required=False,
        help_text="Where the figures come from, kept with each new figure.",
    )
    reason = forms.CharField(
        label="Why are stored figures changed?",
        required=False,
        max_length=REASON_LENGTH,
        help_text=f"Needed only when you change a figure already saved (up to {REASON_LENGTH} "
        "characters). Kept in the audit trail.",
    )

    def __init__(self, *args, dataset, period=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.dataset, self.period = dataset, period
        self.guarded = (
            dataset if period else None
        )  # a new period: the clean() check refuses a second
        self.guarded_history = Figure.history.filter(dataset_id=dataset.pk)
        self.shape = structure(dataset)
        existing = stored(dataset, period) if period else {}
        self.fields["period_end"].initial = period
        self.cells = {}
        groups = {}
        for measure in self.shape.measures:
            for cell in self.shape.cells:
                name = field_name(measure, cell)
                figure = existing.get((measure.pk, cell.key))
                label = cell.label if len(self.shape.measures) == 1 else f"{measure}: {cell.label}"
                self.fields[name] = forms.DecimalField(
                    label=label,
                    required=False,
                    max_digits=14,
                    decimal_places=3,
                    initial=plain(figure.value) if figure else None,
                )
                self.cells[name] = (measure.pk, cell.key)
                legend = cell.dimension.name if cell.dimension else "Total"
                groups.setdefault((measure.pk, legend), []).append(name)
        self.helper.layout = Layout(
            Field("period_end"),
            *(
                Fieldset(
                    *(Field.text(n, field_width=5) for n in names),
                    legend=literal(legend if len(self.shape.measures) == 1 else f"{legend}"),
                    legend_size="s",
                )
                for (_, legend), names in groups.items()
            ),
            Field.text("source"),
            Field.text("reason"),
        )

    def clean(self):
        data = super().clean()
        day = data.get("period_end")
        if not day:
            return data
        if not self.dataset.is_period_end(day):
            self.add_error("period_end", "Not the end of one of the dataset's periods")
            return data
        if day != self.period and stored(self.dataset, day):
            self.add_error("period_end", "The period already has figures: open it to correct them")
            return data
        self.changes = {key: data.get(name) for name, key in self.cells.items()}
        before = stored(self.dataset, day)
        altered = any(
            before[key].value != value for key, value in self.changes.items() if key in before
        )
        if altered and not data.get("reason"):
            self.add_error("reason", "Say why the stored figures change")
        for problem in total_problems(self.shape, merged(self.dataset, day, self.changes)):
            self.add_error(None, problem)
        return data


class FigureForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """One figure corrected, with its reason; the parts must still add up."""

    reason = forms.CharField(
        label="Why is the figure corrected?",
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=f"Kept in the audit trail with the change (up to {REASON_LENGTH} characters).",
        error_messages={"required": "Say why the figure is corrected"},
    )

    class Meta:
        model = Figure
        fields = ["value", "source", "note"]
        help_texts = {"note": NO_NAMES}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("value", field_width=5),
            Field.text("source"),
            Field.textarea("note", rows=3),
            Field.textarea("reason", rows=2),
        )

    def clean(self):
        data = super().clean()
        figure = self.instance
        changes = {(figure.measure_id, figure.cell): data.get("value")}
        merged_values = merged(figure.dataset, figure.period_end, changes)
        for problem in total_problems(structure(figure.dataset), merged_values):
            self.add_error("value", problem)
        return data

    def save(self, commit=True):
        self.instance._change_reason = self.cleaned_data["reason"]
        return super().save(commit)


class ImportForm(GdsFormMixin, forms.Form):
    submit_label = "Check and import"

    file = SpreadsheetField(
        label="Spreadsheet (CSV or Excel .xlsx)",
        help_text="Columns Period end, Measure (if the dataset has more than one), one column per "
        "dimension named as it is (empty for the total across it), Value, and optionally Source "
        "and Note. Every row is checked first; if any row has a problem, nothing is imported.",
    )


class AddStandardForm(GdsFormMixin, forms.Form):
    submit_label = "Add the dataset"

    key = forms.ChoiceField(label="Which dataset?", widget=forms.RadioSelect)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = choices
        self.helper.layout = Layout(Field.radios("key", legend_size="m"))


class WideMapForm(GdsFormMixin, forms.Form):
    """The mapping step of a wide table (a column per item): what each of the file's columns holds,
    the period, a dimension (the area), or an item's figures (a dimension's value and a measure);
    each chosen once. `columns()` gives {field name: column index}, as the remembered mapping keeps
    them."""

    submit_label = "Import the figures"

    step = forms.CharField(widget=forms.HiddenInput, initial="map")
    layout = forms.CharField(widget=forms.HiddenInput, initial="wide")

    def __init__(self, *args, header, known, items, initial_columns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.header = header
        self.labels = {f.name: f.label for f in [*known, *items]}
        choices = [
            ("", "Not imported"),
            *((f.name, f.label) for f in known if f.name not in ("measure", "value")),
            *((f.name, f"Figures of {f.label}") for f in items),
        ]
        chosen = {index: name for name, index in (initial_columns or {}).items()}
        self.names = []
        for index, text in enumerate(header):
            if not text:
                continue
            name = f"c{index}"
            self.fields[name] = forms.ChoiceField(
                label=f"Column {column_name(index + 1)}: {text}",
                choices=choices,
                required=False,
                initial=chosen.get(index, ""),
                error_messages={"invalid_choice": "Choose what the column holds from the list"},
            )
            self.names.append((name, index))
        self.helper.layout = Layout(
            "step", "layout", *(Field.select(name) for name, _ in self.names)
        )

    def clean(self):
        data = super().clean()
        seen = {}
        for name, index in self.names:
            chosen = data.get(name)
            if not chosen:
                continue
            if chosen in seen:
                self.add_error(
                    name, f"{self.labels[chosen]} is already column {seen[chosen]}: choose it once"
                )
            seen.setdefault(chosen, column_name(index + 1))
        if "period" not in seen:
            first = self.names[0][0] if self.names else None
            self.add_error(first, "Choose the column that holds the period end")
            return data
        if not any(key.startswith("w") for key in seen):
            first = self.names[-1][0] if self.names else None
            self.add_error(first, "Choose at least one column that holds an item's figures")
        return data

    def columns(self):
        return {
            self.cleaned_data[name]: index
            for name, index in self.names
            if self.cleaned_data.get(name)
        }

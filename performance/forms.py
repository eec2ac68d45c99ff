import django_filters
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django import forms

from boards.models import Agency
from core import as_at
from core.forms import GdsFormMixin
from core.rag import Rag
from core.uploads import SpreadsheetField
from core.versioning import VersionGuardMixin

from .models import Indicator, Measurement, Target, Trend


class IndicatorForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "description",
            "area",
            "unit",
            "decimals",
            "polarity",
            "owner",
            "source",
            "notes",
            "status",
            "on_scorecard",
        ]

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["owner"].queryset = Agency.objects.filter(boards=board)
        self.fields["owner"].empty_label = "No owning agency"
        self.helper.layout = Layout(
            Field.text("code", field_width=10),
            Field.text("description"),
            Field.text("area", field_width=20),
            Field.radios("unit", legend_size="s"),
            Field.text("decimals", field_width=2),
            Field.radios("polarity", legend_size="s"),
            Field.select("owner"),
            Field.text("source"),
            Field.textarea("notes", rows=3),
            Field.radios("status", legend_size="s"),
            Field.checkbox("on_scorecard"),
        )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        same = Indicator.objects.filter(board=self.instance.board, code__iexact=code)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"The board already has an indicator {code}")
        return code


class TargetForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    starts_on = DateInputField(label="Period starts", help_text="For example, 1 4 2016")
    ends_on = DateInputField(label="Period ends", help_text="For example, 31 3 2017")

    class Meta:
        model = Target
        fields = ["value", "tolerance", "label"]
        labels = {"value": "Target", "label": "Target as printed (optional)"}

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator
        if self.instance.pk:
            self.fields["starts_on"].initial = self.instance.starts
            self.fields["ends_on"].initial = self.instance.ends
        self.helper.layout = Layout(
            Field("starts_on"),
            Field("ends_on"),
            Field.text("value", field_width=5),
            Field.text("tolerance", field_width=5),
            Field.text("label", field_width=10),
        )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends:
            if ends < starts:
                self.add_error("ends_on", "The period must end on or after the day it starts")
            else:
                overlapping = self.instance.indicator.targets.filter(
                    starts__lte=ends, ends__gte=starts
                ).exclude(pk=self.instance.pk)
                if overlapping.exists():
                    self.add_error(
                        "starts_on", "Another target of this indicator covers these dates"
                    )
        if data.get("tolerance") is not None and data["tolerance"] < 0:
            self.add_error("tolerance", "The tolerance cannot be negative")
        return data

    def save(self, commit=True):
        self.instance.starts = self.cleaned_data["starts_on"]
        self.instance.ends = self.cleaned_data["ends_on"]
        return super().save(commit)


# Where a correction's reason is kept: django-simple-history's change reason, 100 characters.
REASON_LENGTH = 100


class MeasurementForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """A figure added, or corrected: a correction says why, and the reason is kept in the audit
    trail with the change (never a silent edit)."""

    period_end_on = DateInputField(label="Period end", help_text="For example, 31 3 2017")
    reason = forms.CharField(
        label="Why is the figure corrected?",
        help_text=f"Kept in the indicator's audit trail with the change (up to {REASON_LENGTH} "
        "characters).",
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the figure is corrected"},
    )

    class Meta:
        model = Measurement
        fields = ["value", "note"]

    def __init__(self, *args, indicator, period_end=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.indicator = indicator
        self.fields["period_end_on"].initial = self.instance.period_end or period_end
        layout = [
            Field("period_end_on"),
            Field.text("value", field_width=5),
            Field.textarea("note", rows=3),
        ]
        if self.instance.pk:
            layout.append(Field.textarea("reason", rows=2))
        else:
            del self.fields["reason"]  # a new figure corrects nothing
        self.helper.layout = Layout(*layout)

    def clean(self):
        data = super().clean()
        day = data.get("period_end_on")
        if day:
            same = self.instance.indicator.measurements.filter(period_end=day)
            if same.exclude(pk=self.instance.pk).exists():
                self.add_error("period_end_on", "This indicator already has a figure for that date")
        return data

    def save(self, commit=True):
        self.instance.period_end = self.cleaned_data["period_end_on"]
        if "reason" in self.fields:
            self.instance._change_reason = self.cleaned_data["reason"]
        return super().save(commit)


class OverrideForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """Office staff set the RAG or the trend by hand; each needs its reason, kept in the audit trail."""

    submit_label = "Save override"

    class Meta:
        model = Measurement
        fields = ["rag_override", "rag_reason", "trend_override", "trend_reason"]
        labels = {"rag_override": "RAG", "trend_override": "Trend over last year"}
        widgets = {"rag_override": forms.RadioSelect, "trend_override": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rag_override"].choices = [
            *((r.value, r.label) for r in Rag if r not in (Rag.NOT_RATED, Rag.COMPLETE)),
            ("", "As computed from the value and target"),
        ]
        self.fields["trend_override"].choices = [
            *((t.value, t.label) for t in Trend if t != Trend.NONE),
            ("", "As computed from the value a year earlier"),
        ]
        self.helper.layout = Layout(
            Field.radios("rag_override", legend_size="s"),
            Field.textarea("rag_reason", rows=3),
            Field.radios("trend_override", legend_size="s"),
            Field.textarea("trend_reason", rows=3),
        )

    def clean(self):
        data = super().clean()
        for choice, reason, what in [
            ("rag_override", "rag_reason", "RAG"),
            ("trend_override", "trend_reason", "trend"),
        ]:
            data[reason] = (data.get(reason) or "").strip()
            if data.get(choice) and not data[reason]:
                self.add_error(reason, f"Say why the {what} is set by hand")
            if not data.get(choice):
                data[reason] = ""
        return data


class ImportForm(GdsFormMixin, forms.Form):
    submit_label = "Check and import"

    file = SpreadsheetField(
        label="Spreadsheet (CSV or Excel .xlsx)",
        help_text="Columns such as Code, Period end, Value, Note, in any order (Indicator, Measure, "
        "KPI, Period, Date, As at, Quarter end, Figure, Actual, Comments are read too). Every row "
        "is checked first; if any row has a problem, nothing is imported.",
    )


class ConfirmImportForm(GdsFormMixin, forms.Form):
    """The figure import's confirmation: the person has read what the file adds and replaces."""

    submit_label = "Import the figures"

    step = forms.CharField(widget=forms.HiddenInput, initial="confirm")


def rated_choices(enum, skip=()):
    return [("none" if e.value == "" else e.value, e.label) for e in enum if e not in skip]


class ScorecardFilter(django_filters.FilterSet):
    """The scorecard's filters. Area filters the indicators in the database; the date and the RAG and
    trend are computed from the figures, so the view applies them to the rated rows (`keep`)."""

    as_at = as_at.AsAtFilter(label="Figures as at", choices=[], method="computed")
    area = django_filters.ChoiceFilter(label="Area", empty_label="All areas", choices=[])
    rag = django_filters.ChoiceFilter(
        label="RAG against target",
        empty_label="Any RAG",
        choices=rated_choices(Rag, skip=[Rag.COMPLETE]),
        method="computed",
    )
    trend = django_filters.ChoiceFilter(
        label="Trend over last year",
        empty_label="Any trend",
        choices=rated_choices(Trend),
        method="computed",
    )

    class Meta:
        model = Indicator
        fields = []

    def __init__(self, *args, board, period_ends, complete=None, **kwargs):
        super().__init__(*args, **kwargs)
        areas = board.indicators.exclude(area="").order_by("area").values_list("area", flat=True)
        self.filters["area"].extra["choices"] = [(a, a) for a in areas.distinct()]
        self.filters["as_at"].extra["choices"] = as_at.choices(period_ends, self.data)
        self.filters["as_at"].extra["empty_label"] = (
            f"Latest complete figures ({complete:%-d %B %Y})" if complete else "Latest figures"
        )

    def computed(self, queryset, name, value):
        return queryset

    def keep(self, row):
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        for name, actual in [("rag", row.rag), ("trend", row.trend)]:
            wanted = data.get(name)
            if wanted and actual != ("" if wanted == "none" else wanted):
                return False
        return True


def filter_helper():
    helper = FormHelper()
    helper.form_method = "get"
    helper.layout = Layout(
        Field.select("as_at"), Field.select("area"), Field.select("rag"), Field.select("trend")
    )
    helper.add_input(Submit("apply", "Apply filters", css_class="govuk-button--secondary"))
    return helper

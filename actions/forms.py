import django_filters
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.utils import timezone

from accounts.forms import GdsFormMixin
from boards.rag import Rag

from .models import Action, PlanKind, Theme


class UpdateForm(GdsFormMixin, forms.Form):
    """A chair's update of one action: progress, RAG now, RAG forecast, and why the RAG changed."""

    submit_label = "Save update"

    text = forms.CharField(
        label="Progress",
        widget=forms.Textarea,
        help_text="What has happened since the last update.",
    )
    rag = forms.ChoiceField(
        label="RAG now", choices=Rag.choices, widget=forms.RadioSelect, required=False
    )
    forecast_rag = forms.ChoiceField(
        label="Forecast RAG",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Where you expect the action to be by its due date.",
    )
    comment = forms.CharField(
        label="Reason for the RAG",
        widget=forms.Textarea,
        required=False,
        help_text="Required when the RAG changes, and when the action is complete (say what completed it).",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        self.fields["rag"].initial = action.rag
        self.fields["forecast_rag"].initial = action.forecast_rag
        self.fields["version"].initial = action.version
        self.helper.layout = Layout(
            Field.textarea("text", rows=5, label_size="s"),
            Field.radios("rag", legend_size="s"),
            Field.radios("forecast_rag", legend_size="s"),
            Field.textarea("comment", rows=3, label_size="s"),
            "version",
        )

    def clean(self):
        data = super().clean()
        rag, comment = data.get("rag", ""), data.get("comment", "").strip()
        if rag == Rag.COMPLETE and not comment and self.action.rag != Rag.COMPLETE:
            self.add_error("comment", "Say what completed the action")
        elif rag is not None and rag != self.action.rag and not comment:
            was, now = Rag(self.action.rag).label.lower(), Rag(rag).label.lower()
            self.add_error("comment", f"Say why the RAG has changed from {was} to {now}")
        return data


class ActionFilter(django_filters.FilterSet):
    """The plan page's filters. Every count on the page links to the list filtered this way."""

    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.none(), empty_label="All themes"
    )
    owner = django_filters.ModelChoiceFilter(
        field_name="owners", queryset=None, label="Owner", empty_label="All owners"
    )
    rag = django_filters.ChoiceFilter(
        choices=[("none" if r == "" else r, Rag(r).label) for r in Rag],
        method="filter_rag",
        label="RAG",
        empty_label="Any RAG",
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label="Overdue only", widget=forms.CheckboxInput
    )
    not_updated = django_filters.BooleanFilter(
        method="filter_not_updated", label="Not updated this cycle", widget=forms.CheckboxInput
    )
    due_after = django_filters.DateFilter(
        field_name="due_date", lookup_expr="gte", label="Due on or after"
    )
    due_before = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label="Due on or before"
    )

    class Meta:
        model = Action
        fields = []

    def __init__(self, *args, plan, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan, self.cycle = plan, cycle
        self.filters["theme"].queryset = plan.themes.all()
        self.filters["owner"].queryset = plan.board.subgroups.filter(actions__plan=plan).distinct()

    def filter_rag(self, queryset, name, value):
        return queryset.filter(rag="" if value == "none" else value)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset

    def filter_not_updated(self, queryset, name, value):
        return queryset.not_updated_in(self.cycle) if value and self.cycle else queryset


class PlanImportForm(GdsFormMixin, forms.Form):
    """A new plan from a spreadsheet in the seed's column order."""

    submit_label = "Check and import"
    MAX_BYTES = 5 * 1024 * 1024

    name = forms.CharField(
        label="Name of the new plan",
        max_length=200,
        help_text="For example, “LSCB Business Plan 2017-20”.",
    )
    kind = forms.ChoiceField(
        label="Kind of plan",
        choices=PlanKind.choices,
        widget=forms.RadioSelect,
        initial=PlanKind.BUSINESS,
    )
    file = forms.FileField(
        label="Spreadsheet (CSV or Excel .xlsx)",
        help_text="Columns in this order: Theme, Ref, Action, Who, When, What we are trying to achieve, "
        "<cycle name> updates, RAG. Every row is checked first; if any row has a problem, nothing is imported.",
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        self.helper.layout = Layout(
            Field.text("name"), Field.radios("kind", legend_size="s"), Field("file")
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.board.plans.filter(name__iexact=name).exists():
            raise forms.ValidationError("The board already has a plan with this name")
        return name

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV or an Excel .xlsx file")
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        return upload

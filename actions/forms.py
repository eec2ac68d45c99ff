import django_filters
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.utils import timezone

from core import as_at
from core.forms import GdsFormMixin, optional_date
from core.rag import Rag, is_done
from core.trees import descendants_and_self
from core.uploads import SpreadsheetField
from core.versioning import VersionGuardMixin

from .models import Action, Plan, PlanKind, Theme, UpdateCycle


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

    STALE = (
        "Someone else updated this action while you were writing. Your update was not saved: "
        "read theirs below, then save yours again if it still applies."
    )

    def clean(self):
        data = super().clean()
        if data.get("version") is not None and data["version"] != self.action.version:
            raise forms.ValidationError(self.STALE, code="stale")
        rag, comment = data.get("rag", ""), data.get("comment", "").strip()
        if is_done(rag) and not comment and not self.action.is_done:
            self.add_error("comment", "Say what completed the action")
        elif rag is not None and rag != self.action.rag and not comment:
            was, now = Rag(self.action.rag).label.lower(), Rag(rag).label.lower()
            self.add_error("comment", f"Say why the RAG has changed from {was} to {now}")
        return data


class ActionFilter(django_filters.FilterSet):
    """The plan page's filters. Every count on the page links to the list filtered this way."""

    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.none(),
        empty_label="All themes",
        null_label="No theme",
        null_value="none",
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

    as_at = as_at.AsAtFilter(label="Actions as at", choices=[], method="computed")

    def __init__(self, *args, plan, cycle, day=None, **kwargs):
        """`queryset`: actions from `as_at(day)`, or `now()` without `day` (today); `cycle`: the
        update round current then."""
        super().__init__(*args, **kwargs)
        self.plan, self.cycle, self.day = plan, cycle, day
        self.filters["theme"].queryset = plan.themes.all()
        self.filters["owner"].queryset = plan.board.subgroups.filter(actions__plan=plan).distinct()
        deadlines = {
            c.deadline: f"{c.deadline:%-d %B %Y} ({c.name} deadline)" for c in plan.cycles.all()
        }
        self.filters["as_at"].extra["choices"] = as_at.choices(
            sorted(deadlines, reverse=True), self.data, deadlines
        )
        self.filters["as_at"].extra["empty_label"] = "Today"

    def computed(self, queryset, name, value):
        return queryset  # the view reads the date before it builds the queryset

    def filter_rag(self, queryset, name, value):
        return queryset.filter(rag_then="" if value == "none" else value)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue_then(self.day or timezone.localdate()) if value else queryset

    def filter_not_updated(self, queryset, name, value):
        if not (value and self.cycle):
            return queryset
        return queryset.not_updated_in(self.cycle, by=self.day)


class PlanImportForm(GdsFormMixin, forms.Form):
    """A new plan from a spreadsheet in the seed's column order."""

    submit_label = "Check and import"

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
    file = SpreadsheetField(
        label="Spreadsheet (CSV or Excel .xlsx)",
        help_text="Columns such as Theme, Ref, Action, Who, When, What we are trying to achieve, "
        "Update, RAG, in any order (Owner, Lead, Due, Deadline, Outcome, Progress, Comments, Status "
        "and RAG rating are read too). Every row is checked first; if any row has a problem, "
        "nothing is imported.",
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


class ImportCycleForm(GdsFormMixin, forms.Form):
    """The import's confirmation: the update cycle the file's updates and RAGs belong to. The new
    plan has no cycles yet, so the person names one and gives its dates; nothing is assumed."""

    submit_label = "Import the plan"

    step = forms.CharField(widget=forms.HiddenInput, initial="confirm")
    name = forms.CharField(
        label="Name of the update cycle",
        max_length=100,
        help_text="For example, “April 2017 updates”.",
    )
    opens = DateInputField(label="Date the cycle opened", help_text="For example, 1 3 2017")
    deadline = DateInputField(label="Deadline for updates", help_text="For example, 28 4 2017")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("step", Field.text("name"), Field("opens"), Field("deadline"))

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("deadline") and data["deadline"] < data["opens"]:
            self.add_error("deadline", "The deadline must be on or after the date the cycle opens")
        return data


class PlanForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    closed = optional_date("Date closed", "Leave empty while the plan is running")

    class Meta:
        model = Plan
        fields = ["name", "kind", "description"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["closed"].initial = self.instance.closed
        self.helper.layout = Layout(
            Field.text("name"),
            Field.radios("kind", legend_size="s"),
            Field.textarea("description", rows=3),
            Field("closed"),
        )

    def clean_name(self):
        name = self.cleaned_data["name"]
        same = Plan.objects.filter(board=self.instance.board, name__iexact=name).exclude(
            pk=self.instance.pk
        )
        if same.exists():
            raise forms.ValidationError("The board already has a plan with this name")
        return name

    def save(self, commit=True):
        self.instance.closed = self.cleaned_data.get("closed")
        return super().save(commit)


class ThemeForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["number", "title"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.helper.layout = Layout(Field.text("number", field_width=3), Field.text("title"))

    def clean_number(self):
        number = self.cleaned_data["number"]
        if self.instance.plan.themes.filter(number=number).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The plan already has a theme with this number")
        return number


class CycleForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    opens = DateInputField(label="Opens", help_text="For example, 1 3 2017")
    deadline = DateInputField(label="Deadline for updates")

    class Meta:
        model = UpdateCycle
        fields = ["name", "reminder_days"]
        labels = {"name": "Name", "reminder_days": "Days before the deadline to send reminders"}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["name"].help_text = "For example, “April 2017 updates”."
        if self.instance.pk:
            self.fields["opens"].initial, self.fields["deadline"].initial = (
                self.instance.opens,
                self.instance.deadline,
            )
        self.helper.layout = Layout(
            Field.text("name"),
            Field("opens"),
            Field("deadline"),
            Field.text("reminder_days", field_width=3),
        )

    def clean_name(self):
        name = self.cleaned_data["name"]
        if (
            self.instance.plan.cycles.filter(name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError("The plan already has a cycle with this name")
        return name

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("deadline") and data["deadline"] < data["opens"]:
            self.add_error("deadline", "The deadline must be on or after the date the cycle opens")
        return data

    def save(self, commit=True):
        self.instance.opens, self.instance.deadline = (
            self.cleaned_data["opens"],
            self.cleaned_data["deadline"],
        )
        return super().save(commit)


class ActionForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """Office staff set an action up (the lost-update guard refuses a save over someone's change)."""

    due_date = optional_date("Due date", "The last day it is due. Leave empty if it has no date.")
    links = forms.CharField(
        label="Linked to",
        required=False,
        help_text="Refs of related actions in this plan, separated by commas.",
    )

    class Meta:
        model = Action
        fields = ["theme", "ref", "text", "owners", "named_owners", "due_note", "outcome", "parent"]
        labels = {"named_owners": "Owners that are roles", "parent": "Part of (parent action)"}
        widgets = {"owners": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["theme"].queryset = plan.themes.all()
        self.fields["owners"].queryset = plan.board.subgroups.order_by("name")
        self.fields["owners"].label = "Owning groups"
        parents = plan.actions.all()
        if self.instance.pk:
            parents = parents.exclude(pk__in=descendants_and_self(self.instance))
            self.fields["due_date"].initial = self.instance.due_date
            self.fields["links"].initial = ", ".join(a.ref for a in self.instance.related.all())
        self.fields["parent"].queryset = parents
        self.helper.layout = Layout(
            Field.select("theme"),
            Field.text("ref", field_width=5),
            Field.textarea("text", rows=4),
            Field.checkboxes("owners", small=True),
            Field.text("named_owners"),
            Field("due_date"),
            Field.text("due_note"),
            Field.textarea("outcome", rows=3),
            Field.select("parent"),
            Field.text("links"),
        )

    def clean_ref(self):
        ref = self.cleaned_data["ref"].strip()
        if self.instance.plan.actions.filter(ref=ref).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"The plan already has an action {ref}")
        return ref

    def clean_links(self):
        refs = [r.strip() for r in self.cleaned_data["links"].split(",") if r.strip()]
        found = {
            a.ref: a
            for a in self.instance.plan.actions.filter(ref__in=refs).exclude(pk=self.instance.pk)
        }
        missing = [r for r in refs if r not in found]
        if missing:
            raise forms.ValidationError(
                f"No other action of this plan has the ref {', '.join(missing)}"
            )
        return list(found.values())

    def save(self, commit=True):
        self.instance.due_date = self.cleaned_data.get("due_date")
        action = super().save(commit)
        if commit:
            action.set_owners(self.cleaned_data["owners"])
            action.related.set(self.cleaned_data["links"])
        return action


class CarryForwardForm(GdsFormMixin, forms.Form):
    submit_label = "Carry the actions forward"

    target = forms.ModelChoiceField(
        label="Carry into", queryset=Plan.objects.none(), empty_label=None
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = plan.board.plans.filter(closed__isnull=True).exclude(
            pk=plan.pk
        )
        self.helper.layout = Layout(Field.radios("target", legend_size="s"))
        self.fields["target"].widget = forms.RadioSelect(choices=self.fields["target"].choices)

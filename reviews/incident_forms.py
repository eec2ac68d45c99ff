"""Forms of the serious incident pipeline (reviews/incidents.py): asking agencies for their
information, a return's due date, the agency's return, the panel's response and the decision."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.utils import timezone

from boards.models import Agency
from core.forms import GdsFormMixin, optional_date
from core.identity import identity_problem
from core.versioning import VersionGuardMixin

from .clocks import bank_holidays, is_working_day
from .incidents import Decision, InformationRequest, LcsprDecision, PanelResponse


def working_day_problem(day):
    """Why `day` cannot be a due date (a weekend or a bank holiday of England and Wales), or None."""
    if is_working_day(day):
        return None
    if day.weekday() >= 5:
        why = f"a {day:%A}"
    else:
        why = f"a bank holiday ({bank_holidays(day.year).get(day)})"
    return (
        f"{day:%A %-d %B %Y} is {why}: choose a working day, Monday to Friday and not a bank "
        "holiday in England and Wales"
    )


def refuse_identifying(form, *names):
    for name in names:
        problem = identity_problem(form.cleaned_data.get(name) or "")
        if problem:
            form.add_error(name, problem)


def not_in_future(form, *names):
    today = timezone.localdate()
    for name in names:
        day = form.cleaned_data.get(name)
        if day and day > today:
            form.add_error(name, "The date cannot be in the future")


class AskAgenciesForm(GdsFormMixin, forms.Form):
    submit_label = "Ask these agencies"

    agencies = forms.ModelMultipleChoiceField(
        label="Agencies to ask",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The board's partner agencies not yet asked for this review.",
        error_messages={"required": "Choose at least one agency to ask"},
    )
    due = DateInputField(
        label="Return due",
        help_text="A working day: not a weekend or a bank holiday. For example, 27 3 2026",
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        asked = review.information_requests.values("agency")
        self.fields["agencies"].queryset = (
            Agency.objects.filter(partnerships__board=review.board)
            .exclude(pk__in=asked)
            .order_by("name")
        )
        self.helper.layout = Layout(Field.checkboxes("agencies", small=True), Field("due"))

    def clean_due(self):
        due = self.cleaned_data["due"]
        problem = working_day_problem(due)
        if problem:
            raise forms.ValidationError(problem)
        return due


class RequestDueForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    due = DateInputField(label="Return due", help_text="A working day. For example, 27 3 2026")

    class Meta:
        model = InformationRequest
        fields = ["due"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field("due"))

    def clean_due(self):
        due = self.cleaned_data["due"]
        problem = working_day_problem(due)
        if problem:
            raise forms.ValidationError(problem)
        return due


class InformationForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """The agency's information for the rapid review: all three parts, no names."""

    submit_label = "Send to the board office"

    class Meta:
        model = InformationRequest
        fields = ["chronology", "involvement", "initial_learning"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = True
            label = str(self.fields[name].label)
            label = (label[0].lower() + label[1:]).replace("the agency", "your agency")
            self.fields[name].error_messages["required"] = f"Enter {label}"
        self.helper.layout = Layout(
            *(Field.textarea(name, rows=6, label_size="s") for name in self.Meta.fields)
        )

    def clean(self):
        data = super().clean()
        refuse_identifying(self, *self.Meta.fields)
        return data


class PanelResponseForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    received = DateInputField(label="Date the response was received")

    class Meta:
        model = PanelResponse
        fields = ["received", "view", "text"]
        widgets = {"view": forms.RadioSelect}

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.review = review
        self.fields["view"].choices = [c for c in self.fields["view"].choices if c[0]]
        self.fields["view"].error_messages["required"] = "Choose the panel's view"
        self.fields["text"].error_messages["required"] = "Enter the panel's response"
        self.helper.layout = Layout(
            Field("received"),
            Field.radios("view", legend_size="s"),
            Field.textarea("text", rows=6, label_size="s"),
        )

    def clean(self):
        data = super().clean()
        refuse_identifying(self, "text")
        not_in_future(self, "received")
        return data


class LcsprDecisionForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    decided_on = DateInputField(label="Date of the decision")
    lcspr_start = optional_date(
        "Date the practice review started",
        "When the decision is yes: it starts the 6 month clock to publication.",
    )

    class Meta:
        model = LcsprDecision
        fields = ["decision", "reasons", "decided_on", "lcspr_start"]
        widgets = {"decision": forms.RadioSelect}
        labels = {"decision": "Will there be a local child safeguarding practice review?"}

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.review = review
        self.fields["decision"].choices = [c for c in self.fields["decision"].choices if c[0]]
        self.fields["decision"].error_messages["required"] = "Choose the decision"
        self.fields["reasons"].error_messages["required"] = "Give the reasons for the decision"
        self.helper.layout = Layout(
            Field.radios("decision", legend_size="s"),
            Field.textarea("reasons", rows=5, label_size="s"),
            Field("decided_on"),
            Field("lcspr_start"),
        )

    def clean(self):
        data = super().clean()
        refuse_identifying(self, "reasons")
        not_in_future(self, "decided_on")
        start, decided = data.get("lcspr_start"), data.get("decided_on")
        if (
            data.get("decision") == Decision.LCSPR
            and not start
            and "lcspr_start" not in self.errors
        ):
            self.add_error("lcspr_start", "Enter the date the practice review started")
        if data.get("decision") == Decision.NO_REVIEW and start:
            self.add_error("lcspr_start", "Leave the start empty: there is no practice review")
        if start and decided and start < decided:
            self.add_error("lcspr_start", "The practice review cannot start before the decision")
        return data

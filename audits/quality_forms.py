"""Forms of multi-agency quality audits. Every text field refuses what reads like a child's or family
member's name or initials (`identity_problem`): audits keep case references only."""

from crispy_forms_gds.layout import Field, Fieldset, Layout
from django import forms
from django.utils import timezone

from boards.models import Board
from core.forms import GdsFormMixin, optional_date
from core.identity import identity_problem
from core.versioning import VersionGuardMixin
from subgroups.models import Subgroup

from .quality import (
    AuditRecommendation,
    CaseType,
    Finding,
    Grading,
    QualityAudit,
    QualityAuditStatus,
)

IDENTITY_WARNING = (
    "Case references only. Never enter a child's or family member's name, initials, date of birth, "
    "address or school, or anything else that could identify them: write “Case 3”, not a name."
)


class IdentityCheckMixin:
    """Refuses identifying text in the fields named in `checked`."""

    checked = ()

    def clean(self):
        data = super().clean()
        for name in self.checked:
            if problem := identity_problem(data.get(name)):
                self.add_error(name, problem)
        return data


MONTHS = [(n, timezone.datetime(2000, n, 1).strftime("%B")) for n in range(1, 13)]


class QualityAuditForm(IdentityCheckMixin, VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """An audit on the forward plan: its theme, the group that runs it, why, when, where it is."""

    checked = ("theme", "reason_note")

    month = forms.TypedChoiceField(label="Month", choices=MONTHS, coerce=int)
    year = forms.IntegerField(label="Year", min_value=2000, max_value=2100)

    class Meta:
        model = QualityAudit
        fields = ["theme", "group", "reason", "reason_note", "status"]
        widgets = {"reason": forms.RadioSelect, "status": forms.RadioSelect}

    def __init__(self, *args, board, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        groups = Subgroup.objects.filter(board=board)
        if not Board.objects.managed_by(user).filter(pk=board.pk).exists():
            # a group's people plan their own group's audits (and keep the one it has)
            mine = groups.filter(memberships__user=user).values("pk")
            groups = groups.filter(pk__in=mine) | groups.filter(pk=self.instance.group_id or 0)
        self.fields["group"].queryset = groups.order_by("name")
        if not self.instance.group_id and len(self.fields["group"].queryset) == 1:
            self.fields["group"].initial = self.fields["group"].queryset[0].pk  # their one group
        self.fields["group"].help_text = "A locality Quality Assurance Group or any subgroup."
        month = self.instance.planned_month or timezone.localdate()
        self.fields["month"].initial, self.fields["year"].initial = month.month, month.year
        self.fields[
            "status"
        ].help_text = "An audit closes when all the actions from its recommendations are complete."
        self.helper.layout = Layout(
            Field.text("theme"),
            Field.select("group"),
            Field.radios("reason", legend_size="s"),
            Field.text("reason_note"),
            Fieldset(
                Field.select("month"),
                Field.text("year", field_width=4),
                legend="Planned for",
                legend_size="s",
            ),
            Field.radios("status", legend_size="s"),
        )

    def clean(self):
        data = super().clean()
        if data.get("month") and data.get("year"):
            self.instance.planned_month = timezone.datetime(data["year"], data["month"], 1).date()
        if data.get("status") == QualityAuditStatus.CLOSED and self.instance.pk:
            outstanding = self.instance.actions().outstanding().count()
            if outstanding:
                self.add_error(
                    "status",
                    f"The audit closes when all its actions are complete: {outstanding} "
                    f"{'is' if outstanding == 1 else 'are'} outstanding",
                )
        return data


class AuditRecordForm(IdentityCheckMixin, VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """What the audit found, in numbers: cases by type, their gradings, who took part, its report."""

    checked = ("reported_to",)
    report_date = optional_date("Date reported")

    class Meta:
        model = QualityAudit
        fields = [
            *(f"cases_{t.value}" for t in CaseType),
            *(f"graded_{g.value}" for g in Grading),
            "not_graded",
            "agencies",
            "child_voice",
            "report_date",
            "reported_to",
        ]
        widgets = {"agencies": forms.CheckboxSelectMultiple, "child_voice": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = self.instance.board.agencies.order_by("name")
        self.fields["not_graded"].help_text = "Cases audited but given no overall grading."
        self.fields["child_voice"].required = False
        self.helper.layout = Layout(
            Fieldset(
                *(Field.text(f"cases_{t.value}", field_width=3) for t in CaseType),
                legend="Cases audited, by type of case",
                legend_size="m",
            ),
            Fieldset(
                *(Field.text(f"graded_{g.value}", field_width=3) for g in Grading),
                Field.text("not_graded", field_width=3),
                legend="Cases by overall grading",
                legend_size="m",
            ),
            Field.checkboxes("agencies", small=True),
            Field.radios("child_voice", legend_size="s", inline=True),
            Field("report_date"),
            Field.text("reported_to"),
        )

    def clean(self):
        data = super().clean()
        cases = sum(data.get(f"cases_{t.value}") or 0 for t in CaseType)
        graded = sum(data.get(f"graded_{g.value}") or 0 for g in Grading)
        graded += data.get("not_graded") or 0
        if graded != cases and not self.errors:
            self.add_error(
                "graded_outstanding",
                f"The gradings add up to {graded} but {cases} cases were audited: every case "
                "audited has one grading, or counts as not graded",
            )
        if data.get("report_date") and data["report_date"] > timezone.localdate():
            self.add_error("report_date", "The date reported cannot be in the future")
        return data


class FindingForm(IdentityCheckMixin, VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    checked = ("text",)

    class Meta:
        model = Finding
        fields = ["kind", "text", "themes"]
        widgets = {"kind": forms.RadioSelect, "themes": forms.CheckboxSelectMultiple}
        labels = {"kind": "Strength or area for improvement", "themes": "Learning themes"}

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.audit = audit
        self.fields["themes"].queryset = audit.board.learning_themes.order_by("name")
        self.fields[
            "themes"
        ].help_text = "The same themes as case review lessons: the themes page shows both."
        self.helper.layout = Layout(
            Field.radios("kind", legend_size="s"),
            Field.textarea("text", rows=4),
            Field.checkboxes("themes", small=True),
        )


class AuditRecommendationForm(IdentityCheckMixin, VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    checked = ("text",)

    class Meta:
        model = AuditRecommendation
        fields = ["number", "text"]

    def __init__(self, *args, audit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.audit = audit
        if not self.instance.pk:
            self.fields["number"].initial = (
                max((r.number for r in audit.recommendations.all()), default=0) + 1
            )
        self.helper.layout = Layout(
            Field.text("number", field_width=3), Field.textarea("text", rows=4)
        )

    def clean_number(self):
        number = self.cleaned_data["number"]
        same = self.instance.audit.recommendations.filter(number=number)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The audit already has a recommendation with this number")
        return number


class MakeActionForm(IdentityCheckMixin, GdsFormMixin, forms.Form):
    """Turn a recommendation into an action of the audit's action plan."""

    submit_label = "Make it an action"
    checked = ("outcome",)

    due_date = optional_date("Due date")
    outcome = forms.CharField(
        label="What we are trying to achieve",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field("due_date"), Field.textarea("outcome", rows=3))

import re

import django_filters
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Submit
from django import forms
from django.utils import timezone
from django.utils.text import Truncator

from actions.models import Action
from boards.models import Board
from core.forms import GdsFormMixin, optional_date
from core.versioning import VersionGuardMixin

from . import sar_workflow, workflow
from .clocks import ClockState
from .models import (
    REFERENCE_HELP,
    CaseReview,
    Dissemination,
    DisseminationTask,
    LearningTheme,
    Lesson,
    Recommendation,
    ReviewKind,
    ReviewSettings,
    Status,
    kinds_for,
    status_label,
)

IDENTITY_WARNING = (
    "Never enter a child's or family member's name, date of birth, address, school or anything "
    "else that could identify them. Use the published reference, such as “Child N”."
)
ADULT_WARNING = (
    "Never enter the adult's or a family member's name, initials, date of birth, exact age, address "
    "or anything else that could identify them. Use the published reference, such as “Adult A”."
)
# A SAR's dates of the children's clocks: it has no national panel notification or rapid review, and
# its decision date is its section 44 decision's (reviews/sar_workflow.decide).
NOT_FOR_A_SAR = ["known_date", "notified_date", "rapid_review_date", "decision_date"]


def identity_warning(review):
    """What the page of a review's form warns against: a child's identity, or an adult's."""
    return ADULT_WARNING if review.kind == ReviewKind.SAR else IDENTITY_WARNING


LETTERS_LIKE_INITIALS = re.compile(r"^\w+ ([A-Z]{2,})$")


DATES = [  # the key dates, in the order they come
    "incident_date",
    "known_date",
    "notified_date",
    "rapid_review_date",
    "decision_date",
    "publication_date",
]


class CaseReviewForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    published_letters = forms.BooleanField(
        required=False,
        label="The published report uses these letters: they are not the person’s initials",
    )
    incident_date = optional_date("Date of the incident")
    known_date = optional_date(
        "Date the incident became known", "Starts the 5 working day clock for the notification."
    )
    notified_date = optional_date(
        "Date the national panel was notified",
        "Starts the 15 working day clock for the rapid review.",
    )
    rapid_review_date = optional_date("Date the rapid review was completed")
    decision_date = optional_date("Date of the decision")
    publication_date = optional_date("Date published")
    period_start = optional_date("Period under review: from")
    period_end = optional_date("Period under review: to")

    class Meta:
        model = CaseReview
        fields = [
            "reference",
            "kind",
            *DATES,
            "period_start",
            "period_end",
            "period_note",
            "summary",
        ]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        if self.instance.pk:
            del self.fields["kind"]  # a kind changes only by re-categorising, with a reason
        else:  # a SAR is recorded from its referral (reviews/views/sar.py)
            self.fields["kind"].choices = [(k.value, k.label) for k in kinds_for(board)]
        sar = self.instance.kind == ReviewKind.SAR
        self.examples = ("Adult A", "Adult 3") if sar else ("Child N", "Child 3")
        self.fields["reference"].help_text = REFERENCE_HELP.replace("Child N", self.examples[0])
        self.fields["published_letters"].help_text = (
            "Two or more letters read like initials. Tick only when the board’s published report "
            f"gives this reference; otherwise use one letter or a number, such as “{self.examples[0]}”."
        )
        if sar:
            for name in NOT_FOR_A_SAR:
                del self.fields[name]
        dates = [name for name in DATES if name in self.fields]
        self.helper.layout = Layout(
            Field.text("reference", field_width=10),
            Field.checkbox("published_letters", small=True),
            *([Field.radios("kind", legend_size="s")] if "kind" in self.fields else []),
            Fieldset(
                *(Field(name) for name in dates),
                legend="Key dates",
                legend_size="m",
            ),
            Fieldset(
                Field("period_start"),
                Field("period_end"),
                Field.text("period_note"),
                legend="Period under review",
                legend_size="m",
            ),
            Field.textarea("summary", rows=8, label_size="s"),
        )

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        same = CaseReview.objects.filter(board=self.instance.board, reference__iexact=reference)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The board already has a review with this reference")
        return reference

    def clean(self):
        data = super().clean()
        letters = LETTERS_LIKE_INITIALS.match(data.get("reference", ""))
        changed = data.get("reference") != self.instance.reference
        if letters and changed and not data.get("published_letters"):
            self.add_error(
                "reference",
                f"“{letters.group(1)}” could be someone’s initials, which would identify them. Use "
                f"one letter or a number, such as “{self.examples[0]}” or “{self.examples[1]}”, or "
                "tick the box below if the published report uses these letters",
            )
        today = timezone.localdate()
        order = [
            ("incident_date", "known_date", "The incident cannot become known before it happened"),
            (
                "known_date",
                "notified_date",
                "The notification cannot be before the incident was known",
            ),
            (
                "notified_date",
                "rapid_review_date",
                "The rapid review cannot end before the notification",
            ),
            ("period_start", "period_end", "The period under review must end after it starts"),
        ]
        for earlier, later, message in order:
            if data.get(earlier) and data.get(later) and data[later] < data[earlier]:
                self.add_error(later, message)
        for name in ("incident_date", "known_date", "notified_date", "rapid_review_date"):
            if data.get(name) and data[name] > today:
                self.add_error(name, "The date cannot be in the future")
        return data


class StatusForm(GdsFormMixin, forms.Form):
    submit_label = "Move the review"

    status = forms.ChoiceField(label="Move to", widget=forms.RadioSelect)
    on = DateInputField(label="Date", help_text="For example, 27 3 2017")
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea,
        required=False,
        help_text="Required when moving the review back to an earlier stage.",
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = review
        self.fields["status"].choices = [
            (s.value, status_label(s, review.kind))
            for s in Status
            if s != review.status and sar_workflow.offers(review, s)
        ]
        self.fields["on"].initial = timezone.localdate()
        self.helper.layout = Layout(
            Field.radios("status", legend_size="s"), Field("on"), Field.textarea("note", rows=3)
        )

    def clean(self):
        data = super().clean()
        status, note = data.get("status"), data.get("note", "").strip()
        if status and (problem := sar_workflow.status_problem(self.review, status)):
            self.add_error("status", problem)
        if status and workflow.is_backwards(self.review, status) and not note:
            self.add_error("note", "Say why the review goes back to an earlier stage")
        if data.get("on") and data["on"] > timezone.localdate():
            self.add_error("on", "The date cannot be in the future")
        return data


class RecategoriseForm(GdsFormMixin, forms.Form):
    submit_label = "Re-categorise"

    kind = forms.ChoiceField(label="New kind of review", widget=forms.RadioSelect)
    on = DateInputField(label="Date of the decision")
    note = forms.CharField(label="Reason", widget=forms.Textarea)

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        others = [kind for kind in kinds_for(review.board) if kind != review.kind]
        self.fields["kind"].choices = [(k.value, k.label) for k in others]
        self.fields["on"].initial = timezone.localdate()
        self.helper.layout = Layout(
            Field.radios("kind", legend_size="s"), Field("on"), Field.textarea("note", rows=3)
        )


def answering_actions(form, review):
    """The actions of the review's action plan that answer a lesson or recommendation, as checkboxes
    (none without a plan)."""
    field = form.fields["actions"]
    if not review.plan_id:
        del form.fields["actions"]
        return []
    field.queryset = Action.objects.filter(plan_id=review.plan_id).order_by("ref_sort")
    field.label = "Actions that answer it"
    field.help_text = "From the review’s action plan. Leave all unticked if none does yet."
    field.label_from_instance = lambda action: f"{action.ref}: {Truncator(action.text).chars(90)}"
    return [Field.checkboxes("actions", small=True)]


class LessonForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ["number", "title", "text", "themes", "actions"]
        widgets = {"themes": forms.CheckboxSelectMultiple, "actions": forms.CheckboxSelectMultiple}
        help_texts = {"text": "Start a line with “- ” for each point of a lesson that has several."}

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.review = review
        self.fields["themes"].queryset = review.board.learning_themes.all()
        self.fields["themes"].label = "Learning themes"
        if not self.instance.pk:
            self.fields["number"].initial = (
                max((lesson.number for lesson in review.lessons.all()), default=0) + 1
            )
        self.helper.layout = Layout(
            Field.text("number", field_width=3),
            Field.text("title"),
            Field.textarea("text", rows=5),
            Field.checkboxes("themes", small=True),
            *answering_actions(self, review),
        )

    def clean_number(self):
        number = self.cleaned_data["number"]
        if self.instance.review.lessons.filter(number=number).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The review already has a lesson with this number")
        return number


class RecommendationForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["number", "text", "actions"]
        widgets = {"actions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.review = review
        if not self.instance.pk:
            self.fields["number"].initial = (
                max((r.number for r in review.recommendations.all()), default=0) + 1
            )
        self.helper.layout = Layout(
            Field.text("number", field_width=3),
            Field.textarea("text", rows=4),
            *answering_actions(self, review),
        )

    def clean_number(self):
        number = self.cleaned_data["number"]
        same = self.instance.review.recommendations.filter(number=number)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The review already has a recommendation with this number")
        return number


class DisseminationForm(VersionGuardMixin, GdsFormMixin, forms.Form):
    """The six dissemination tasks of a published review, each with the date and who did it."""

    submit_label = "Save the checklist"

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = review
        self.guarded = review  # the lost-update guard locks the review, compares its checklist
        self.guarded_history = DisseminationTask.history.filter(review=review.pk)
        self.existing = {t.task: t for t in review.dissemination.all()}
        fieldsets = []
        for task in Dissemination:
            done = self.existing.get(task.value)
            self.fields[f"{task.value}_on"] = optional_date("Date done")
            self.fields[f"{task.value}_by"] = forms.CharField(
                label="Who did it", required=False, max_length=200, help_text="A role or a group."
            )
            if done:
                self.fields[f"{task.value}_on"].initial = done.done_on
                self.fields[f"{task.value}_by"].initial = done.done_by
            fieldsets.append(
                Fieldset(
                    Field(f"{task.value}_on"),
                    Field.text(f"{task.value}_by"),
                    legend=task.label,
                    legend_size="s",
                )
            )
        self.helper.layout = Layout(*fieldsets)

    def clean(self):
        data = super().clean()
        for task in Dissemination:
            on, by = data.get(f"{task.value}_on"), data.get(f"{task.value}_by", "").strip()
            if by and not on:
                self.add_error(f"{task.value}_on", f"Enter the date: {task.label.lower()}")
            if on and on > timezone.localdate():
                self.add_error(f"{task.value}_on", "The date cannot be in the future")
        return data

    def save(self, user):
        for task in Dissemination:
            on = self.cleaned_data.get(f"{task.value}_on")
            by = self.cleaned_data.get(f"{task.value}_by", "").strip()
            item = self.existing.get(task.value) or DisseminationTask(
                review=self.review, task=task.value
            )
            if item.pk is None and not on and not by:
                continue
            if (item.done_on, item.done_by) != (on, by) or item.pk is None:
                item.done_on, item.done_by = on, by
                item._history_user = user
                item.save()


class LearningThemeForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = LearningTheme
        fields = ["name", "description"]

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.helper.layout = Layout(Field.text("name"), Field.textarea("description", rows=3))

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        same = LearningTheme.objects.filter(board=self.instance.board, name__iexact=name)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The board already has a learning theme with this name")
        return name


class ReviewSettingsForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = ReviewSettings
        fields = ["case_review_group"]

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["case_review_group"].queryset = board.subgroups.order_by("name")
        self.fields["case_review_group"].empty_label = "None: only the board office"
        self.helper.layout = Layout(Field.select("case_review_group"))


UNPUBLISHED = "unpublished"


class ReviewFilter(django_filters.FilterSet):
    board = django_filters.ModelChoiceFilter(
        queryset=Board.objects.none(), empty_label="All boards"
    )
    kind = django_filters.ChoiceFilter(choices=ReviewKind.choices, empty_label="Any kind")
    status = django_filters.ChoiceFilter(
        choices=[(UNPUBLISHED, "Any stage before publication"), *Status.choices],
        method="filter_status",
        empty_label="Any status",
    )
    clock = django_filters.ChoiceFilter(
        choices=[
            (ClockState.RUNNING.value, "Clock running"),
            (ClockState.DUE_SOON.value, "Due soon"),
            (ClockState.OVERDUE.value, "Overdue"),
        ],
        method="filter_clock",
        label="Statutory clock",
        empty_label="Any",
    )
    outstanding = django_filters.BooleanFilter(
        method="filter_outstanding",
        label="With outstanding actions only",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = CaseReview
        fields = []

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["board"].queryset = boards
        self.form.helper = FormHelper()
        self.form.helper.form_method = "get"
        self.form.helper.layout = Layout(
            Field.select("board"),
            Field.select("kind"),
            Field.select("status"),
            Field.select("clock"),
            Field.checkbox("outstanding"),
        )
        self.form.helper.add_input(
            Submit("apply", "Apply filters", css_class="govuk-button--secondary")
        )

    def filter_status(self, queryset, name, value):
        """A stage; or every stage before publication (the home page's reviews in progress)."""
        if value == UNPUBLISHED:
            return queryset.exclude(status__in=[Status.PUBLISHED, Status.CLOSED])
        return queryset.filter(status=value)

    def filter_clock(self, queryset, name, value):
        today = timezone.localdate()
        if value == ClockState.OVERDUE:
            return queryset.overdue(today)
        if value == ClockState.DUE_SOON:
            return queryset.due_soon(today)
        return queryset.clock_running()

    def filter_outstanding(self, queryset, name, value):
        return queryset.filter(outstanding__gt=0) if value else queryset

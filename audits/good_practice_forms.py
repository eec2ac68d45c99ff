"""The good practice catalogue's forms: an example (sent in, changed, resubmitted), the office's
decision, and the catalogue's filters."""

import django_filters
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.utils import timezone

from boards.models import Agency, Board, LearningTheme, Sector
from core import forms as core_forms
from core.filters import filter_helper
from core.forms import GdsFormMixin, optional_date
from core.identity import identity_problem
from core.versioning import VersionGuardMixin

from .good_practice import GoodPractice, GoodPracticeStatus

FREE_TEXT = ("title", "summary", "outcome")


class GoodPracticeForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    """An example of good practice. A person of an agency sends it in for their own agency; the
    office (or someone of no partner agency) chooses the agency."""

    submit_label = "Send for approval"
    practice_date = optional_date("When it happened (optional)", "For example, 27 3 2017")

    class Meta:
        model = GoodPractice
        fields = ["title", "agency", "summary", "outcome", "themes", "practice_date"]
        widgets = {"themes": forms.CheckboxSelectMultiple}
        help_texts = {
            "title": "A short name others will recognise, such as “Hearing a non-verbal child”.",
            "summary": "The intervention, or the change to a system or process, and who took part.",
            "themes": "The themes case review lessons use: the lessons page links each theme to "
            "its examples.",
        }

    def __init__(self, *args, board, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        person = self.instance.person
        self.fields["outcome"].label = f"What changed for the {person}"
        self.fields["outcome"].help_text = (
            f"The difference it made to the {person}’s situation, in a way nobody can be "
            "recognised from."
        )
        partners = Agency.objects.filter(partnerships__board=board).order_by("name")
        self.fields["agency"].queryset = partners
        own = user.agency_id and partners.filter(pk=user.agency_id).exists()
        office = user.is_superuser or Board.objects.managed_by(user).filter(pk=board.pk).exists()
        if own and not office:
            del self.fields["agency"]  # their own agency's example
            if not self.instance.pk:
                self.instance.agency_id = user.agency_id
        self.fields["themes"].queryset = LearningTheme.objects.filter(board=board)
        if self.instance.status == GoodPracticeStatus.RETURNED and not office:
            self.submit_label = "Send for approval again"
            self.helper.inputs[0].value = self.submit_label
        elif self.instance.pk:
            self.helper.inputs[0].value = "Save changes"
        self.helper.layout = Layout(
            Field.text("title"),
            *([Field.select("agency")] if "agency" in self.fields else []),
            Field.textarea("summary", rows=6),
            Field.textarea("outcome", rows=5),
            Field.checkboxes("themes", small=True),
            Field("practice_date"),
        )

    def clean(self):
        data = super().clean()
        for name in FREE_TEXT:
            if name in data and (problem := identity_problem(data[name] or "")):
                self.add_error(name, problem)
        when = data.get("practice_date")
        if when and when > timezone.localdate():
            self.add_error("practice_date", "The date cannot be in the future")
        return data


class DecisionForm(core_forms.DecisionForm):
    """The office publishes an example, or returns it to the person who sent it with what to change."""

    PUBLISH = core_forms.DecisionForm.ACCEPT
    choices = [
        (PUBLISH, "Publish it in the catalogue"),
        (core_forms.DecisionForm.RETURN, "Return it for changes"),
    ]
    comment_label = "Comments for the person who sent it"


class CatalogueFilter(django_filters.FilterSet):
    """The published catalogue: words, a learning theme, an agency, a sector."""

    q = django_filters.CharFilter(method="filter_words", label="Search for")
    theme = django_filters.ModelChoiceFilter(
        field_name="themes",
        queryset=LearningTheme.objects.none(),
        empty_label="Any theme",
        label="Learning theme",
    )
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.none(), empty_label="Any agency"
    )
    sector = django_filters.ChoiceFilter(
        field_name="agency__sector", choices=Sector.choices, empty_label="Any sector"
    )

    class Meta:
        model = GoodPractice
        fields = []

    def __init__(self, *args, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["theme"].queryset = LearningTheme.objects.filter(board__in=boards).order_by(
            "name"
        )
        self.filters["agency"].queryset = (
            Agency.objects.filter(
                good_practice__in=GoodPractice.objects.published().filter(board__in=boards)
            )
            .distinct()
            .order_by("name")
        )
        self.form.helper = filter_helper("q", "theme", "agency", "sector")

    def filter_words(self, queryset, name, value):
        return queryset.search(value)

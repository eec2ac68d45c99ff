"""The office's Section 11 lists and their filters: a cycle's agencies expected, and the returns.
The filters live in the query string, so every count on a dashboard links to its list filtered."""

import django_filters
from django.db.models import Count, Exists, OuterRef

from boards.models import Agency, Sector
from core.filters import filter_helper

from .models import COUNTED, AuditCycle, Submission, SubmissionStatus

NOT_STARTED, YET_TO_SUBMIT = "none", "yet"


class ExpectedFilter(django_filters.FilterSet):
    """A cycle's agencies expected (Agency rows), by the state of their return to the cycle."""

    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label="Agency name contains"
    )
    status = django_filters.ChoiceFilter(
        choices=[
            (YET_TO_SUBMIT, "Yet to submit (not started, in progress or returned)"),
            (NOT_STARTED, "Not started"),
            *SubmissionStatus.choices,
        ],
        method="filter_status",
        label="Return status",
        empty_label="Any",
    )
    sector = django_filters.ChoiceFilter(choices=Sector.choices, empty_label="Any sector")

    class Meta:
        model = Agency
        fields = []

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.form.helper = filter_helper("q", "status", "sector")
        self.form.helper.form_action = "#agencies"

    def filter_status(self, queryset, name, value):
        returns = Submission.objects.filter(cycle=self.cycle, agency=OuterRef("pk"))
        if value == NOT_STARTED:
            return queryset.exclude(Exists(returns))
        if value == YET_TO_SUBMIT:  # what the dashboard counts as not in (see reports/dashboard.py)
            return queryset.exclude(Exists(returns.filter(status__in=COUNTED)))
        return queryset.filter(Exists(returns.filter(status=value)))


def expected_counts(cycle):
    """[(status filter value, label, count)]: how many of the cycle's agencies expected stand at each
    state of their return, yet to submit first; each count links to ExpectedFilter's list."""
    expected = cycle.expected.count()
    by_status = dict(
        cycle.submissions.filter(agency__in=cycle.expected.all())
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    started = sum(by_status.values())
    counted = sum(by_status.get(status, 0) for status in COUNTED)
    return [
        (YET_TO_SUBMIT, "Yet to submit", expected - counted),
        (NOT_STARTED, "Not started", expected - started),
        *((status.value, status.label, by_status.get(status, 0)) for status in SubmissionStatus),
    ]


class ReturnFilter(django_filters.FilterSet):
    """The returns of the cycles an office runs."""

    q = django_filters.CharFilter(
        field_name="agency__name", lookup_expr="icontains", label="Agency name contains"
    )
    cycle = django_filters.ModelChoiceFilter(
        queryset=AuditCycle.objects.none(), empty_label="All cycles"
    )
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices, empty_label="Any status")
    sector = django_filters.ChoiceFilter(
        field_name="agency__sector", choices=Sector.choices, empty_label="Any sector"
    )

    class Meta:
        model = Submission
        fields = []

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["cycle"].queryset = cycles
        self.form.helper = filter_helper("q", "cycle", "status", "sector")

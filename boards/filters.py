"""The filters of a board's partner agencies list: by name, sector, statutory partner, seat at the
board and entry in the relevant agencies register, in the query string."""

import django_filters

from core.filters import filter_helper

from .models import BoardAgency, Sector

YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no(field_name, label, empty_label):
    return django_filters.ChoiceFilter(
        choices=YES_NO,
        label=label,
        empty_label=empty_label,
        method=lambda queryset, name, value: queryset.filter(**{field_name: value == "yes"}),
    )


class PartnerFilter(django_filters.FilterSet):
    """A board's partners (BoardAgency rows)."""

    q = django_filters.CharFilter(
        field_name="agency__name", lookup_expr="icontains", label="Agency name contains"
    )
    sector = django_filters.ChoiceFilter(
        field_name="agency__sector", choices=Sector.choices, empty_label="Any sector"
    )
    statutory = yes_no("agency__statutory", "Statutory partner", "Either")
    represented = yes_no("represented", "Represented at the board", "Either")
    relevant = django_filters.ChoiceFilter(
        choices=YES_NO,
        label="Recorded in the relevant agencies register",
        empty_label="Either",
        method="filter_relevant",
    )

    class Meta:
        model = BoardAgency
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.helper = filter_helper("q", "sector", "statutory", "represented", "relevant")

    def filter_relevant(self, queryset, name, value):
        return queryset.exclude(category="") if value == "yes" else queryset.filter(category="")

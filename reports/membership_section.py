"""The annual report's membership section, as at the report's period end: the board's partner
agencies as their history (django-simple-history) says they were then, under the names they had
then. An agency that joined after the year, or left before its end, is not in it."""

from boards.models import Agency, BoardAgency
from core.as_at import existing

from .content import table


def partners_at(board, day):
    """[(agency as it was then, represented then)] of `board`'s partners at the end of `day`: two
    queries, whatever the number of partners."""
    partners = list(existing(BoardAgency.history.filter(board_id=board.pk), day).order_by("id"))
    agencies = existing(Agency.history.filter(id__in=[p.agency_id for p in partners]), day)
    named = {agency.id: agency for agency in agencies}
    return [(named[p.agency_id], p.represented) for p in partners if p.agency_id in named]


def membership(section, report, reader):
    day = report.period_end
    partners = partners_at(report.board, day)
    represented = [agency for agency, sits in partners if sits]
    return {
        "paragraphs": [
            f"The agencies represented at the board ({len(represented)}) at {day:%-d %B %Y}. "
            f"In all {len(partners)} partner agencies took part in its work and subgroups."
        ],
        "tables": [
            table(
                "Agencies represented at the board",
                [
                    ["Agency", "Sector"],
                    *[[a.name, a.instance.get_sector_display()] for a in represented],
                ],
            )
        ],
    }

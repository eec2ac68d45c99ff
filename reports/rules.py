import rules

from boards.rules import is_admin, is_board_office, is_scrutineer

from .models import SectionKind

# An annual report (or anything with a `board`): its board's office staff write and publish it.
rules.add_perm("reports.manage_report", is_admin | is_board_office)


@rules.predicate
def is_statement(user, section):
    return section is not None and section.kind == SectionKind.SCRUTINY_STATEMENT


@rules.predicate
def scrutinises_the_board(user, section):
    """The independent scrutineer of the section's report's board."""
    return section is not None and is_scrutineer(user, section.report.board)


# The scrutineer's statement: only the board's independent scrutineer writes its text. The office
# adds the section (and may renumber or retitle it) but never writes it; everyone else reads it.
rules.add_perm("reports.write_statement", is_statement & scrutinises_the_board)

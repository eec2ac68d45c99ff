import rules

from boards.rules import is_admin, is_board_office

# An annual report (or anything with a `board`): its board's office staff write and publish it.
rules.add_perm("reports.manage_report", is_admin | is_board_office)

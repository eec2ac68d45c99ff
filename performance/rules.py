"""Board readers read the scorecard (the queryset decides that); only the board's office staff change
indicators, targets, measurements and overrides."""

import rules

from boards.rules import is_admin, is_board_office

rules.add_perm("performance.manage", is_admin | is_board_office)

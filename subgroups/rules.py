import rules

from boards.rules import is_admin, is_board_office

rules.add_perm("subgroups.manage_subgroup", is_admin | is_board_office)

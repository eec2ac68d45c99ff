import rules

from boards.rules import is_admin, is_board_office


@rules.predicate
def chairs_an_owner(user, action):
    """Chair or vice-chair of a subgroup that owns the action."""
    return action is not None and user.is_authenticated and action.chaired_by(user)


@rules.predicate
def leads_its_agency(user, action):
    """The safeguarding lead of the agency the action belongs to (its Section 11 improvement action)."""
    return action is not None and user.is_authenticated and action.led_by(user)


rules.add_perm(
    "actions.update_action", is_admin | is_board_office | chairs_an_owner | leads_its_agency
)
rules.add_perm("actions.manage_plan", is_admin | is_board_office)

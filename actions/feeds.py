"""The tables the cached pages of plans and actions are built from (core.page_cache): the plans
themselves, and who may see which action (boards, memberships, groups, agencies)."""

from boards.models import Agency, Board, BoardAgency, BoardMembership
from core.page_cache import feeds
from subgroups.models import Subgroup, SubgroupMembership

from .models import Action, Plan, Theme, Update, UpdateCycle

FEEDS = feeds(
    Plan,
    Theme,
    Action,
    Action.owners.through,
    UpdateCycle,
    Update,
    Board,
    Agency,
    BoardAgency,
    BoardMembership,
    Subgroup,
    SubgroupMembership,
)

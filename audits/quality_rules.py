"""Who changes multi-agency quality audits: the board's office, and the members (any role) of the
group that runs the audit. Anyone in one of the board's groups may put an audit their group runs on
the forward plan. Everyone who sees the board reads them (QualityAudit.objects.visible_to)."""

import rules

from boards.rules import board_of, is_admin, is_board_office
from subgroups.models import SubgroupMembership


@rules.predicate
def in_running_group(user, audit):
    """A member, chair or vice-chair of the group that runs the audit."""
    if audit is None or not user.is_authenticated:
        return False
    return SubgroupMembership.objects.filter(user=user, subgroup_id=audit.group_id).exists()


@rules.predicate
def in_a_group_of(user, obj):
    """A member of any group of the board of `obj` (a board, or anything with a board)."""
    if obj is None or not user.is_authenticated:
        return False
    return SubgroupMembership.objects.filter(user=user, subgroup__board=board_of(obj)).exists()


rules.add_perm("audits.add_quality_audit", is_admin | is_board_office | in_a_group_of)
rules.add_perm("audits.edit_quality_audit", is_admin | is_board_office | in_running_group)

"""Fixtures of the case review tests."""

import pytest

from reviews.models import ReviewSettings
from subgroups.models import MemberRole

from ..factories import SubgroupMembershipFactory, UserFactory


@pytest.fixture
def crg_member(board, other_subgroup):
    """A member of the board's case review group (the Learning and Improvement group here)."""
    ReviewSettings.objects.create(board=board, case_review_group=other_subgroup)
    user = UserFactory(name="Cara Reviewer")
    SubgroupMembershipFactory(subgroup=other_subgroup, user=user, role=MemberRole.MEMBER)
    return user

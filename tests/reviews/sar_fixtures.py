"""An adults board with a person in each of its roles, and a SAR of it (for tests/reviews/test_sar*.py)."""

from datetime import date

import pytest

from boards.models import BoardKind, Role
from reviews.models import CaseReview, ReviewKind, ReviewSettings
from reviews.sar import SarDetails
from reviews.workflow import record_creation
from subgroups.models import MemberRole

from ..conftest import board_person
from ..factories import (
    AgencyFactory,
    BoardAgencyFactory,
    BoardFactory,
    SubgroupFactory,
    SubgroupMembershipFactory,
    UserFactory,
)


@pytest.fixture
def sab(db):
    return BoardFactory(
        name="Testshire Safeguarding Adults Board", short_name="TSAB", kind=BoardKind.ADULTS
    )


@pytest.fixture
def sab_people(sab):
    """Office, independent chair, a member, an agency lead and a member of the SAR group."""
    agency = BoardAgencyFactory(board=sab, agency=AgencyFactory(name="Testshire Care Homes")).agency
    group = SubgroupFactory(board=sab, name="SAR Subgroup", short_name="SAR")
    ReviewSettings.objects.create(board=sab, case_review_group=group)
    reviewer = UserFactory(name="Sara Reviewer")
    SubgroupMembershipFactory(subgroup=group, user=reviewer, role=MemberRole.MEMBER)
    return {
        "sab_office": board_person(sab, Role.OFFICE, name="Sal Office"),
        "sab_chair": board_person(sab, Role.SAB_CHAIR, name="Ines Chair"),
        "sab_member": board_person(sab, Role.SAB_MEMBER, name="Mel Member"),
        "sab_lead": board_person(sab, Role.AGENCY_LEAD, name="Lou Lead", agency=agency),
        "sar_group": reviewer,
    }


def new_sar(board, reference="Adult A", **details):
    review = CaseReview.objects.create(board=board, reference=reference, kind=ReviewKind.SAR)
    record_creation(review, user=None, on=date(2024, 3, 1))
    SarDetails.objects.create(
        review=review,
        referral_date=date(2024, 3, 1),
        referrer="Testshire Police",
        referral_summary="A man of 70 found at home after a long period of self-neglect.",
        **details,
    )
    return review


@pytest.fixture
def sar(sab):
    return new_sar(sab)

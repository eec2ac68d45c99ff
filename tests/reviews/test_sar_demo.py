"""The demo's illustrative safeguarding adults board and its one SAR, from referral to published."""

import csv
import io

from django.urls import reverse

from boards.models import Board, BoardKind, Role
from reviews.models import CaseReview, Status
from reviews.sar import S44Decision

NAME = "Illustrative Safeguarding Adults Board"


def test_the_illustrative_board_sits_beside_cumbria_with_its_people(demo_board):
    board = Board.objects.get(name=NAME)
    assert board.kind == BoardKind.ADULTS and "illustrative" in board.description.lower()
    roles = set(board.memberships.values_list("user__email", "role"))
    assert roles == {
        ("sab.office@demo.lscb.test", Role.OFFICE),
        ("sab.chair@demo.lscb.test", Role.SAB_CHAIR),
        ("sab.member@demo.lscb.test", Role.SAB_MEMBER),
    }
    assert board.review_settings.case_review_group.name == "Safeguarding Adults Review Subgroup"


def test_its_sar_went_from_referral_to_published(demo_board):
    review = CaseReview.objects.get(board__name=NAME, reference="Adult A")
    details = review.sar
    assert review.status == Status.PUBLISHED and review.publication_date.isoformat() == "2017-03-14"
    assert details.decision == S44Decision.MANDATORY and details.rationale
    assert details.methodology and details.age_band == "75-84"
    assert details.markers.exclude(rating="").count() == 15
    assert review.lessons.count() == 3 and review.recommendations.count() == 3
    assert review.plan.actions.count() == 3
    assert all(r.actions.exists() for r in review.recommendations.all())
    moves = list(review.changes.values_list("status", flat=True))
    assert moves == [
        "notified",
        "decision",
        "commissioned",
        "in_progress",
        "draft_report",
        "published",
    ]


def test_its_office_downloads_the_library_row(demo_board, client):
    from accounts.models import User

    board = Board.objects.get(name=NAME)
    client.force_login(User.objects.get(email="sab.office@demo.lscb.test"))
    response = client.get(reverse("reviews:sar_export", args=[board.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["Adult A", NAME, "2017-03-14"]
    assert rows[1][-1] == "Mental capacity; Multi-agency working; Self-neglect"
    assert (
        client.get(review_url := CaseReview.objects.get(board=board).get_absolute_url()).status_code
        == 200
    )
    assert "Quality markers" in client.get(review_url).content.decode()


def test_cumbria_people_do_not_see_it(demo_board, client):
    from accounts.models import User

    board = Board.objects.get(name=NAME)
    client.force_login(User.objects.get(email="office@demo.lscb.test"))
    assert client.get(reverse("reviews:sar_list", args=[board.pk])).status_code == 404

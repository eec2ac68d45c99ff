"""The demo's case reviews are those of the 2016-17 annual report (sections 24 to 26)."""

from datetime import date

import pytest
from django.urls import reverse

from actions.models import PlanKind
from core.rag import Rag
from reviews.models import CaseReview, LearningTheme, Lesson, ReviewKind, Status

from ..demo.test_demo import BOARD

SCRS = {
    "Child N": (date(2016, 6, 13), 5),
    "Child L": (date(2016, 6, 17), 4),
    "Child AC": (date(2016, 7, 8), 10),
    "Child R": (date(2016, 7, 18), 5),
    "Child O": (date(2016, 8, 23), 6),
}
PRACTICE_REVIEWS = ["Child AB", "Child AD", "Child MW", "Child SR"]


@pytest.fixture
def demo(demo_board):
    return CaseReview.objects.filter(board__name=BOARD)


def test_five_serious_case_reviews_with_dates_and_lessons(demo):
    scrs = demo.filter(kind=ReviewKind.SCR)
    assert {r.reference: (r.publication_date, r.lessons.count()) for r in scrs} == SCRS
    assert all(r.status == Status.PUBLISHED for r in scrs)


def test_periods_under_review(demo):
    child_n = demo.get(reference="Child N")
    assert (child_n.period_start, child_n.period_end) == (date(2011, 3, 1), date(2012, 12, 31))
    assert "mid-2014" in demo.get(reference="Child AC").period_note


def test_four_practice_reviews_and_child_ad_recategorised(demo):
    practice = demo.filter(kind=ReviewKind.PRACTICE)
    assert sorted(practice.values_list("reference", flat=True)) == PRACTICE_REVIEWS
    change = demo.get(reference="Child AD").changes.get(previous_kind=ReviewKind.SCR)
    assert change.kind == ReviewKind.PRACTICE
    assert "re-categorised" in change.note


def test_child_ad_history_shows_the_recategorisation(demo, client, settings):
    from accounts.models import User

    client.force_login(User.objects.get(email="member@demo.lscb.test"))
    page = client.get(demo.get(reference="Child AD").get_absolute_url()).content.decode()
    assert "Re-categorised from serious case review to practice review" in page


def test_action_plans_have_completed_and_outstanding_actions(demo):
    for review in demo.filter(kind=ReviewKind.SCR):
        assert review.plan.kind == PlanKind.REVIEW
        rags = list(review.plan.actions.values_list("rag", flat=True))
        assert Rag.COMPLETE in rags, review
        assert any(rag != Rag.COMPLETE for rag in rags), review
        assert review.dissemination.filter(done_on__isnull=False).count() == 6


def test_the_story_holds_no_year_of_birth(demo):
    assert "2001" not in demo.get(reference="Child R").summary


def test_lessons_by_theme_lists_the_demo_lessons_under_their_themes(demo, client):
    from accounts.models import User

    client.force_login(User.objects.get(email="chair@demo.lscb.test"))
    response = client.get(reverse("reviews:lessons"))
    page = response.content.decode()
    themes = {t.name: t for t in response.context["themes"]}
    assert len(themes) == LearningTheme.objects.filter(board__name=BOARD).count() == 22
    immobile = [
        f"{lesson.review.reference} {lesson.number}"
        for lesson in themes["Immobile infants"].visible_lessons
    ]
    assert immobile == ["Child N 3"]
    neglect = [
        f"{lesson.review.reference} {lesson.number}" for lesson in themes["Neglect"].visible_lessons
    ]
    assert neglect == ["Child O 4"]
    care_leavers = {
        lesson.review.reference for lesson in themes["Care leavers as parents"].visible_lessons
    }
    assert care_leavers == {"Child N", "Child L"}
    # Every lesson of the demo is on the page, under a theme (the Cumbria board's: the illustrative
    # adults board's are not its office's to read).
    assert not Lesson.objects.filter(themes__isnull=True).exists()
    for lesson in Lesson.objects.filter(review__board__name=BOARD):
        assert lesson.lead[:60] in page.replace("&#x27;", "'")
    # Under its theme's heading: Child N's immobile infant lesson after "Immobile infants".
    heading = page.index('id="theme-{}"'.format(themes["Immobile infants"].pk))
    assert heading < page.index("When immobile infants are presented multiple times", heading)


def test_agency_leads_see_no_demo_reviews(demo, client):
    from accounts.models import User

    client.force_login(User.objects.get(email="police.lead@demo.lscb.test"))
    assert client.get(demo.get(reference="Child N").get_absolute_url()).status_code == 404
    assert client.get(demo.get(reference="Child N").plan.get_absolute_url()).status_code == 404
    assert "Child N" not in client.get(reverse("reviews:lessons")).content.decode()

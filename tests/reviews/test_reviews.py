"""Case reviews: recording, moving on, re-categorising, clocks in lists, the case review group's powers,
agency leads kept out, action plans through the actions app, filters and exports."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actions.models import Action, Plan, PlanKind
from core.rag import Rag
from reviews.clocks import add_working_days
from reviews.models import CaseReview, ReviewKind, Status

from ..factories import ActionFactory, SubgroupMembershipFactory
from ..helpers import assert_queries_do_not_grow
from ..reviews_factories import CaseReviewFactory, LearningThemeFactory, LessonFactory

TODAY = timezone.localdate


def dmy(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_office_records_a_review_and_its_notification_clock_starts(login_as, board, office):
    known = date(2024, 12, 23)
    response = login_as("office").post(
        reverse("reviews:add", args=[board.pk]),
        {"reference": "Child Z", "kind": ReviewKind.RAPID, **dmy("known_date", known)},
    )
    review = CaseReview.objects.get(reference="Child Z")
    assert response.status_code == 302 and response.url == review.get_absolute_url()
    assert review.notification_due == date(2025, 1, 2)
    assert review.status == Status.NOTIFIED
    assert review.changes.get().by == office
    assert review.history.get().history_user == office
    page = login_as("office").get(review.get_absolute_url()).content.decode()
    assert "Thu 2 Jan 2025" in page and "Overdue" in page


@pytest.mark.parametrize(
    "reference", ["Jane Smith", "Child Jane", "child n", "Child N 2015", "N", "Child N, Carlisle"]
)
def test_a_reference_that_could_be_a_name_is_refused(login_as, board, office, reference):
    response = login_as("office").post(
        reverse("reviews:add", args=[board.pk]), {"reference": reference, "kind": ReviewKind.SCR}
    )
    assert response.status_code == 200
    assert "Never a name" in response.content.decode()
    assert not CaseReview.objects.exists()


def test_the_form_warns_against_identifying_detail(login_as, board, office):
    page = login_as("office").get(reverse("reviews:add", args=[board.pk])).content.decode()
    assert "Never enter a child" in page


def test_impossible_dates_are_refused(login_as, board, office):
    response = login_as("office").post(
        reverse("reviews:add", args=[board.pk]),
        {
            "reference": "Child Z",
            "kind": ReviewKind.SCR,
            **dmy("incident_date", date(2025, 3, 10)),
            **dmy("known_date", date(2025, 3, 1)),
            **dmy("notified_date", TODAY() + timedelta(days=3)),
        },
    )
    html = response.content.decode()
    assert "cannot become known before it happened" in html
    assert "cannot be in the future" in html
    assert not CaseReview.objects.exists()


def test_moving_a_review_records_who_and_when_and_stamps_its_date(login_as, case_review, office):
    client = login_as("office")
    on = TODAY() - timedelta(days=1)
    client.post(
        reverse("reviews:status", args=[case_review.pk]),
        {"status": Status.PUBLISHED, **dmy("on", on)},
    )
    case_review.refresh_from_db()
    assert case_review.status == Status.PUBLISHED
    assert case_review.publication_date == on
    change = case_review.changes.get()
    assert (change.previous_status, change.status, change.by, change.on) == (
        Status.NOTIFIED,
        Status.PUBLISHED,
        office,
        on,
    )


def test_moving_back_needs_a_reason(login_as, case_review, office):
    case_review.status = Status.DRAFT_REPORT
    case_review.save()
    url = reverse("reviews:status", args=[case_review.pk])
    response = login_as("office").post(url, {"status": Status.IN_PROGRESS, **dmy("on", TODAY())})
    assert "Say why the review goes back" in response.content.decode()
    case_review.refresh_from_db()
    assert case_review.status == Status.DRAFT_REPORT
    login_as("office").post(
        url, {"status": Status.IN_PROGRESS, **dmy("on", TODAY()), "note": "Panel comments"}
    )
    case_review.refresh_from_db()
    assert case_review.status == Status.IN_PROGRESS


def test_recategorising_keeps_the_history(login_as, case_review, office):
    case_review.kind = ReviewKind.SCR
    case_review.save()
    client = login_as("office")
    url = reverse("reviews:recategorise", args=[case_review.pk])
    assert client.post(url, {"kind": ReviewKind.PRACTICE, **dmy("on", TODAY())}).status_code == 200
    client.post(
        url, {"kind": ReviewKind.PRACTICE, **dmy("on", TODAY()), "note": "Criteria not met"}
    )
    case_review.refresh_from_db()
    assert case_review.kind == ReviewKind.PRACTICE
    page = client.get(case_review.get_absolute_url()).content.decode()
    assert "Re-categorised from serious case review to practice review" in page
    assert "Criteria not met" in page


def test_editing_does_not_change_the_kind(login_as, case_review, office):
    client = login_as("office")
    client.post(
        reverse("reviews:edit", args=[case_review.pk]),
        {"reference": "Child Q", "kind": ReviewKind.SAR, "summary": "A story."},
    )
    case_review.refresh_from_db()
    assert case_review.kind == ReviewKind.LCSPR and case_review.summary == "A story."


def test_the_case_review_group_edits_reviews(client, crg_member, case_review, board):
    client.force_login(crg_member)
    assert client.get(case_review.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("reviews:lesson_add", args=[case_review.pk]),
        {"number": 2, "text": "Share information in time."},
    )
    assert response.status_code == 302
    assert case_review.lessons.count() == 2
    assert client.get(reverse("reviews:add", args=[board.pk])).status_code == 200
    # ... but does not choose the group: that is the office's.
    assert client.get(reverse("reviews:settings", args=[board.pk])).status_code == 403


def test_other_groups_members_do_not_see_reviews(client, crg_member, subgroup_chair, case_review):
    client.force_login(subgroup_chair)
    assert client.get(case_review.get_absolute_url()).status_code == 404
    assert "Child Q" not in client.get(reverse("reviews:list")).content.decode()


def test_office_chooses_the_case_review_group(login_as, board, office, other_subgroup):
    login_as("office").post(
        reverse("reviews:settings", args=[board.pk]), {"case_review_group": other_subgroup.pk}
    )
    assert board.review_settings.case_review_group == other_subgroup


@pytest.fixture
def review_plan(login_as, case_review, office, subgroup):
    """The review's action plan with one action owned by `subgroup` and one complete, not owned."""
    login_as("office").post(reverse("reviews:plan_open", args=[case_review.pk]))
    case_review.refresh_from_db()
    plan = case_review.plan
    ActionFactory(plan=plan, ref="1", text="Refresh neglect training", owners=[subgroup])
    ActionFactory(plan=plan, ref="2", text="Update the website", rag=Rag.COMPLETE)
    return plan


def test_the_action_plan_is_a_review_plan_of_the_actions_app(review_plan, case_review, client):
    assert review_plan.kind == PlanKind.REVIEW
    assert review_plan.name == "Child Q action plan"
    assert case_review.plan == review_plan


def test_opening_the_plan_twice_makes_one_plan(login_as, review_plan, case_review):
    login_as("office").post(reverse("reviews:plan_open", args=[case_review.pk]))
    assert Plan.objects.filter(kind=PlanKind.REVIEW).count() == 1


def test_review_page_lists_outstanding_and_completed_actions_apart(
    login_as, review_plan, case_review, member
):
    page = login_as("member").get(case_review.get_absolute_url()).content.decode()
    outstanding = page.index("Outstanding actions")
    completed = page.index("Completed actions")
    assert outstanding < page.index("Refresh neglect training") < completed
    assert completed < page.index("Update the website")
    action = review_plan.actions.get(ref="1")
    assert reverse("actions:action", args=[action.pk]) in page  # links to the actions app


def test_agency_leads_do_not_see_review_plans_through_the_actions_app(
    login_as, review_plan, lead_x, plan
):
    client = login_as("lead_x")
    assert client.get(review_plan.get_absolute_url()).status_code == 404
    for action in review_plan.actions.all():
        assert client.get(action.get_absolute_url()).status_code == 404
    plans = client.get(reverse("actions:plans", args=[plan.board_id])).content.decode()
    assert "Child Q action plan" not in plans and plan.name in plans
    assert client.get(plan.get_absolute_url()).status_code == 200  # the business plan as before


def test_an_agency_lead_whose_group_owns_an_action_sees_that_action_only(
    login_as, review_plan, lead_x, subgroup, case_review
):
    SubgroupMembershipFactory(subgroup=subgroup, user=lead_x)
    client = login_as("lead_x")
    owned, other = review_plan.actions.get(ref="1"), review_plan.actions.get(ref="2")
    assert client.get(owned.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    page = client.get(review_plan.get_absolute_url()).content.decode()
    assert owned.text in page and other.text not in page
    assert client.get(case_review.get_absolute_url()).status_code == 404  # still no review


def test_the_owning_groups_chair_updates_the_review_action(login_as, review_plan, subgroup_chair):
    action = review_plan.actions.get(ref="1")
    response = login_as("subgroup_chair").post(
        reverse("actions:update", args=[action.pk]),
        {"text": "Done", "rag": "G", "comment": "On track", "version": action.version},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.rag == Rag.GREEN


def test_dissemination_checklist_records_date_and_who(login_as, case_review, office):
    url = reverse("reviews:dissemination", args=[case_review.pk])
    on = date(2017, 1, 31)
    response = login_as("office").post(url, {"website_by": "Business unit"})
    assert "Enter the date" in response.content.decode()
    assert not case_review.dissemination.exists()
    login_as("office").post(url, {**dmy("website_on", on), "website_by": "Business unit"})
    task = case_review.dissemination.get()
    assert (task.task, task.done_on, task.done_by) == ("website", on, "Business unit")
    assert task.history.get().history_user == office
    page = login_as("office").get(case_review.get_absolute_url()).content.decode()
    assert "31 January 2017 by Business unit" in page


def test_lessons_are_tagged_with_the_boards_themes(login_as, case_review, office, board):
    neglect = LearningThemeFactory(board=board, name="Neglect")
    LearningThemeFactory(name="Elsewhere theme")
    client = login_as("office")
    url = reverse("reviews:lesson_add", args=[case_review.pk])
    assert "Elsewhere theme" not in client.get(url).content.decode()
    client.post(url, {"number": 2, "text": "Use the Graded Care Profile.", "themes": [neglect.pk]})
    lesson = case_review.lessons.get(number=2)
    assert list(lesson.themes.all()) == [neglect]
    page = client.get(reverse("reviews:lessons")).content.decode()
    assert page.index("Neglect") < page.index("Use the Graded Care Profile.")


def test_a_lesson_number_is_used_once(login_as, case_review, office):
    response = login_as("office").post(
        reverse("reviews:lesson_add", args=[case_review.pk]), {"number": 1, "text": "Again"}
    )
    assert "already has a lesson with this number" in response.content.decode()


def test_audit_trail_names_who_changed_what(login_as, case_review, office):
    client = login_as("office")
    client.post(
        reverse("reviews:edit", args=[case_review.pk]),
        {"reference": "Child Q", "summary": "Child Q's story."},
    )
    page = client.get(reverse("reviews:history", args=[case_review.pk])).content.decode()
    assert "Olive Office" in page and "Child Q&#x27;s story." in page


# Lists, filters, clocks and exports


@pytest.fixture
def clocked(board):
    """Four reviews of `board`: notification overdue, due soon, running; and one met both clocks."""
    today = TODAY()
    overdue = CaseReviewFactory(
        board=board, reference="Child OV", known_date=today - timedelta(days=30)
    )
    soon = CaseReviewFactory(board=board, reference="Child DS", known_date=today)
    soon.notification_due = add_working_days(today, 1)  # as if known 4 working days ago
    CaseReview.objects.filter(pk=soon.pk).update(notification_due=soon.notification_due)
    running = CaseReviewFactory(
        board=board, reference="Child RU", known_date=today, notified_date=today
    )
    met = CaseReviewFactory(
        board=board,
        reference="Child MT",
        known_date=today - timedelta(days=40),
        notified_date=today - timedelta(days=39),
        rapid_review_date=today - timedelta(days=30),
    )
    return overdue, soon, running, met


def listed(client, **params):
    response = client.get(reverse("reviews:list"), params)
    return {r.reference for r in response.context["reviews"]}


def test_filter_by_clock_state(login_as, office, clocked):
    client = login_as("office")
    assert listed(client, clock="overdue") == {"Child OV"}
    assert listed(client, clock="due_soon") == {"Child DS"}
    assert listed(client, clock="running") == {"Child OV", "Child DS", "Child RU"}


def test_clock_page_lists_overdue_due_soon_and_running(login_as, office, clocked):
    response = login_as("office").get(reverse("reviews:clocks"))
    sections = {
        state: [row[0].reference for row in rows] for state, _, rows in response.context["sections"]
    }
    assert sections == {"overdue": ["Child OV"], "due_soon": ["Child DS"], "running": ["Child RU"]}


def test_filter_by_kind_status_and_outstanding_actions(login_as, office, board, clocked):
    published = CaseReviewFactory(
        board=board, reference="Child PB", kind=ReviewKind.SCR, status=Status.PUBLISHED
    )
    published.plan = Plan.objects.create(board=board, name="PB plan", kind=PlanKind.REVIEW)
    published.save()
    ActionFactory(plan=published.plan, ref="1")
    done = CaseReviewFactory(board=board, reference="Child DN", kind=ReviewKind.SCR)
    done.plan = Plan.objects.create(board=board, name="DN plan", kind=PlanKind.REVIEW)
    done.save()
    ActionFactory(plan=done.plan, ref="1", rag=Rag.COMPLETE)
    client = login_as("office")
    assert listed(client, kind="scr") == {"Child PB", "Child DN"}
    assert listed(client, status="published") == {"Child PB"}
    assert listed(client, outstanding="on") == {"Child PB"}


def test_other_boards_reviews_are_not_listed(client, outsider, case_review):
    client.force_login(outsider)
    assert listed(client) == set()
    assert client.get(case_review.get_absolute_url()).status_code == 404


def test_export_csv_and_xlsx_neutralise_formulas(login_as, office, board):
    CaseReviewFactory(board=board, reference="Child X", period_note='=HYPERLINK("http://x")')
    client = login_as("office")
    text = client.get(reverse("reviews:export", args=["csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["Board", "Reference"]
    assert rows[1][1] == "Child X" and rows[1][12].startswith("'=")
    data = client.get(reverse("reviews:export", args=["xlsx"])).content
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["B2"].value == "Child X" and sheet["M2"].value.startswith("'=")


def test_export_follows_the_filters(login_as, office, clocked):
    text = (
        login_as("office")
        .get(reverse("reviews:export", args=["csv"]), {"clock": "overdue"})
        .content.decode("utf-8-sig")
    )
    assert [row[1] for row in csv.reader(io.StringIO(text))][1:] == ["Child OV"]


def grow_reviews(board, n):
    def grow():
        for _ in range(n):
            review = CaseReviewFactory(board=board, known_date=TODAY(), notified_date=TODAY())
            LessonFactory(review=review, number=1).themes.add(LearningThemeFactory(board=board))
            plan = Plan.objects.create(board=board, name=f"Plan {review.pk}", kind=PlanKind.REVIEW)
            review.plan = plan
            review.save()
            ActionFactory(plan=plan, ref="1")

    return grow


@pytest.mark.parametrize("name", ["reviews:list", "reviews:clocks", "reviews:lessons"])
def test_list_pages_queries_do_not_grow(login_as, office, board, name):
    client = login_as("office")
    grow_reviews(board, 9)()  # the demo has 9 reviews; then 10 times as many
    assert_queries_do_not_grow(client, reverse(name), grow_reviews(board, 81))


def test_review_page_queries_do_not_grow_with_actions(login_as, office, case_review, board):
    client = login_as("office")
    case_review.plan = Plan.objects.create(board=board, name="Q plan", kind=PlanKind.REVIEW)
    case_review.save()
    ActionFactory(plan=case_review.plan, ref="0")

    def grow():
        for i in range(10):
            ActionFactory(plan=case_review.plan, ref=f"{i + 1}", rag=Rag.COMPLETE if i % 2 else "")
            LessonFactory(review=case_review, number=i + 2)

    assert_queries_do_not_grow(client, case_review.get_absolute_url(), grow)


def test_actions_count_on_plan_list_still_counts_everything_for_readers(login_as, review_plan):
    response = login_as("office").get(reverse("actions:plans", args=[review_plan.board_id]))
    row = next(p for p in response.context["plans"] if p.pk == review_plan.pk)
    assert row.action_count == 2 and Action.objects.filter(plan=review_plan).count() == 2

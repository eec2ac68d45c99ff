"""The annual report's membership and case reviews sections are as at the report's period end: the
partners of the board then (their history), the reviews published by then (their status log), of the
kind they were then, with the lessons and action plan progress they had then."""

import datetime
from datetime import date

import pytest
from django.utils import timezone

from actions.models import Update
from boards.models import BoardAgency
from core.rag import Rag
from reports import annual
from reports.models import AnnualReport, SectionKind
from reviews import workflow
from reviews.models import CaseReview, Lesson, Recommendation, ReviewKind, Status

from ..factories import ActionFactory, AgencyFactory

YEAR_END = date(2017, 3, 31)


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def dated(obj, day, delete=False):
    obj._history_date = at(day)
    obj.delete() if delete else obj.save()
    return obj


@pytest.fixture
def report(board, office):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2016-17",
        period_start=date(2016, 4, 1),
        period_end=YEAR_END,
    )
    annual.start(report, office)
    return report


def generated(report, reader, kind):
    content = annual.build(report, reader)
    return next(s for s in content["sections"] if s["kind"] == kind)


def partner(board, name, day, represented=True):
    agency = dated(AgencyFactory.build(name=name), day)
    return dated(BoardAgency(board=board, agency=agency, represented=represented), day)


def test_membership_lists_the_partners_of_the_year_end(report, office, board):
    partner(board, "Joined in the year", date(2016, 5, 1))
    partner(board, "Joined after the year", date(2017, 4, 1))
    partner(board, "Joined on the last day", YEAR_END)
    left = partner(board, "Left after the year", date(2016, 4, 1))
    dated(left, date(2017, 4, 2), delete=True)
    gone = partner(board, "Left in the year", date(2016, 4, 1))
    dated(gone, date(2017, 3, 30), delete=True)
    seated_later = partner(board, "Seated after the year", date(2016, 4, 1), represented=False)
    seated_later.represented = True
    dated(seated_later, date(2017, 4, 3))
    renamed = partner(board, "Old name", date(2016, 4, 1))
    renamed.agency.name = "New name"
    dated(renamed.agency, date(2017, 5, 1))

    section = generated(report, office, SectionKind.MEMBERSHIP)
    names = [row[0] for row in section["tables"][0]["rows"]]
    assert names == [
        "Joined in the year",
        "Joined on the last day",
        "Left after the year",
        "Old name",
    ]
    assert "In all 5 partner agencies" in section["paragraphs"][-1]
    # The live board has moved on.
    assert set(board.partners.filter(represented=True).values_list("agency__name", flat=True)) == {
        "Joined in the year",
        "Joined after the year",
        "Joined on the last day",
        "Seated after the year",
        "New name",
    }


def review(board, office, reference, published_on, **fields):
    """A review of `board` recorded on 1 May 2016 and moved to published on `published_on`."""
    item = CaseReview.objects.create(
        board=board,
        reference=reference,
        kind=fields.pop("kind", ReviewKind.SCR),
        publication_date=fields.pop("publication_date", published_on),
    )
    workflow.record_creation(item, user=office, on=date(2016, 5, 1))
    workflow.move(item, Status.PUBLISHED, user=office, on=published_on)
    return item


def lesson(item, number, day, title):
    return dated(Lesson(review=item, number=number, title=title, text=title), day)


def test_case_reviews_are_those_published_by_the_year_end_as_their_log_says(report, office, board):
    in_year = review(board, office, "Child A", date(2016, 9, 1))
    # Dated in the year, but moved to published only after the year ended.
    review(board, office, "Child B", date(2017, 4, 10), publication_date=date(2017, 3, 20))
    review(board, office, "Child C", date(2017, 5, 1))  # published after the year
    # Re-categorised after the year: the report names the kind it was then.
    workflow.recategorise(
        in_year, ReviewKind.PRACTICE, user=office, on=date(2017, 6, 1), note="Criteria not met"
    )
    lesson(in_year, 1, date(2016, 9, 1), "Known then")
    lesson(in_year, 2, date(2017, 6, 1), "Added after the year")
    removed = lesson(in_year, 3, date(2016, 9, 1), "Withdrawn after the year")
    dated(removed, date(2017, 6, 2), delete=True)
    dated(Recommendation(review=in_year, number=1, text="Before"), date(2016, 9, 1))
    dated(Recommendation(review=in_year, number=2, text="After"), date(2017, 6, 1))
    plan = workflow.open_plan(in_year, user=office)
    done_in_year = ActionFactory(plan=plan, ref="1", created=at(date(2016, 9, 2)))
    done_after = ActionFactory(plan=plan, ref="2", created=at(date(2016, 9, 2)))
    ActionFactory(plan=plan, ref="3", created=at(date(2017, 4, 5)))  # added after the year
    for action, day in [(done_in_year, date(2017, 3, 1)), (done_after, date(2017, 4, 2))]:
        Update.objects.create(action=action, rag=Rag.COMPLETE, text="Done", created=at(day))

    section = generated(report, office, SectionKind.CASE_REVIEWS)
    published, lessons = section["tables"]
    assert published["rows"] == [
        [
            "Child A",
            "Serious case review",
            "1 September 2016",
            "",
            "2",  # lessons 1 and 3 (3 was withdrawn later; 2 was added later)
            "1",  # complete by 31 March 2017
            "1",  # outstanding then: completed on 2 April
        ]
    ]
    assert [row[:2] for row in lessons["rows"]] == [
        ["Child A 1", "Known then"],
        ["Child A 3", "Withdrawn after the year"],
    ]
    assert section["paragraphs"][-1] == (
        "1 case reviews published in the year, with 2 lessons and 1 recommendations; "
        "1 of their actions complete and 1 outstanding at 31 March 2017."
    )
    # Now, all three are published and Child A is a practice review with two lessons.
    assert CaseReview.objects.filter(board=board, status=Status.PUBLISHED).count() == 3
    assert in_year.lessons.count() == 2


def test_no_review_published_by_the_year_end(report, office, board):
    review(board, office, "Child C", date(2017, 4, 1), publication_date=date(2017, 3, 31))
    section = generated(report, office, SectionKind.CASE_REVIEWS)
    assert section["paragraphs"][-1] == "No case review was published in the year to 31 March 2017."


def test_a_review_without_a_status_log_keeps_its_stored_status(report, office, board):
    CaseReview.objects.create(
        board=board,
        reference="Child D",
        kind=ReviewKind.SCR,
        status=Status.PUBLISHED,
        publication_date=date(2016, 10, 1),
    )
    section = generated(report, office, SectionKind.CASE_REVIEWS)
    assert [row[0] for row in section["tables"][0]["rows"]] == ["Child D"]


def test_a_published_version_does_not_follow_later_changes(report, office, board):
    item = review(board, office, "Child A", date(2016, 9, 1))
    lesson(item, 1, date(2016, 9, 1), "Known then")
    publication = annual.publish(report, office)
    frozen = publication.content
    lesson(item, 2, date(2016, 9, 2), "Backdated later")
    partner(board, "A late partner", date(2016, 5, 1))
    publication.refresh_from_db()
    assert publication.content == frozen
    assert annual.build(report, office) != {**frozen, "generated": None}


def test_the_demo_sections_at_31_march_2017(demo_board):
    from accounts.models import User

    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    office = User.objects.get(email="office@demo.lscb.test")
    members = generated(report, office, SectionKind.MEMBERSHIP)
    assert len(members["tables"][0]["rows"]) == 18
    reviews = generated(report, office, SectionKind.CASE_REVIEWS)
    assert reviews["summary"].startswith("5 case reviews published in the year, with 30 lessons; ")
    assert reviews["summary"].endswith("outstanding at 31 March 2017.")
    published = reviews["tables"][0]["rows"]
    assert [row[0] for row in published] == ["Child N", "Child L", "Child AC", "Child R", "Child O"]
    assert all(int(row[5]) + int(row[6]) > 0 for row in published)

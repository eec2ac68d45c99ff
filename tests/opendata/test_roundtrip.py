"""Export a board with records of every table, import it into an empty database, export it again:
the two packages are the same, ids apart."""

from datetime import date

import pytest
from django.core.management import call_command

from actions.models import Action
from audits.models import (
    Answer,
    Criterion,
    GoodPractice,
    QualityAudit,
    StandardResult,
    Submission,
)
from boards.models import Board, LearningTheme
from datasets.models import Dataset, DatasetImport
from learning.elearning import import_rows
from learning.models import AttendanceFigure, Booking, Course, Evaluation, Option, RecordedResult
from opendata.importing import load
from reviews.incidents import Decision, LcsprDecision, PanelResponse, PanelView
from reviews.models import (
    CaseReview,
    Dissemination,
    DisseminationTask,
    ReviewSettings,
    StatusChange,
)
from reviews.sar import MarkerAssessment, SarDetails
from subgroups.models import Subgroup
from tests import test_permission_matrix  # noqa: F401 (its `objects`, below)
from tests.conftest import own

from .roundtrip import normalised, read
from .test_package import package

objects = own("objects")  # the permission matrix's records of every kind


@pytest.mark.django_db(transaction=True)
def test_export_import_export_gives_the_same_package(board, objects, agency_x, office, tmp_path):
    more_records(board, agency_x, office)
    first = package(board, tmp_path, "first.zip")
    _, tables = read(first)
    empty = [name for name, rows in tables.items() if not rows]
    call_command("flush", interactive=False, verbosity=0)
    assert not Board.objects.exists()

    imported = load(first)

    second = package(imported, tmp_path, "second.zip")
    before, after = normalised(first), normalised(second)
    assert before.keys() == after.keys()
    for name in before:
        assert before[name] == after[name], name
    assert empty == []


def more_records(board, agency_x, office):
    """What the permission matrix's board lacks, so that every table has a row."""
    booking = Booking.objects.get(session__course__board=board)
    Evaluation.objects.create(booking=booking, stage="after", confidence=4)
    AttendanceFigure.objects.create(board=board, year=2015, attendees=1401)
    import_rows(board, 2016, [("Nurseries", 1104, 833)], user=office, file_name="e.csv")
    RecordedResult.objects.create(option=Option.objects.first(), share=50, count=1)
    action = Action.objects.get(plan__board=board, ref="1.1")
    later = Action.objects.create(
        plan=action.plan, ref="1.2", text="Next", carried_from=action, parent=action
    )
    later.related.add(action)
    submission = Submission.objects.get(cycle__boards=board)
    criterion = Criterion.objects.filter(standard__framework=submission.cycle.framework).first()
    Answer.objects.create(submission=submission, criterion=criterion, rating="fully", action=later)
    StandardResult.objects.create(
        submission=submission, standard=criterion.standard, rating="fully"
    )
    Criterion.objects.filter(standard__framework__board=board).first().replaces.add(criterion)
    theme = LearningTheme.objects.get(board=board)
    GoodPractice.objects.get(board=board).themes.add(theme)
    quality = QualityAudit.objects.get(board=board)
    quality.agencies.add(agency_x)
    quality.findings.get().themes.add(theme)
    DatasetImport.objects.create(dataset=Dataset.objects.get(board=board), file_name="d.csv")
    review = CaseReview.objects.get(board=board, reference="Child Q")
    ReviewSettings.objects.create(
        board=board, case_review_group=Subgroup.objects.filter(board=board).first()
    )
    StatusChange.objects.create(
        review=review, status=review.status, kind=review.kind, on=date(2017, 1, 1), by=office
    )
    PanelResponse.objects.create(
        review=review, received=date(2017, 2, 1), view=PanelView.values[0], text="Agrees"
    )
    LcsprDecision.objects.create(
        review=review,
        decision=Decision.values[0],
        reasons="Learning for the partnership",
        decided_on=date(2017, 2, 2),
        lcspr_start=date(2017, 2, 3),
    )
    sar = SarDetails.objects.get(review__board=board)
    MarkerAssessment.objects.create(sar=sar, marker=1, rating="met", note="Clear terms")
    lesson = review.lessons.get()
    lesson.themes.add(theme)
    lesson.actions.add(action)
    review.recommendations.get().actions.add(action)
    DisseminationTask.objects.create(
        review=review, task=Dissemination.values[0], done_by="The office"
    )
    course = Course.objects.get(board=board)
    course.themes.add(theme)
    course.reviews.add(review)
    course.audits.add(quality)

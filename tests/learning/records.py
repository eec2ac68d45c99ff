"""The training records every cross-app test (the permission matrix, the lost-update guard) asks for:
a course with a past session, a trainer, agency X's attended booking, an e-learning department."""

import datetime

from learning import booking as booking_flow
from learning.models import Course, ElearningDepartment, Level, Session, Stage, Trainer


def training_records(board, agency_x, office):
    course = Course.objects.create(board=board, title="Working Together", level=Level.INTERMEDIATE)
    trainer = Trainer.objects.create(board=board, name="Pat Trainer", agency=agency_x)
    session = Session.objects.create(
        course=course, date=datetime.date(2017, 1, 10), place="Carlisle", capacity=20
    )
    session.trainers.add(trainer)
    booking = booking_flow.book(
        session, name="Ann Attendee", job_role="Nurse", agency=agency_x, user=office
    )
    booking_flow.mark_attendance({booking: True}, user=office)
    department = ElearningDepartment.objects.create(board=board, name="Nurseries", sector="school")
    return {
        "course": course.pk,
        "training_session": session.pk,
        "trainer": trainer.pk,
        "booking": booking.pk,
        "evaluation_token": booking.token(Stage.THREE_MONTHS),
        "elearning_department": department.pk,
    }


def every_learning_record(board, agency_x, office):
    """At least one record of every learning model the admin registers (tests/test_admin.py)."""
    from learning.elearning import import_rows
    from learning.models import (
        AttendanceFigure,
        Booking,
        Evaluation,
        EvaluationInvite,
        Option,
        RecordedResult,
    )

    from .survey_fixtures import surveys

    training_records(board, agency_x, office)
    booking = Booking.objects.get(session__course__board=board)
    Evaluation.objects.create(booking=booking, stage=Stage.AFTER, confidence=4)
    EvaluationInvite.objects.create(booking=booking, stage=Stage.AFTER)
    AttendanceFigure.objects.create(board=board, year=2015, attendees=1401)
    import_rows(board, 2016, [("Nurseries", 1104, 833)], user=office, file_name="e.csv")
    surveys(board, agency_x)  # questions, options, links, responses and answers
    RecordedResult.objects.create(option=Option.objects.first(), share=50, count=1)

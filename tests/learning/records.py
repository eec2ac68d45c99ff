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

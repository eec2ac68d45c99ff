import datetime

import pytest

from learning.models import Course, Level, Session


@pytest.fixture
def course(board):
    return Course.objects.create(board=board, title="Working Together", level=Level.INTERMEDIATE)


@pytest.fixture
def session(course):
    """A session of two places, long past."""
    return Session.objects.create(
        course=course, date=datetime.date(2017, 1, 10), place="Carlisle", capacity=2
    )

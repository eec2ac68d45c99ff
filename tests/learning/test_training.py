"""Courses, sessions, the trainer pool, booking with its waiting list, and attendance."""

import datetime

import pytest
from django.urls import reverse

from learning import booking as booking_flow
from learning.models import Booking, BookingStatus, Course, Session, Trainer

from ..helpers import date_fields, errors_of, page


def book_as(client, session, **data):
    return client.post(reverse("learning:book", args=[session.pk]), data)


def test_office_sets_up_a_course_with_themes_and_reviews_and_a_session(login_as, board, office):
    from reviews.models import LearningTheme

    theme = LearningTheme.objects.create(board=board, name="Neglect")
    client = login_as("office")
    response = client.post(
        reverse("learning:course_add", args=[board.pk]),
        {"title": "Neglect workshop", "level": "enhanced", "themes": [theme.pk]},
    )
    course = Course.objects.get(title="Neglect workshop")
    assert response.url == course.get_absolute_url()
    assert list(course.themes.all()) == [theme] and course.history.first().history_user == office
    duplicate = client.post(
        reverse("learning:course_add", args=[board.pk]),
        {"title": "neglect WORKSHOP", "level": "awareness"},
    )
    assert errors_of(duplicate)["title"] == ["The board already has a course with this title"]
    trainer = Trainer.objects.create(board=board, name="Pat Trainer")
    url = reverse("learning:session_add", args=[course.pk])
    no_place = client.post(url, {**date_fields("date", datetime.date(2026, 5, 1)), "capacity": 20})
    assert errors_of(no_place)["place"] == ["Enter the place, or tick Online"]
    client.post(
        url,
        {
            **date_fields("date", datetime.date(2026, 5, 1)),
            "online": "on",
            "capacity": 20,
            "trainers": [trainer.pk],
        },
    )
    session = course.sessions.get()
    assert session.where == "Online" and list(session.trainers.all()) == [trainer]
    assert "Pat Trainer" in page(client, session.get_absolute_url())


def test_a_lead_books_their_own_agency_staff_and_the_session_fills_then_waits(
    login_as, session, agency_x, agency_y, lead_x
):
    client = login_as("lead_x")
    form = client.get(reverse("learning:book", args=[session.pk])).context["form"]
    assert "agency" not in form.fields, "a lead books their own agency's staff only"
    for name in ("Ann One", "Bob Two", "Cy Three"):
        book_as(client, session, name=name, job_role="Nurse", agency=agency_y.pk)
    bookings = list(session.bookings.all())
    assert {b.agency for b in bookings} == {agency_x}
    assert [b.status for b in bookings] == ["booked", "booked", "waiting"]
    assert bookings[0].booked_by == lead_x
    again = book_as(client, session, name="ann one", job_role="Nurse")
    assert errors_of(again)["name"] == ["This person already has a place or is waiting for one"]


def test_the_office_books_anyone_of_the_board_partners(login_as, session, agency_y):
    client = login_as("office")
    book_as(client, session, name="Di Four", job_role="Teacher", agency=agency_y.pk)
    assert session.bookings.get().agency == agency_y


def test_a_cancelled_place_goes_to_the_first_waiting(login_as, session, agency_x, office):
    made = [
        booking_flow.book(session, name=n, job_role="GP", agency=agency_x, user=office)
        for n in ("A", "B", "C", "D")
    ]
    client = login_as("lead_x")
    url = reverse("learning:booking_cancel", args=[made[0].pk])
    assert "Yes, cancel the booking" in page(client, url)
    response = client.post(url)
    assert response.url == session.get_absolute_url()
    statuses = {b.name: b.status for b in Booking.objects.all()}
    assert statuses == {"A": "cancelled", "B": "booked", "C": "booked", "D": "waiting"}


def test_more_places_promote_those_waiting(login_as, session, agency_x, office):
    for n in ("A", "B", "C"):
        booking_flow.book(session, name=n, job_role="GP", agency=agency_x, user=office)
    client = login_as("office")
    url = reverse("learning:session_edit", args=[session.pk])
    form = client.get(url).context["form"]
    from tests.core.test_lost_updates import form_data

    data = {**form_data(form), "capacity": "1"}
    assert "2 places are booked" in errors_of(client.post(url, data))["capacity"][0]
    client.post(url, {**form_data(form), "capacity": "3"})
    assert not session.bookings.filter(status=BookingStatus.WAITING).exists()


def test_attendance_is_marked_per_session(login_as, session, agency_x, office):
    one, two = (
        booking_flow.book(session, name=n, job_role="GP", agency=agency_x, user=office)
        for n in ("A", "B")
    )
    client = login_as("office")
    url = reverse("learning:attendance", args=[session.pk])
    from tests.core.test_lost_updates import form_data

    data = form_data(client.get(url).context["form"])
    data.update({f"attended_{one.pk}": "yes", f"attended_{two.pk}": "no"})
    assert client.post(url, data).url == session.get_absolute_url()
    one.refresh_from_db(), two.refresh_from_db()
    assert (one.attended, two.attended) == (True, False)
    assert one.history.first().history_user == office
    html = page(client, session.get_absolute_url())
    assert "Evaluation links" in html and "Three months later" in html


def test_names_are_seen_by_the_office_and_own_agency_lead_only(
    login_as, session, agency_x, agency_y, office
):
    booking_flow.book(session, name="Xena Staff", job_role="GP", agency=agency_x, user=office)
    booking_flow.book(session, name="Yves Staff", job_role="GP", agency=agency_y, user=office)
    url = session.get_absolute_url()
    html = page(login_as("office"), url)
    assert "Xena Staff" in html and "Yves Staff" in html
    html = page(login_as("lead_x"), url)
    assert "Xena Staff" in html and "Yves Staff" not in html
    html = page(login_as("chair"), url)
    assert "Staff" not in html and "2 of 2 booked" in html


def test_a_lead_cannot_cancel_another_agency_booking(login_as, session, agency_y, office):
    other = booking_flow.book(session, name="Yves", job_role="GP", agency=agency_y, user=office)
    assert (
        login_as("lead_x").get(reverse("learning:booking_cancel", args=[other.pk])).status_code
        == 404
    )


def test_the_trainer_pool(login_as, board, agency_x):
    client = login_as("office")
    client.post(
        reverse("learning:trainer_add", args=[board.pk]),
        {"name": "Sam Volunteer", "agency": agency_x.pk, "active": "on"},
    )
    trainer = Trainer.objects.get()
    assert trainer.agency == agency_x
    assert "Sam Volunteer" in page(client, reverse("learning:trainers", args=[board.pk]))


def test_the_programme_lists_courses_of_the_user_boards(login_as, course, session):
    assert "Working Together" in page(login_as("member"), reverse("learning:index"))
    assert "Working Together" not in page(login_as("outsider"), reverse("learning:index"))


def test_attendees_are_forgotten_after_the_retention_period(session, agency_x, office):
    kept = Session.objects.create(
        course=session.course, date=datetime.date(2024, 5, 1), place="Kendal", capacity=5
    )
    old = booking_flow.book(session, name="Old", job_role="GP", agency=agency_x, user=office)
    new = booking_flow.book(kept, name="New", job_role="GP", agency=agency_x, user=office)
    booking_flow.mark_attendance({old: True}, user=office)
    # The session's year ends on 31 March 2017: kept until 31 March 2020.
    assert booking_flow.forget_attendees(datetime.date(2020, 3, 31)) == 0
    assert booking_flow.forget_attendees(datetime.date(2020, 4, 1)) == 1
    old.refresh_from_db(), new.refresh_from_db()
    assert (old.name, old.job_role, old.forgotten, old.attended) == ("Removed", "", True, True)
    assert new.name == "New"
    assert not old.history.filter(name="Old").exists(), "nor in the audit trail"


@pytest.mark.parametrize("role", ["lead_x", "office"])
def test_the_privacy_page_says_what_is_kept_about_attendees(client, role, login_as):
    html = page(login_as(role), reverse("privacy"))
    assert "Training attendees" in html and "three financial years" in html


def test_another_boards_agency_theme_or_trainer_is_refused(
    login_as, board, session, other_board, other_agency
):
    from reviews.models import LearningTheme

    client = login_as("office")
    theirs = LearningTheme.objects.create(board=other_board, name="Theirs")
    response = client.post(
        reverse("learning:course_add", args=[board.pk]),
        {"title": "Mixed", "level": "awareness", "themes": [theirs.pk]},
    )
    assert "themes" in errors_of(response)
    response = book_as(client, session, name="Ann", job_role="GP", agency=other_agency.pk)
    assert "agency" in errors_of(response)
    trainer = Trainer.objects.create(board=other_board, name="Elsewhere trainer")
    from tests.core.test_lost_updates import form_data

    url = reverse("learning:session_edit", args=[session.pk])
    data = {**form_data(client.get(url).context["form"]), "trainers": [trainer.pk]}
    assert "trainers" in errors_of(client.post(url, data))


def test_the_programme_page_queries_do_not_grow_with_courses(
    login_as, board, django_assert_max_num_queries
):
    for i in range(40):
        course = Course.objects.create(board=board, title=f"Course {i}", level="awareness")
        Session.objects.create(
            course=course, date=datetime.date(2017, 1, 1), online=True, capacity=5
        )
    client = login_as("member")
    with django_assert_max_num_queries(15):
        client.get(reverse("learning:index"))


def test_the_daily_command_forgets_old_attendees(session, agency_x, office):
    import io

    from django.core.management import call_command

    booking_flow.book(session, name="Old", job_role="GP", agency=agency_x, user=office)
    out = io.StringIO()
    call_command("forget_attendees", stdout=out)
    assert out.getvalue().strip() == "1 attendee(s) removed."

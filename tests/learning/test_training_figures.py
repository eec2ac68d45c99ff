"""Attendance counts year on year with their lists, evaluations through a link, e-learning imports."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning import booking as booking_flow
from learning import counting
from learning.models import (
    AttendanceFigure,
    ElearningDepartment,
    ElearningImport,
    Evaluation,
    Session,
    Stage,
)

from ..helpers import page


def attend(session, agency, office, *names):
    made = [
        booking_flow.book(session, name=n, job_role="GP", agency=agency, user=office) for n in names
    ]
    booking_flow.mark_attendance(dict.fromkeys(made, True), user=office)
    return made


def test_counts_by_level_agency_and_sector_year_on_year_link_to_their_lists(
    login_as, board, session, agency_x, agency_y, office
):
    session.capacity = 10
    session.save()
    attend(session, agency_x, office, "Ann", "Bob")
    later = Session.objects.create(
        course=session.course, date=datetime.date(2017, 4, 3), place="Kendal", capacity=9
    )
    attend(later, agency_y, office, "Cy")
    AttendanceFigure.objects.create(board=board, year=2015, attendees=1401)
    years, rows = counting.rows(board, "level")
    assert years == [2015, 2016, 2017]
    assert {(r.label, y): r.count(y) for r in rows for y in years if r.count(y)} == {
        ("Not recorded", 2015): 1401,
        ("Intermediate", 2016): 2,
        ("Intermediate", 2017): 1,
    }
    client = login_as("office")
    html = page(client, reverse("learning:counts", args=[board.pk]))
    link = reverse("learning:attendees", args=[board.pk]) + f"?year=2016&amp;agency={agency_x.pk}"
    assert link in html
    listed = page(client, link.replace("&amp;", "&"))
    assert "Ann" in listed and "Cy" not in listed
    figures = page(client, reverse("learning:attendees", args=[board.pk]) + "?year=2015&level=none")
    assert "1401" in figures
    # A chair sees the counts without links to names; the list is not theirs.
    html = page(login_as("chair"), reverse("learning:counts", args=[board.pk]))
    assert "learning/training/attendees" not in html and "attendees/?" not in html


def test_a_lead_lists_only_their_agency_staff(login_as, board, session, agency_x, agency_y, office):
    attend(session, agency_x, office, "Xena")
    attend(session, agency_y, office, "Yves")
    html = page(login_as("lead_x"), reverse("learning:attendees", args=[board.pk]) + "?year=2016")
    assert "Xena" in html and "Yves" not in html


def test_the_counts_page_queries_do_not_grow_with_attendees(
    login_as, board, session, agency_x, office, django_assert_max_num_queries
):
    session.capacity = 200
    session.save()
    attend(session, agency_x, office, *(f"Person {i}" for i in range(60)))
    client = login_as("office")
    with django_assert_max_num_queries(20):
        client.get(reverse("learning:counts", args=[board.pk]))
    with django_assert_max_num_queries(20):
        client.get(reverse("learning:attendees", args=[board.pk]) + "?year=2016")
    with django_assert_max_num_queries(25):
        client.get(session.get_absolute_url())


def test_an_attendee_answers_both_evaluations_without_an_account(
    client, board, course, agency_x, office, login_as
):
    session = Session.objects.create(
        course=course,
        date=datetime.date.today() - datetime.timedelta(days=100),
        online=True,
        capacity=3,
    )
    (booking,) = attend(session, agency_x, office, "Ann")
    url = reverse("learning:evaluate", args=[booking.token(Stage.THREE_MONTHS)])
    assert "Your evaluation: three months later" in page(client, url)
    response = client.post(url, {"confidence": "4", "changed": "I use the threshold guidance"})
    assert response.status_code == 302
    assert "Thank you" in page(client, url)
    client.post(url, {"confidence": "1"})
    assert Evaluation.objects.get().confidence == 4, "answered once"
    after = reverse("learning:evaluate", args=[booking.token(Stage.AFTER)])
    client.post(after, {"confidence": "2"})
    html = page(login_as("member"), reverse("learning:evaluations", args=[board.pk]))
    assert "4.0 (1 answer)" in html and "2.0 (1 answer)" in html
    assert "threshold guidance" not in html, "what changed is for the office"
    office_html = page(login_as("office"), reverse("learning:evaluations", args=[board.pk]))
    assert "threshold guidance" in office_html and "Ann" not in office_html


def test_an_evaluation_link_opens_after_its_session_and_closes_a_year_later(
    client, course, session, agency_x, office
):
    soon = Session.objects.create(
        course=course,
        date=datetime.date.today() + datetime.timedelta(days=3),
        online=True,
        capacity=3,
    )
    (booking,) = (booking_flow.book(soon, name="A", job_role="GP", agency=agency_x, user=office),)
    html = page(client, reverse("learning:evaluate", args=[booking.token(Stage.AFTER)]))
    assert "This evaluation opens on" in html
    assert client.get(reverse("learning:evaluate", args=["forged"])).status_code == 404
    (old,) = attend(session, agency_x, office, "B")
    assert "has closed" in page(client, reverse("learning:evaluate", args=[old.token(Stage.AFTER)]))


EXPORT = b"Department,Passed,Total\nNurseries,833,1104\nPrimary Schools,1761,2113\n"


def upload(client, board, content, year=2016, name="export.csv"):
    return client.post(
        reverse("learning:elearning_import", args=[board.pk]),
        {"year": year, "file": SimpleUploadedFile(name, content)},
    )


def test_elearning_imports_all_rows_or_none_and_replaces_a_year(login_as, board, office):
    client = login_as("office")
    bad = upload(client, board, EXPORT + b"Police,30,28\nGP,x,2\n")
    assert bad.status_code == 200
    assert [e[0] for e in bad.context["errors"]] == [4, 5]
    assert not ElearningImport.objects.exists()
    assert upload(client, board, EXPORT).status_code == 302
    html = page(client, reverse("learning:elearning", args=[board.pk]))
    assert "833 of 1104 (75%)" in html and "2594 of 3217 (81%)" in html
    upload(client, board, b"Dept,Passes,Allocated\nNurseries,900,1104\n")
    imports = ElearningImport.objects.order_by("pk")
    assert imports[0].is_undone and not imports[1].is_undone
    html = page(client, reverse("learning:elearning", args=[board.pk]))
    assert "900 of 1104 (82%)" in html and "Primary Schools" not in html
    wrong_headers = upload(client, board, b"Name,Count\nA,1\n")
    assert "There is no Department column" in str(wrong_headers.context["errors"])


def test_departments_are_mapped_to_agencies_or_sectors(login_as, board, agency_x, office):
    client = login_as("office")
    upload(client, board, EXPORT)
    department = ElearningDepartment.objects.get(name="Nurseries")
    url = reverse("learning:department_edit", args=[department.pk])
    from tests.core.test_lost_updates import form_data

    data = {**form_data(client.get(url).context["form"]), "agency": agency_x.pk}
    assert client.post(url, data).status_code == 302
    department.refresh_from_db()
    assert (
        department.agency == agency_x and department.sector_label == agency_x.get_sector_display()
    )

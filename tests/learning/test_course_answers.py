"""A course answers case reviews and multi-agency quality audits: chosen on the course's form, shown
on the course's page, and listed on the review's and the audit's pages (drawn from learning's side
through core/related.py: neither reviews nor audits imports learning)."""

import datetime

from django.urls import reverse

from learning.models import Course, Session

from ..helpers import page
from ..quality_factories import QualityAuditFactory


def seen(client, course):
    """The lost-update guard's token, as the edit page gives it."""
    form = client.get(reverse("learning:course_edit", args=[course.pk])).context["form"]
    return form["seen_values"].value()


def test_the_office_links_a_course_to_a_review_and_an_audit(
    login_as, board, course, case_review, subgroup
):
    audit = QualityAuditFactory(board=board, group=subgroup, theme="Missing from home")
    other_board_audit = QualityAuditFactory(theme="Elsewhere's audit")
    client = login_as("office")
    url = reverse("learning:course_edit", args=[course.pk])
    form = page(client, url)
    assert "Missing from home" in form and "Elsewhere's audit" not in form
    data = {"title": course.title, "level": course.level, "reviews": [case_review.pk]}
    response = client.post(url, data | {"audits": [audit.pk], "seen_values": seen(client, course)})
    assert response.status_code == 302
    assert list(course.audits.all()) == [audit] and list(course.reviews.all()) == [case_review]
    refused = client.post(
        url, data | {"audits": [other_board_audit.pk], "seen_values": seen(client, course)}
    )
    assert refused.status_code == 200 and list(course.audits.all()) == [audit]
    html = page(login_as("member"), course.get_absolute_url())
    assert audit.get_absolute_url() in html and case_review.get_absolute_url() in html


def test_the_review_and_audit_pages_list_the_courses_that_answer_them(
    login_as, board, case_review, subgroup, other_board
):
    audit = QualityAuditFactory(board=board, group=subgroup, theme="Missing from home")
    answering = Course.objects.create(board=board, title="Missing children", level="enhanced")
    answering.reviews.add(case_review)
    answering.audits.add(audit)
    Session.objects.create(
        course=answering,
        date=datetime.date.today() + datetime.timedelta(days=7),
        online=True,
        capacity=10,
    )
    Course.objects.create(board=board, title="Not this one", level="awareness")
    client = login_as("member")
    for url in (case_review.get_absolute_url(), audit.get_absolute_url()):
        html = page(client, url)
        assert "Training that answers it" in html
        assert answering.get_absolute_url() in html and "Not this one" not in html
        assert "next session" in html
    unanswered = QualityAuditFactory(board=board, group=subgroup, theme="Neglect")
    assert "No course answers this quality audit yet" in page(client, unanswered.get_absolute_url())


def test_courses_answering_are_counted_in_one_query(
    login_as, board, case_review, django_assert_max_num_queries
):
    for n in range(30):
        Course.objects.create(board=board, title=f"Course {n}", level="awareness").reviews.add(
            case_review
        )
    client = login_as("member")
    client.get(case_review.get_absolute_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        html = page(client, case_review.get_absolute_url())
    assert html.count("Course ") >= 30
    assert sum("learning_course" in q["sql"] for q in queries.captured_queries) == 1

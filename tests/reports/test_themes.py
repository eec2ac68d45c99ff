"""The learning themes page: under each theme, what quality audits found beside what case reviews'
lessons say, each part as its reader may read it."""

import pytest
from django.urls import reverse

from audits.quality import FindingKind

from ..helpers import assert_queries_do_not_grow, page
from ..quality_factories import FindingFactory, QualityAuditFactory
from ..reviews_factories import CaseReviewFactory, LearningThemeFactory, LessonFactory


@pytest.fixture
def voice(board, subgroup):
    theme = LearningThemeFactory(board=board, name="Voice of the child")
    audit = QualityAuditFactory(board=board, group=subgroup, theme="Missing from home")
    finding = FindingFactory(
        audit=audit, kind=FindingKind.IMPROVEMENT, text="Voice not consistent across cases."
    )
    finding.themes.add(theme)
    lesson = LessonFactory(
        review=CaseReviewFactory(board=board, reference="Child Q"),
        number=1,
        text="Ask what the child is trying to tell us.",
    )
    lesson.themes.add(theme)
    return theme


def test_audit_findings_beside_review_lessons(login_as, voice, member):
    html = page(login_as("member"), reverse("reports:themes"))
    assert "Voice of the child" in html
    assert "Voice not consistent across cases." in html and "Missing from home" in html
    assert "Ask what the child is trying to tell us." in html and "Child Q, lesson 1" in html
    assert "1 audit finding, 1 lesson" in html


def test_an_agency_lead_sees_the_audit_findings_but_not_the_lessons(login_as, voice, lead_x):
    html = page(login_as("lead_x"), reverse("reports:themes"))
    assert "Voice not consistent across cases." in html
    assert "Ask what the child is trying to tell us." not in html
    assert "Child Q" not in html


def test_another_boards_people_see_none_of_it(login_as, voice, outsider):
    html = page(login_as("outsider"), reverse("reports:themes"))
    assert "Voice of the child" not in html and "Voice not consistent" not in html


def test_the_lessons_page_and_audit_pages_link_to_it(login_as, voice, office):
    client = login_as("office")
    url = reverse("reports:themes")
    assert url in page(client, reverse("reviews:lessons"))
    assert url in page(client, reverse("audits:quality_audits"))
    audit = voice.audit_findings.get().audit
    assert url in page(client, audit.get_absolute_url())


def test_the_page_answers_in_the_same_queries_with_more_themes(login_as, board, voice, office):
    def grow():
        for _ in range(10):
            theme = LearningThemeFactory(board=board)
            FindingFactory(audit=voice.audit_findings.get().audit).themes.add(theme)
            LessonFactory(review=CaseReviewFactory(board=board), number=1).themes.add(theme)

    assert_queries_do_not_grow(login_as("office"), reverse("reports:themes"), grow)


def test_each_theme_lists_the_courses_on_it(login_as, board, voice, member):
    from learning.models import Course

    course = Course.objects.create(board=board, title="Hearing the child", level="intermediate")
    course.themes.add(voice)
    Course.objects.create(board=board, title="Another course", level="awareness")
    html = page(login_as("member"), reverse("reports:themes"))
    assert course.get_absolute_url() in html and "Another course" not in html

"""A draft annual report shows each reader only what they may read; a published version is the
board's public record, built from what the publishing office staff could see."""

import datetime
import html
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import User
from actions.models import PlanKind
from reports import annual
from reports.annual import NOT_SHOWN_REVIEWS
from reports.models import AnnualReport, Publication, SectionKind
from reviews.models import Lesson

from ..factories import ActionFactory, PlanFactory
from ..helpers import page
from .conftest import pdf_words


@pytest.fixture
def demo_report(demo_board):
    return AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")


def demo_person(role):
    return User.objects.get(email=f"{role}@demo.lscb.test")


def lesson_texts(report):
    """What the lessons table prints for each lesson of the reviews published in the year."""
    lessons = Lesson.objects.filter(
        review__board=report.board,
        review__publication_date__range=(report.period_start, report.period_end),
    )
    texts = [(lesson.title or lesson.lead).strip() for lesson in lessons]
    assert len(texts) == 30
    return texts


def xlsx_text(response):
    """Sheet names (the tables' captions) and every cell: the workbook holds the tables only."""
    book = load_workbook(io.BytesIO(response.content))
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    return "\n".join([*book.sheetnames, *cells])


def outputs(client, report):
    """The draft's page, workbook and PDF (the words it is typeset from: `pdfs_as_html`)."""
    xlsx = client.get(reverse("reports:annual_output", args=[report.pk, "xlsx"]))
    pdf = client.get(reverse("reports:annual_output", args=[report.pk, "pdf"]))
    return html.unescape(page(client, report.get_absolute_url())), xlsx_text(xlsx), pdf_words(pdf)


@pytest.mark.usefixtures("pdfs_as_html")
def test_an_agency_lead_reads_no_lesson_in_the_draft_page_xlsx_or_pdf(login_as, demo_report):
    texts = lesson_texts(demo_report)
    html_text, xlsx, pdf = outputs(login_as(demo_person("police.lead")), demo_report)
    for output in (html_text, xlsx, pdf):
        assert "Lessons learned" not in output
        assert "Case reviews published" not in output
        for text in texts:
            assert text not in output
    assert NOT_SHOWN_REVIEWS in html_text


@pytest.mark.usefixtures("pdfs_as_html")
def test_the_office_reads_every_lesson_in_the_draft(login_as, demo_report):
    """And so the agency lead's test above could see them if they were there."""
    texts = lesson_texts(demo_report)
    for output in outputs(login_as(demo_person("office")), demo_report):
        assert "Lessons learned" in output
        for text in texts:
            assert text in output


def test_a_board_member_reads_the_lessons_too(demo_report):
    content = annual.build(demo_report, demo_person("member"))
    reviews = next(s for s in content["sections"] if s["kind"] == SectionKind.CASE_REVIEWS)
    assert [t["caption"] for t in reviews["tables"]] == [
        "Case reviews published",
        "Lessons learned",
    ]


def test_a_published_version_is_the_boards_public_record(login_as, demo_report):
    """Published by the office, frozen with the lessons the office could see: every reader of the
    board reads it as published, agency leads included."""
    office = demo_person("office")
    published = annual.publish(demo_report, office)
    client = login_as(demo_person("police.lead"))
    text = html.unescape(page(client, published.get_absolute_url()))
    assert "Lessons learned" in text
    for lesson in lesson_texts(demo_report):
        assert lesson in text
    assert Publication.objects.get(pk=published.pk).published_by == office


def test_a_review_action_plan_chosen_for_a_plan_section_is_not_shown_to_agency_leads(
    login_as, demo_report
):
    """The office may point a plan section at a review's action plan; readers who may not read
    review plans see no action of it in the draft."""
    plan = PlanFactory(board=demo_report.board, name="Child Z action plan", kind=PlanKind.REVIEW)
    # added in the year: the section lists the actions that existed at its end
    in_the_year = timezone.make_aware(datetime.datetime(2017, 1, 10, 12))
    ActionFactory(
        plan=plan, ref="Z1", text="Secret review action about Child Z", created=in_the_year
    )
    section = demo_report.sections.filter(kind=SectionKind.BUSINESS_PLAN).first()
    section.plan = plan
    section.save()
    lead = annual.build(demo_report, demo_person("police.lead"))
    office = annual.build(demo_report, demo_person("office"))
    assert "Secret review action" not in str(lead)
    assert "Secret review action" in str(office)

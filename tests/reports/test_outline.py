"""The yearly report's outline per board kind (reports/outlines.toml, reports/outline.py): each
required section generated, written or missing; publishing asks a reason for each missing one and
keeps it with the version."""

import datetime

import pytest
from django.urls import reverse

from boards.models import BoardKind
from reports import annual
from reports.models import AnnualReport, Publication, Section, SectionKind
from reports.outline import State, data, outline, requirements

from ..helpers import errors_of, page, publish_data
from .test_annual_report import section_data


@pytest.fixture
def report(board, office):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2016-17",
        period_start=datetime.date(2016, 4, 1),
        period_end=datetime.date(2017, 3, 31),
    )
    annual.start(report, office)
    return report


def states(report):
    return {item.key: item.state for item in outline(report)}


# --- the data ---


@pytest.mark.parametrize("kind", [BoardKind.CHILDREN, BoardKind.PARTNERSHIP, BoardKind.ADULTS])
def test_every_required_section_has_a_source_and_what_answers_it(kind):
    sections = requirements(kind)
    assert sections
    for section in sections:
        assert section["source"] and (section.get("quote") or section.get("summary"))
        for value in section["generated"] + section["written"]:
            SectionKind(value)  # a real section kind
        assert section["written"], section["key"]
    assert len({s["key"] for s in sections}) == len(sections)


def test_the_adults_board_outline_is_schedule_2_paragraph_4():
    sections = requirements(BoardKind.ADULTS)
    assert [s["source"][-7:] for s in sections] == [f"4(1)({c})" for c in "abcdefg"]
    assert sections[2]["quote"] == (
        "what each member has done during that year to implement the strategy"
    )
    recipients = [r["name"] for r in data()["adults"]["recipients"]]
    assert recipients == [
        "Chief executive of the local authority",
        "Leader of the local authority",
        "The local policing body",
        "The Local Healthwatch organisation",
        "Chair of the Health and Wellbeing Board",
    ]


def test_a_partnership_requires_the_scrutineers_statement():
    scrutiny = next(
        s for s in requirements(BoardKind.PARTNERSHIP) if s["key"] == "independent_scrutiny"
    )
    assert scrutiny["written"] == ["scrutiny_statement"]


# --- the states ---


def test_a_new_report_has_the_kinds_required_sections_generated_or_missing(report):
    assert states(report) == {
        "lscb_effectiveness": State.MISSING,
        "lscb_weaknesses": State.GENERATED,  # the business plan update
        "lscb_reviews": State.GENERATED,  # learning from case reviews
        "lscb_funding": State.MISSING,
    }


def test_a_written_section_with_text_is_written_and_a_generated_kind_is_generated(report):
    Section.objects.filter(report=report, requirement="lscb_effectiveness").update(body="Good.")
    Section.objects.filter(report=report, requirement="lscb_funding").delete()
    Section.objects.create(report=report, number=40, title="Money", kind=SectionKind.BUDGET)
    assert states(report)["lscb_effectiveness"] == State.WRITTEN
    assert states(report)["lscb_funding"] == State.GENERATED


def test_a_required_section_deleted_is_missing_with_a_link_to_add_it(report, login_as):
    Section.objects.filter(report=report, kind=SectionKind.CASE_REVIEWS).delete()
    item = next(i for i in outline(report) if i.key == "lscb_reviews")
    assert item.state == State.MISSING and item.section is None
    add = reverse("reports:section_add", args=[report.pk]) + "?requirement=lscb_reviews"
    assert item.link(report) == add
    html = page(login_as("office"), add)
    assert 'value="Lessons from reviews in the year"' in html  # the title offered


def test_the_report_page_shows_the_outline_at_a_glance(report, login_as):
    html = page(login_as("office"), report.get_absolute_url())
    assert "yearly report of a local safeguarding children board," in html
    assert html.count('<li class="govuk-task-list__item') == 4
    assert html.count(">Missing</strong>") == 2 and html.count(">Generated</strong>") == 2
    # Readers see it too, without the links to add what is missing.
    member = page(login_as("member"), report.get_absolute_url())
    assert "govuk-task-list" in member and "?requirement=" not in member


def test_a_report_of_a_kind_without_an_outline_shows_none(report, login_as, board):
    board.kind = BoardKind.OTHER
    board.save()
    assert "govuk-task-list" not in page(login_as("office"), report.get_absolute_url())


# --- publishing ---


def test_publishing_asks_a_reason_for_each_missing_section(report, login_as):
    client = login_as("office")
    url = reverse("reports:annual_publish", args=[report.pk])
    html = page(client, url)
    assert "2 sections the report of a local safeguarding children board must have" in html
    assert "Why is “The effectiveness of child safeguarding in the area” missing?" in html
    errors = errors_of(client.post(url, {"submit": "x", "reason_lscb_funding": "  "}))
    assert errors["reason_lscb_effectiveness"] == [
        "Say why “The effectiveness of child safeguarding in the area” is missing"
    ]
    assert set(errors) == {"reason_lscb_effectiveness", "reason_lscb_funding"}
    assert not Publication.objects.exists()


def test_the_reasons_are_kept_with_the_version_and_shown(report, login_as):
    client = login_as("office")
    url = reverse("reports:annual_publish", args=[report.pk])
    response = client.post(url, publish_data(report, "Covered by the chair's foreword."))
    publication = Publication.objects.get()
    assert response.url == publication.get_absolute_url()
    assert [r["key"] for r in publication.missing_reasons] == ["lscb_effectiveness", "lscb_funding"]
    html = page(login_as("member"), publication.get_absolute_url())
    assert "Required sections not in this version" in html
    assert html.count("Covered by the chair&#x27;s foreword.") == 2


def test_a_complete_report_publishes_without_reasons(report, login_as):
    Section.objects.filter(report=report, requirement__startswith="lscb_").update(body="Done.")
    client = login_as("office")
    url = reverse("reports:annual_publish", args=[report.pk])
    assert "Every section the report of a local safeguarding" in page(client, url)
    assert client.post(url, {"submit": "x"}).status_code == 302
    assert Publication.objects.get().missing_reasons == []


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("member", 403), ("chair", 403), ("outsider", 404)]
)
def test_only_the_office_publishes(report, login_as, role, status):
    url = reverse("reports:annual_publish", args=[report.pk])
    assert login_as(role).post(url, publish_data(report)).status_code == status
    assert not Publication.objects.exists()


def test_a_section_answers_only_a_requirement_of_the_reports_kind(report, login_as):
    client = login_as("office")
    section = report.sections.get(requirement="lscb_funding")
    data = section_data(
        number=section.number, title=section.title, kind="narrative", requirement="sar_findings"
    )
    errors = errors_of(client.post(reverse("reports:section_edit", args=[section.pk]), data))
    assert errors["requirement"]
    section.refresh_from_db()
    assert section.requirement == "lscb_funding"

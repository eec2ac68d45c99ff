"""The annual report: generated from live data (its tables equal the seed's), written and published
by the office, frozen once published, and downloadable as HTML, PDF and XLSX."""

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts.models import User
from actions.importing import parse
from actions.models import Action
from core.rag import Rag
from demo.actions import corrected
from reports import annual
from reports.models import AnnualReport, Publication, Section, SectionKind

from ..factories import ActionFactory, AgencyFactory, BoardAgencyFactory, SubgroupFactory
from ..helpers import count_queries, date_fields, errors_of, page, publish_data
from .conftest import pdf_words

SEED_CSV = Path(__file__).parents[2] / "demo" / "data" / "business_plan_2016_17.csv"


@pytest.fixture
def demo_report(demo_board):
    return AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")


def demo_person(role):
    return User.objects.get(email=f"{role}@demo.lscb.test")


def section(content, title):
    return next(s for s in content["sections"] if s["title"] == title)


def test_the_demo_reports_section_11_table_is_the_seeds(office_content):
    table = section(office_content, "Safeguarding (Section 11) Audit")["tables"][0]
    assert table["head"] == [
        "Standard",
        "Section 11 audit 2015-16",
        "Section 11 audit 2016-17",
        "Change",
    ]
    assert table["rows"][0] == ["Number of responses", "486", "433", "-53"]
    last_year = [row[1] for row in table["rows"][1:]]
    this_year = [row[2] for row in table["rows"][1:]]
    changes = [row[3] for row in table["rows"][1:]]
    assert last_year == ["98%", "97%", "96%", "95%", "95%", "95%", "94%", "94%", "96%"]
    assert this_year == ["97%", "98%", "97%", "95%", "96%", "93%", "93%", "94%", "97%"]
    assert changes == ["-1%", "+1%", "+1%", "0%", "+1%", "-2%", "-1%", "0%", "+1%"]


def test_the_demo_reports_section_11_sectors_and_statutory_partners_are_the_seeds(office_content):
    built = section(office_content, "Safeguarding (Section 11) Audit")
    tables = {t["caption"]: t for t in built["tables"]}
    sectors = {row[0]: row[1] for row in tables["Returns by sector"]["rows"]}
    assert (sectors["Schools"], sectors["GPs"], sectors["Statutory partners"]) == (
        "205",
        "47",
        "15",
    )
    assert sectors["All returns"] == "433"
    assert (
        "15 returns came from statutory partners; 3 of 15 (20%) fully met every standard."
        in built["paragraphs"]
    )
    standards = tables["Statutory partners: ratings by standard"]["rows"]
    assert standards[0] == ["Every standard", "3", "", "", "", "20%"]
    # fully, partially, not met, not applicable, % fully met of standards 1 to 9
    assert [row[1:] for row in standards[1:]] == [
        ["13", "1", "1", "0", "87%"],
        ["15", "0", "0", "0", "100%"],
        ["11", "4", "0", "0", "73%"],
        ["15", "0", "0", "0", "100%"],
        ["14", "1", "0", "0", "93%"],
        ["15", "0", "0", "0", "100%"],
        ["11", "4", "0", "0", "73%"],
        ["14", "1", "0", "0", "93%"],
        ["15", "0", "0", "0", "100%"],
    ]
    criteria = {
        row[0].split()[0]: row[1:]
        for row in tables["Statutory partners: ratings by criterion"]["rows"]
    }
    assert criteria["3.1"] == ["11", "4", "0", "0", "73%"]
    assert criteria["5.2"][0] == criteria["5.3"][0] == "14"
    assert (criteria["7.2"][0], criteria["7.3"][0], criteria["8.3"][0]) == ("12", "11", "14")


def test_the_demo_reports_business_plan_table_is_the_seeds(demo_report, office_content):
    """Row for row the seed's table, read as the importer reads it: the same actions, owners (the
    seed's group names are aliases of the groups printed), dates, outcomes, updates and RAG, with the
    demo's one documented correction (demo/actions.py). The report prints groups by their current
    names, dates as "Nov-16", and in ref order."""
    table = section(office_content, "2016-17 Business Plan Update")["tables"][0]
    generated = parse([table["head"], *table["rows"]], demo_report.board)
    with SEED_CSV.open(encoding="utf-8-sig") as f:
        seed = parse(corrected(list(csv.reader(f))), demo_report.board)
    assert generated.errors == seed.errors == []
    assert generated.cycle_name == seed.cycle_name == "April 2017 updates"

    def meaning(row):
        return {
            **vars(row),
            "line": None,
            "links": sorted(row.links),
            "owners": sorted(g.pk for g in row.owners),
        }

    by_ref = {row.ref: meaning(row) for row in seed.rows}
    by_ref["4.5"]["links"] = [
        "5.4"
    ]  # the seed's "(linked to 5.5)": there is no 5.5 (demo/actions.py)
    assert {row.ref: meaning(row) for row in generated.rows} == by_ref
    assert len(table["rows"]) == 62


def test_the_demo_report_has_membership_subgroups_budget_and_a_page(office_content):
    content = office_content
    members = section(content, "Who are members of the LSCB")["tables"][0]
    assert len(members["rows"]) == 18
    assert members["rows"][0][0] == "Cumbria County Council, Children's Services"
    budget = section(content, "LSCB Budget: partner contributions")["tables"][0]
    assert budget["rows"][-1] == ["Total Partner Agency Contributions", "£212,588"]
    assert len(section(content, "Subgroups")["tables"]) == 21
    figures = section(content, "LSCB Annual Report on a Page")["tables"][0]["rows"]
    assert [
        "Safeguarding (Section 11) Audit",
        "433 agencies returned their self-assessment for "
        "Section 11 audit 2016-17; 314 (73%) fully met every standard.",
    ] in figures


def test_the_demo_budget_adds_up_to_the_agencies_contributions(demo_report):
    import tomllib

    data = tomllib.loads((SEED_CSV.parent / "cumbria.toml").read_text(encoding="utf-8"))
    total = sum(a.get("contribution_2016_17", 0) for a in data["agencies"])
    assert f"£{total:,}" == "£212,588"


def test_the_pdf_opens_with_every_section_and_page_numbers(login_as, demo_report):
    response = login_as(demo_person("office")).get(
        reverse("reports:annual_output", args=[demo_report.pk, "pdf"])
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    for s in demo_report.sections.all():
        assert f"{s.number}. {s.title}" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "Number of responses" in text and "97%" in text


def test_the_xlsx_has_every_table(login_as, demo_report):
    response = login_as(demo_person("member")).get(
        reverse("reports:annual_output", args=[demo_report.pk, "xlsx"])
    )
    book = load_workbook(io.BytesIO(response.content))
    tables = sum(
        len(s["tables"]) for s in annual.build(demo_report, demo_person("member"))["sections"]
    )
    assert len(book.sheetnames) == tables
    s11 = next(book[name] for name in book.sheetnames if name.startswith("8.1 "))
    assert [c.value for c in next(s11.iter_rows(min_row=2, max_row=2))] == [
        "Number of responses",
        "486",
        "433",
        "-53",
    ]


@pytest.mark.usefixtures("pdfs_as_html")
def test_publishing_freezes_the_report(login_as, demo_report):
    office = demo_person("office")
    client = login_as(office)
    assert (
        client.post(
            reverse("reports:annual_publish", args=[demo_report.pk]), publish_data(demo_report)
        ).status_code
        == 302
    )
    first = Publication.objects.get(report=demo_report)
    assert (first.version, first.published_by) == (1, office)
    # Live data changes afterwards: an action completes, a section is rewritten.
    action = Action.objects.get(plan__name="LSCB Business Plan 2016-19", ref="1.1")
    action.rag = Rag.RED
    action.save()
    Section.objects.filter(report=demo_report, number=2).update(body="Rewritten later.")
    frozen = page(client, first.get_absolute_url())
    live = page(client, demo_report.get_absolute_url())
    assert "Rewritten later." in live and "Rewritten later." not in frozen
    assert "Welcome to the Cumbria LSCB Annual Report 2016-17" in frozen
    client.post(reverse("reports:annual_publish", args=[demo_report.pk]), publish_data(demo_report))
    second = Publication.objects.get(report=demo_report, version=2)
    assert "Rewritten later." in page(client, second.get_absolute_url())
    # Every version stays downloadable, as published (`pdfs_as_html`: the words each PDF is typeset
    # from; test_the_pdf_opens_with_every_section_and_page_numbers typesets this report's PDF).
    for version in (first, second):
        pdf = client.get(reverse("reports:publication", args=[version.pk, "pdf"]))
        assert pdf["Content-Type"] == "application/pdf"
        words = pdf_words(pdf)
        assert f"Version {version.version}, published {version.published:%-d %B %Y}" in words
        assert ("Rewritten later." in words) == (version == second)


# Writing the report ----------------------------------------------------------------------------


def test_office_starts_a_report_from_the_outline(login_as, office, board, plan, action, cycle):
    client = login_as("office")
    assert "Start an annual report" in page(client, reverse("reports:annual_list", args=[board.pk]))
    import datetime

    data = {
        "title": "Annual Report 2024-25",
        **date_fields("period_start", datetime.date(2024, 4, 1)),
        **date_fields("period_end", datetime.date(2025, 3, 31)),
    }
    response = client.post(reverse("reports:annual_add", args=[board.pk]), data)
    report = AnnualReport.objects.get(title="Annual Report 2024-25")
    assert response.url == report.get_absolute_url()
    # The standard outline, with the sections the board's kind requires that it does not generate
    # before the report on a page (an LSCB: the effectiveness of child safeguarding in the area, and
    # the partners' contributions, which the standard outline's typed budget table does not answer).
    kinds = [s.kind for s in report.sections.all()]
    assert kinds == [kind for _, kind in annual.OUTLINE[:-1]] + ["narrative"] * 2 + ["on_a_page"]
    required = report.sections.exclude(requirement="").values_list("requirement", "body")
    assert list(required) == [("lscb_effectiveness", ""), ("lscb_funding", "")]
    assert report.history.get().history_user == office
    html = page(client, report.get_absolute_url())
    assert "Publish this version" in html
    errors = errors_of(client.post(reverse("reports:annual_add", args=[board.pk]), data))
    assert errors["title"] == ["The board already has a report with this title"]


@pytest.fixture
def report(board, office):
    import datetime

    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2024-25",
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
    )
    annual.start(report, office)
    return report


def section_data(**changes):
    return {
        "number": 20,
        "title": "Training attendance",
        "kind": SectionKind.TABLE,
        "body": "",
        "table_text": "",
        "plan": "",
        "audit_cycle": "",
        **changes,
    }


def test_office_imports_a_table_from_csv_all_or_nothing(login_as, report):
    client = login_as("office")
    url = reverse("reports:section_add", args=[report.pk])
    bad = SimpleUploadedFile("t.csv", b"Course,Attended\nNeglect,180\nCSE,12,extra\n")
    errors = errors_of(client.post(url, {**section_data(), "table_file": bad}))
    assert errors["table_file"] == ["Row 3 has 3 cells but the headings have 2"]
    assert not report.sections.filter(number=20).exists()
    good = SimpleUploadedFile("t.csv", b'Course,Attended\nNeglect,180\n"CSE, online",12\n')
    assert client.post(url, {**section_data(), "table_file": good}).status_code == 302
    added = report.sections.get(number=20)
    assert added.table == [["Course", "Attended"], ["Neglect", "180"], ["CSE, online", "12"]]
    assert "CSE, online" in page(client, report.get_absolute_url())


def test_office_edits_and_deletes_sections(login_as, report):
    client = login_as("office")
    foreword = report.sections.get(number=1)
    data = section_data(
        number=1, title="Foreword", kind=SectionKind.NARRATIVE, body="Our year.\n\nThanks."
    )
    assert client.post(reverse("reports:section_edit", args=[foreword.pk]), data).status_code == 302
    foreword.refresh_from_db()
    assert foreword.body == "Our year.\n\nThanks."
    errors = errors_of(
        client.post(reverse("reports:section_edit", args=[foreword.pk]), {**data, "number": 2})
    )
    assert errors["number"] == ["Section 2 already exists: choose another number"]
    client.post(reverse("reports:section_delete", args=[foreword.pk]), {"submit": "Yes, delete"})
    assert not report.sections.filter(number=1).exists()


def test_readers_read_but_only_office_staff_write(login_as, report, lead_x, office):
    publication = annual.publish(report, office)
    for role in ("member", "chair", "lead_x"):
        client = login_as(role)
        assert client.get(report.get_absolute_url()).status_code == 200
        assert client.get(publication.get_absolute_url()).status_code == 200
        assert "Publish this version" not in page(client, report.get_absolute_url())
        for url in (
            reverse("reports:annual_edit", args=[report.pk]),
            reverse("reports:annual_publish", args=[report.pk]),
            reverse("reports:section_add", args=[report.pk]),
            reverse("reports:section_edit", args=[report.sections.first().pk]),
        ):
            assert client.post(url, {"submit": "x"}).status_code == 403, (role, url)
    outsider = login_as("outsider")
    assert outsider.get(report.get_absolute_url()).status_code == 404
    assert outsider.get(publication.get_absolute_url()).status_code == 404
    assert Publication.objects.count() == 1


def test_a_section_cannot_draw_on_another_boards_plan(login_as, report):
    other = ActionFactory().plan  # a plan of another board
    data = section_data(kind=SectionKind.BUSINESS_PLAN, plan=other.pk)
    errors = errors_of(
        login_as("office").post(reverse("reports:section_add", args=[report.pk]), data)
    )
    assert "plan" in errors


def test_the_report_answers_in_the_same_queries_with_ten_times_the_data(
    login_as, board, report, plan, action, cycle, subgroup
):
    client = login_as("member")
    url = report.get_absolute_url()
    before = count_queries(client, url)
    for n in range(10):
        group = SubgroupFactory(board=board)
        group.responsibilities.create(number=1, text="Do things")
        BoardAgencyFactory(board=board, agency=AgencyFactory(), represented=True)
        for m in range(10):
            ActionFactory(plan=plan, ref=f"{n + 2}.{m}", owners=[subgroup])
    assert count_queries(client, url) == before


def test_the_demo_reports_performance_table_is_the_scorecard(office_content):
    performance = section(office_content, "Key LSCB Performance Indicators")
    table = performance["tables"][0]
    assert table["head"] == [
        "Indicator",
        "Description",
        "Rate/Percentage",
        "RAG (against target)",
        "Trend over last year",
        "Good performance is",
        "Target",
    ]
    assert len(table["rows"]) == 48
    rags = Counter(row[3] for row in table["rows"])
    assert rags == {"Green": 30, "Red": 11, "Amber": 5, "No RAG": 2}
    assert table["rows"][2][:4] == [
        "CS2.0",
        "S47 Enquiries completed within 6 working days",
        "82.1%",
        "Green",  # the seed's judgement, not the formula
    ]
    assert performance["summary"] == (
        "48 indicators at 31 March 2017: 11 red, 5 amber, 30 green, 2 without a target."
    )


def test_the_demo_report_lists_the_serious_case_reviews_and_their_lessons(office_content):
    reviews = section(office_content, "Learning from Reviews")
    published, lessons = reviews["tables"]
    assert [row[0] for row in published["rows"]] == [
        "Child N",
        "Child L",
        "Child AC",
        "Child R",
        "Child O",
    ]
    assert published["rows"][0][2] == "13 June 2016"
    assert len(lessons["rows"]) == sum(int(row[4]) for row in published["rows"])
    assert "Disguised compliance" in dict((row[0], row[2]) for row in lessons["rows"])["Child L 1"]
    assert reviews["summary"].startswith("5 case reviews published in the year, with 30 lessons")

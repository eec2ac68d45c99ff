"""Bad input, part 4: the annual report. Markup typed into its title, sections and tables comes back
as text in the HTML, the PDF and the XLSX; formulas are neutralised in the XLSX; the PDF fetches
nothing; a table file that is not a small UTF-8 CSV is refused."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import annual
from reports.models import AnnualReport, Section, SectionKind

MARKUP = '<script>alert("report")</script><img src="file:///etc/passwd">'
FORMULA = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture
def report(board):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual <i>Report</i>",
        period_start=date(2016, 4, 1),
        period_end=date(2017, 3, 31),
    )
    Section.objects.create(
        report=report, number=1, title=MARKUP, kind=SectionKind.NARRATIVE, body=MARKUP
    )
    Section.objects.create(
        report=report,
        number=2,
        title="Figures",
        kind=SectionKind.TABLE,
        body="",
        table=[["Heading", "Value"], [MARKUP, FORMULA], ["@SUM(1)", "-1+2"]],
    )
    return report


def test_markup_in_the_report_is_escaped_in_its_pages(login_as, report):
    client = login_as("office")
    for url in (
        reverse("reports:annual", args=[report.pk]),
        reverse("reports:annual_list", args=[report.board_id]),
    ):
        html = client.get(url).content.decode()
        assert MARKUP not in html and "<i>Report</i>" not in html
    html = client.get(reverse("reports:annual", args=[report.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;report&quot;)&lt;/script&gt;" in html


def test_a_published_versions_html_escapes_markup(login_as, report, office):
    publication = annual.publish(report, office)
    html = (
        login_as("member")
        .get(reverse("reports:publication", args=[publication.pk, "html"]))
        .content.decode()
    )
    assert MARKUP not in html
    assert "&lt;script&gt;" in html


def test_markup_in_the_report_is_text_in_the_pdf(login_as, report):
    response = login_as("office").get(reverse("reports:annual_output", args=[report.pk, "pdf"]))
    assert response.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert '<script>alert("report")</script>' in text  # shown as typed, not run or dropped


def test_the_pdf_fetches_nothing(monkeypatch):
    from reports import output

    with pytest.raises(ValueError, match="not fetched"):
        output.fetch_nothing("file:///etc/passwd")


def test_the_xlsx_neutralises_formulas_and_keeps_markup_as_text(login_as, report):
    response = login_as("office").get(reverse("reports:annual_output", args=[report.pk, "xlsx"]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    values = [
        str(c)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
        if c is not None
    ]
    assert "'" + FORMULA in values and FORMULA not in values
    assert "'@SUM(1)" in values and "'-1+2" in values
    assert MARKUP in values  # a spreadsheet cell is text: nothing to escape
    for value in values:
        assert value[:1] not in ("=", "+", "-", "@"), value


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("table.xlsx", b"PK\x03\x04", "The file must be a CSV file"),
        ("table.csv", bytes(range(256)), "The file is not a CSV text file"),
        ("table.csv", b"a,b\n" + b"1,2\n" * 400_000, "The file must be smaller than 1.0"),
        ("table.csv", b"a,b\n1,2\n3,4\x0b\n", "Row 3: Remove the control character"),
        ("table.csv", b"a,b\n" + b"1,2\n" * 501, "a section holds at most 500"),
        ("table.csv", b"a" + b",a" * 60 + b"\n", "Row 1: Column BI has a value"),
    ],
    ids=["xlsx", "binary", "oversized", "control character", "too many rows", "too wide"],
)
def test_a_table_file_that_is_not_a_small_csv_is_refused(login_as, report, name, content, reason):
    section = report.sections.get(number=2)
    data = {
        "number": 2,
        "title": "Figures",
        "kind": SectionKind.TABLE,
        "body": "",
        "table_text": "",
        "table_file": SimpleUploadedFile(name, content),
    }
    response = login_as("office").post(reverse("reports:section_edit", args=[section.pk]), data)
    assert response.status_code == 200
    assert reason in " ".join(response.context["form"].errors["table_file"])
    section.refresh_from_db()
    assert section.table[1] == [MARKUP, FORMULA]

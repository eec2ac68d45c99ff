"""The annual report's content (see annual.build) as a PDF, as an XLSX workbook, and its tables one
by one (`tables`: the CSV files of a published version, and the read API)."""

import io

from django.template.loader import render_to_string
from django.utils.text import slugify

from core.spreadsheets import write_xlsx_sheets


def pdf(content, base_url, publication=None):
    """The report as a PDF; a published version says its number and date on its cover and on every
    page."""
    from weasyprint import HTML

    html = pdf_html(content, publication)
    return HTML(string=html, base_url=base_url, url_fetcher=fetch_nothing).write_pdf()


def pdf_html(content, publication=None):
    """The HTML the PDF is typeset from: every word the PDF prints, but for what its style sheet
    adds (page numbers, the running heads)."""
    return render_to_string(
        "reports/annual_pdf.html", {"content": content, "publication": publication}
    )


def fetch_nothing(url, *args, **kwargs):
    """The PDF is self-contained: WeasyPrint loads no file or address, whatever text says."""
    raise ValueError(f"not fetched: {url}")


def xlsx(content):
    """Every table of the report, a sheet each, numbered by section."""
    sheets = [
        (
            f"{section['number']}.{n} {t['caption']}"
            if len(section["tables"]) > 1
            else f"{section['number']} {t['caption']}",
            [t["head"], *t["rows"]],
        )
        for section in content["sections"]
        for n, t in enumerate(section["tables"], start=1)
    ]
    stream = io.BytesIO()
    write_xlsx_sheets(sheets or [(content["title"], [["No tables"]])], stream)
    return stream.getvalue()


def tables(content):
    """Every table of the report, in order: its section's number and title, its caption, its head
    row and its rows, and a file name unique in the report ("03-1-board-membership")."""
    found = []
    for section in content["sections"]:
        for n, t in enumerate(section["tables"], start=1):
            found.append(
                {
                    "section": section["number"],
                    "section_title": section["title"],
                    "caption": t["caption"],
                    "head": t["head"],
                    "rows": t["rows"],
                    "file_name": f"{section['number']:02d}-{n}-{slugify(t['caption'])[:60]}",
                }
            )
    return found

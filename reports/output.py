"""The annual report's content (see annual.build) as a PDF and as an XLSX workbook."""

import io

from django.template.loader import render_to_string

from core.spreadsheets import write_xlsx_sheets


def pdf(content, base_url, publication=None):
    """The report as a PDF; a published version says its number and date on its cover and on every
    page."""
    from weasyprint import HTML

    html = render_to_string(
        "reports/annual_pdf.html", {"content": content, "publication": publication}
    )
    return HTML(string=html, base_url=base_url, url_fetcher=fetch_nothing).write_pdf()


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

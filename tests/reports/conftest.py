"""Fixtures of the annual report's tests."""

import copy
import html

import pytest

from reports import output


@pytest.fixture
def pdfs_as_html(monkeypatch):
    """PDF downloads answer with the HTML the PDF would be typeset from (`output.pdf_html`) rather
    than the PDF: for tests of what a PDF says, not of its typesetting, which takes WeasyPrint
    seconds for the demo's report of about 70 pages. The view, its permissions and its headers
    are the real ones. test_the_pdf_opens_with_every_section_and_page_numbers and
    tests/reports/test_publication_pdf.py typeset real PDFs."""

    def pdf(content, base_url, publication=None):
        return output.pdf_html(content, publication).encode()

    monkeypatch.setattr(output, "pdf", pdf)


def pdf_words(response):
    """Every word of a PDF download made under `pdfs_as_html`, tags and all: a text absent from it
    is absent from the PDF; one present is not broken across lines, as text taken from a PDF is."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return html.unescape(response.content.decode())


_BUILT = {}


@pytest.fixture
def office_content(demo_report):
    """annual.build(demo_report, the demo's office staff), of the demo as loaded: built once while
    the shared demo stays loaded (tests/conftest.py, DemoTransaction), for the tests that only read
    it. A test that changes data first must build its own. Each test gets its own copy."""
    from accounts.models import User
    from reports import annual

    from ..conftest import DEMO

    assert DEMO.atomic is not None, "the shared demo is not loaded"
    if _BUILT.get("demo") is not DEMO.atomic:  # the demo loaded again: its records are new
        office = User.objects.get(email="office@demo.lscb.test")
        _BUILT.update(demo=DEMO.atomic, content=annual.build(demo_report, office))
    return copy.deepcopy(_BUILT["content"])

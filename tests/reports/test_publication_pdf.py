"""A published version's PDF says which version it is, on its cover and on every page."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports import annual
from reports.models import AnnualReport


@pytest.fixture
def report(board, office):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2024-25",
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
    )
    annual.start(report, office)
    return report


def pdf_pages(response):
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_a_published_versions_pdf_says_its_version_on_every_page(login_as, report, office):
    annual.publish(report, office)
    second = annual.publish(report, office)
    client = login_as("member")
    pages = pdf_pages(client.get(reverse("reports:publication", args=[second.pk, "pdf"])))
    stamp = f"Version 2, published {second.published:%-d %B %Y}"
    assert stamp in pages[0]
    assert all(stamp in text for text in pages)
    assert "Version 1" not in "".join(pages)


def test_the_live_reports_pdf_claims_no_version(login_as, report, office):
    annual.publish(report, office)
    client = login_as("member")
    pages = pdf_pages(client.get(reverse("reports:annual_output", args=[report.pk, "pdf"])))
    assert "Version" not in "".join(pages)

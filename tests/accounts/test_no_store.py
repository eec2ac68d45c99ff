"""Signed-in pages and downloads carry Cache-Control: no-store (accounts/no_store.py), so neither a
shared computer's browser nor a proxy keeps a copy of a board's records."""

import pytest
from django.urls import reverse


def no_store(response):
    return "no-store" in response.get("Cache-Control", "") and "private" in response.get(
        "Cache-Control", ""
    )


@pytest.fixture
def pages(board, plan, action, audit_cycle):
    return {
        "home": "/",
        "plan": reverse("actions:plan", args=[plan.pk]),
        "plan csv": reverse("actions:export", args=[plan.pk, "csv"]),
        "plan xlsx": reverse("actions:export", args=[plan.pk, "xlsx"]),
        "section 11 csv": reverse("audits:report_export", args=[audit_cycle.pk, "csv"]),
    }


def test_signed_in_pages_and_downloads_are_not_stored(login_as, pages):
    client = login_as("office")
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert no_store(response), name


def test_a_pdf_is_not_stored(login_as, board, office):
    import datetime

    from reports import annual
    from reports.models import AnnualReport

    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2024-25",
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
    )
    annual.start(report, office)
    response = login_as("office").get(reverse("reports:annual_output", args=[report.pk, "pdf"]))
    assert response.status_code == 200
    assert no_store(response)


def test_a_refusal_to_a_signed_in_person_is_not_stored_either(login_as, plan):
    response = login_as("outsider").get(reverse("actions:plan", args=[plan.pk]))
    assert response.status_code == 404
    assert no_store(response)


def test_the_sign_in_pages_are_not_stored(client, db):
    for name in ["login", "password_reset"]:
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert no_store(response), name


def test_public_pages_for_anonymous_visitors_keep_their_headers(client, db):
    assert not no_store(client.get(reverse("accessibility")))

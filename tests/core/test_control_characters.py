"""Text is clean on the way in and safe on the way out: a control character XML cannot hold (one
\\x0b pasted from another program) is refused by every form and import with a message naming where
it is, and text stored before the check (or by another way in) never breaks an export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from actions.models import Action, Plan
from audits.models import Criterion
from core.forms import GdsFormMixin
from core.spreadsheets import safe_cell
from core.text import control_character_problem, printable
from performance.models import Indicator, Measurement
from reports import annual
from reports.models import Publication, Section
from reviews.models import CaseReview, Lesson

from ..actions.test_importing import HEADER, row
from .test_bad_imports import csv_bytes, import_file

BAD = "before\x0bafter"  # as stored: a vertical tab between the words
REPAIRED = "beforeafter"


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe"])
def test_characters_xml_cannot_hold_are_found_and_dropped(character):
    text = f"a{character}b"
    assert f"(U+{ord(character):04X})" in control_character_problem(text, "the text")
    assert printable(text) == "ab"
    assert safe_cell(text) == "ab"


def test_tabs_newlines_and_carriage_returns_are_fine():
    text = "line one\r\n\tline two\nline three"
    assert control_character_problem(text, "the text") is None
    assert printable(text) == text


def test_every_form_of_the_app_uses_the_check():
    """The check lives in GdsFormMixin: every form class of the app's modules must use it."""
    import importlib

    from django import forms

    names = ["accounts", "boards", "subgroups", "actions", "audits", "reviews", "performance"]
    names.append("reports")
    checked = []
    for app in names:
        module = importlib.import_module(f"{app}.forms")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                assert issubclass(value, GdsFormMixin), f"{value.__name__} skips GdsFormMixin"
                checked.append(value)
    assert len(checked) > 20


def test_a_form_refuses_the_character_naming_the_field_and_saves_nothing(login_as, action):
    client = login_as("office")
    url = reverse("actions:action_edit", args=[action.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = {
        key: value
        for key, value in response.context["form"].initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    response = client.post(url, {**data, "text": BAD, "version": action.version})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Remove the control character from" in html
    assert "(U+000B)" in html
    action.refresh_from_db()
    assert action.text != BAD


def test_a_report_section_form_refuses_the_character(login_as, report):
    client = login_as("office")
    url = reverse("reports:section_add", args=[report.pk])
    data = {"number": 20, "title": "Training", "kind": "text", "body": BAD}
    response = client.post(url, {**data, "table_text": "", "plan": "", "audit_cycle": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["body"] == [
        "Remove the control character from “Text” (U+000B): it is invisible, and cannot be saved"
    ]
    assert not Section.objects.filter(report=report, number=20).exists()


def test_a_plan_import_with_the_character_is_refused_naming_the_row(login_as, subgroup, board):
    """(An .xlsx cannot carry the character: its XML would not parse, and the file is refused as
    unreadable.)"""
    client = login_as("office")
    rows = [HEADER, row("1.1"), row("1.2", text=BAD), row("1.3"), row("1.4", outcome=BAD)]
    response = import_file(client, board, "plan.csv", csv_bytes(rows))
    assert response.status_code == 200
    errors = response.context["errors"]
    assert errors == [
        (
            3,
            "Remove the control character from column C (Action) (U+000B): it is invisible, "
            "and cannot be saved",
        ),
        (
            5,
            "Remove the control character from column F (What we are trying to achieve) "
            "(U+000B): it is invisible, and cannot be saved",
        ),
    ]
    assert not Plan.objects.filter(name="Imported plan").exists()


def test_a_figures_import_with_the_character_is_refused(login_as, board, indicator):
    content = f"Code,Period end,Value,Note\n{indicator.code},31/03/2017,12,{BAD}\n".encode()
    response = login_as("office").post(
        reverse("performance:import", args=[board.pk]),
        {"file": SimpleUploadedFile("figures.csv", content)},
    )
    assert response.status_code == 200
    assert response.context["errors"][0][0] == 2
    assert "(U+000B)" in response.context["errors"][0][1]
    assert not Measurement.objects.exists()


# Stored text (legacy data, the admin, a migration) is repaired on the way out


@pytest.fixture
def report(board, office):
    import datetime

    from reports.models import AnnualReport

    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2024-25",
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
    )
    annual.start(report, office)
    return report


@pytest.fixture
def stored(action, cycle, measurement, case_review, audit_cycle, submission, report, office):
    """A control character written straight into the database, bypassing every form."""
    Action.objects.filter(pk=action.pk).update(text=BAD)
    Indicator.objects.filter(pk=measurement.indicator_id).update(description=BAD)
    Lesson.objects.filter(review=case_review).update(text=BAD)
    CaseReview.objects.filter(pk=case_review.pk).update(reference=f"Child {BAD}")
    Criterion.objects.filter(standard__framework=audit_cycle.framework).update(text=BAD)
    Section.objects.filter(report=report).update(body=BAD)
    report.sections.create(number=99, title=f"Extra {BAD}", kind="text", body=BAD)
    publication = annual.publish(report, office)
    frozen = Publication.objects.get(pk=publication.pk).content
    assert frozen["sections"][-1]["paragraphs"] == [BAD]
    return publication


def xlsx_text(response):
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return " ".join(
        str(value)
        for sheet in book.worksheets
        for cells in sheet.iter_rows(values_only=True)
        for value in cells
        if value is not None
    )


def test_every_xlsx_export_repairs_stored_text(login_as, board, plan, audit_cycle, report, stored):
    client = login_as("office")
    for url in [
        reverse("actions:export", args=[plan.pk, "xlsx"]),
        reverse("performance:export", args=[board.pk, "xlsx"]),
        reverse("reviews:export", args=["xlsx"]),
        reverse("audits:report_export", args=[audit_cycle.pk, "xlsx"]),
        reverse("reports:annual_output", args=[report.pk, "xlsx"]),
        reverse("reports:publication", args=[stored.pk, "xlsx"]),
    ]:
        text = xlsx_text(client.get(url))
        assert "\x0b" not in text, url
        assert REPAIRED in text, url


def test_csv_html_and_pdf_outputs_answer_with_stored_text(
    login_as, board, plan, audit_cycle, report, stored
):
    client = login_as("office")
    for url in [
        reverse("actions:export", args=[plan.pk, "csv"]),
        reverse("performance:export", args=[board.pk, "csv"]),
        reverse("reviews:export", args=["csv"]),
        reverse("audits:report_export", args=[audit_cycle.pk, "csv"]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert REPAIRED in text and "\x0b" not in text, url
    for url in [  # HTML holds the character harmlessly (browsers show nothing for it)
        reverse("reports:annual", args=[report.pk]),
        reverse("reports:publication", args=[stored.pk, "html"]),
    ]:
        assert client.get(url).status_code == 200, url
    for url in [
        reverse("reports:annual_output", args=[report.pk, "pdf"]),
        reverse("reports:publication", args=[stored.pk, "pdf"]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.startswith(b"%PDF")

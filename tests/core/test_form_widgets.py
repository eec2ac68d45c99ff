"""Every form draws GOV.UK controls: a required choice among radios has no blank "---------" option,
and number boxes are styled as text boxes are."""

import datetime
import re

from django.urls import reverse

from reports import annual
from reports.models import AnnualReport


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_case_review_kinds_have_no_blank_option(login_as, board, office):
    page = html(login_as("office"), reverse("reviews:add", args=[board.pk]))
    assert 'name="kind"' in page
    assert "---------" not in page
    assert 'name="kind" value=""' not in page


def test_the_report_section_form_has_no_blank_option(login_as, board, office):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2024-25",
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
    )
    annual.start(report, office)
    page = html(login_as("office"), reverse("reports:section_add", args=[report.pk]))
    assert 'name="kind"' in page and 'name="kind" value=""' not in page
    assert "---------" not in page
    assert "The business plan updated in the year" in page


def test_the_update_cycle_forms_number_box_is_a_govuk_input(login_as, plan, office):
    page = html(login_as("office"), reverse("actions:cycle_add", args=[plan.pk]))
    box = re.search(r"<input[^>]*name=\"reminder_days\"[^>]*>", page).group(0)
    classes = re.search(r'class="([^"]*)"', box).group(1).split()
    assert "govuk-input" in classes, box

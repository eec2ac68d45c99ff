"""The demo's practitioner surveys are the seed's (section 19): 368 responses in 2016 and 316 in 2015,
the confidence and outcome-clarity questions with their printed shares, stored as recorded results;
and the 2016-17 annual report's "Front Line Staff" section compares them."""

import io
from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from learning.models import Response, Survey
from learning.survey_results import results
from reports import annual
from reports.models import AnnualReport

from ..helpers import page


def person(role):
    return User.objects.get(email=f"{role}@demo.lscb.test")


def test_the_seeds_two_surveys_are_recorded_not_invented(demo_board):
    surveys = Survey.objects.filter(board=demo_board)
    this = surveys.get(title="Practitioner survey 2016")
    assert (this.recorded_responses, this.previous.recorded_responses) == (368, 316)
    assert this.period == "17 June 2016 to 22 July 2016"
    assert this.previous.period == "Summer 2015"
    assert not Response.objects.filter(survey__board=demo_board).exists()
    confidence, clarity = results(this)
    assert confidence.answered == 355
    assert [(o.option.text, o.share, o.count) for o in confidence.options] == [
        ("Very confident", Decimal("3.10"), 11),
        ("Confident", Decimal("45.07"), 160),
        ("Neither confident or not confident", Decimal("33.80"), 120),
        ("Not confident", Decimal("14.37"), 51),
        ("Not very confident at all", Decimal("2.25"), 8),
        ("Not applicable to my role", Decimal("1.41"), 5),
    ]
    assert sum(o.count for o in confidence.options) == 355
    assert sum(o.share for o in confidence.options) == 100
    compared = {r.label: (r.last_year, r.this_year) for r in confidence.comparison}
    assert compared["Not confident; Not very confident at all"] == (Decimal(19), Decimal("16.62"))
    compared = {r.label: (r.last_year, r.this_year) for r in clarity.comparison}
    assert compared == {"Sometimes": (Decimal(60), Decimal(61)), "Rarely": (None, Decimal(4))}


def test_the_annual_reports_survey_section(demo_board):
    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    built = next(s for s in annual.build(report, person("member"))["sections"] if s["number"] == 13)
    assert built["title"] == "Front Line Staff"
    assert (
        "368 staff responded to Practitioner survey 2016 (17 June 2016 to 22 July 2016), against "
        "316 to Practitioner survey 2015." in built["paragraphs"]
    )
    confidence, clarity = built["tables"]
    assert confidence["caption"] == "Confidence in the multi-agency safeguarding procedures"
    assert confidence["head"] == [
        "Answer",
        "Practitioner survey 2015",
        "Practitioner survey 2016",
        "Change (points)",
    ]
    assert ["Not confident; Not very confident at all", "19%", "16.62%", "-2.38"] in confidence[
        "rows"
    ]
    assert ["Sometimes", "60%", "61%", "+1"] in clarity["rows"]
    chart = built["chart"]
    assert chart["series"] == ["Practitioner survey 2015", "Practitioner survey 2016"]
    assert {"label": "Confident", "values": [None, 45.07]} in chart["bars"]
    shown = page_of(report)
    assert "Front Line Staff" in shown and "16.62%" in shown


def page_of(report):
    from django.test import Client

    client = Client()
    client.force_login(person("member"))
    return page(client, reverse("reports:annual", args=[report.pk]))


def test_the_survey_section_waits_for_a_survey_to_close_in_the_year(demo_board):
    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    Survey.objects.filter(board=demo_board).update(closes=None)
    built = next(s for s in annual.build(report, person("member"))["sections"] if s["number"] == 13)
    assert built["paragraphs"][-1] == "No practitioner survey closed in the year."


def test_loading_again_changes_nothing(demo_board):
    before = Survey.objects.filter(board=demo_board).count()
    call_command("loaddemo", stdout=io.StringIO())
    assert Survey.objects.filter(board=demo_board).count() == before == 2

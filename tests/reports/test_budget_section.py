"""The annual report's budget sections (the seed's section 10): the partners' contributions, the
spend and the balance of the financial year the report's period ends in; in the demo, exactly the
seed's figures."""

import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from accounts.models import User
from boards.funding import Budget, Contribution, SpendLine
from reports import annual
from reports.models import AnnualReport, Section, SectionKind

DATA = Path(__file__).parents[2] / "demo" / "data"

SEED_CONTRIBUTIONS = [
    ["Children's Services (staffing/board support)", "£96,814"],
    ["CCG", "£61,079"],
    ["CPFT", "£7,800"],
    ["NCUH", "£7,800"],
    ["UHMB", "£3,000"],
    ["Probation", "£1,734"],
    ["Police", "£13,811"],
    ["CAFCASS", "£550"],
    ["NHS England", "£20,000"],
    ["Total Partner Agency Contributions", "£212,588"],
]
SEED_SPEND = [
    ["Office Costs", "£95,931"],
    ["Independent Chair", "£23,640"],
    ["Fees", "£2,919"],
    ["Vice Chair (Barnardo's)", "£3,000"],
    ["SCR", "£49,226"],
    ["LSCB meeting expenses", "£3,200"],
    ["Young People's Forums", "£1,081"],
    ["MA Training for LSCB Agencies (including venues)", "£8,496"],
    ["Better Together Roadshows", "£926"],
    ["SCR Conference (Neglect Conference)", "£1,081"],
    ["Virtual College (online training) (three years membership paid in 2015-16)", "£12,333"],
    ["MA procedures manual (Tri X)", "£9,660"],
    ["Survey Monkey (annual subscription)", "£249"],
    ["SCIE (SCR AQ Consultancy)", "£660"],
    ["Practitioner Forums (venues)", "£186"],
    ["Total Costs", "£212,588"],
]


@pytest.fixture
def report(board, office):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report",
        period_start=date(2016, 4, 1),
        period_end=date(2017, 3, 31),
    )
    Section.objects.create(report=report, number=1, title="Money in", kind=SectionKind.BUDGET)
    Section.objects.create(
        report=report, number=2, title="Money out", kind=SectionKind.BUDGET_SPEND
    )
    return report


def sections(report, reader):
    return {s["title"]: s for s in annual.build(report, reader)["sections"]}


def test_without_a_budget_the_sections_say_so(report, office):
    built = sections(report, office)
    assert built["Money in"]["paragraphs"] == [
        "No budget is recorded for 2016-17: the board's office records it on the board's budget pages."
    ]
    assert built["Money out"]["tables"] == []


def test_the_sections_show_the_year_the_period_ends_in(report, office, agency_x, agency_y):
    Budget.objects.create(board=report.board, year=2015, brought_forward=5)  # the year before
    budget = Budget.objects.create(board=report.board, year=2016, brought_forward=Decimal("100"))
    Contribution.objects.create(budget=budget, agency=agency_x, label="Police", amount=1000)
    Contribution.objects.create(
        budget=budget, agency=agency_y, label="NHS", in_kind="Rooms", in_kind_value=Decimal("250.5")
    )
    SpendLine.objects.create(budget=budget, heading="Chair", amount=900)
    built = sections(report, office)
    money_in = built["Money in"]
    assert money_in["paragraphs"][0] == (
        "Partner agencies contributed £1,000 in 2016-17, and in kind worth an estimated £250.50."
    )
    table = money_in["tables"][0]
    assert table["caption"] == "Partner contributions, 2016-17"
    assert table["head"] == ["Contributions", "2016-17", "In kind", "Estimated value in kind"]
    assert table["rows"] == [
        ["Police", "£1,000", "", ""],
        ["NHS", "£0", "Rooms", "£250.50"],
        ["Total Partner Agency Contributions", "£1,000", "", "£250.50"],
    ]
    spend, balance = built["Money out"]["tables"]
    assert spend["rows"] == [["Chair", "£900"], ["Total Costs", "£900"]]
    assert balance["rows"] == [
        ["Brought forward from 2015-16", "£100"],
        ["Partner contributions", "£1,000"],
        ["Spend", "-£900"],
        ["Carried forward to 2017-18", "£200"],
    ]
    assert built["Money out"]["paragraphs"][0] == (
        "The board spent £900 in 2016-17; £200 was carried forward to 2017-18."
    )


def test_another_boards_budget_is_never_shown(report, office, other_board, other_agency):
    budget = Budget.objects.create(board=other_board, year=2016)
    Contribution.objects.create(budget=budget, agency=other_agency, amount=999)
    assert sections(report, office)["Money in"]["tables"] == []


def test_the_demo_report_prints_the_seeds_budget(demo_board):
    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    office = User.objects.get(email="office@demo.lscb.test")
    numbered = {s.number: s.kind for s in report.sections.all()}
    assert (numbered[4], numbered[5], len(numbered)) == ("budget", "budget_spend", 22)
    built = {s["number"]: s for s in annual.build(report, office)["sections"]}
    contributions = built[4]["tables"][0]
    assert contributions["head"] == ["Contributions", "2016-17"]
    assert contributions["rows"] == SEED_CONTRIBUTIONS
    spend, balance = built[5]["tables"]
    assert spend["head"] == ["Spend", "2016-17"]
    assert spend["rows"] == SEED_SPEND
    assert balance["rows"][-1] == ["Carried forward to 2017-18", "£0"]


def test_the_demo_budget_agrees_with_the_agencies_contributions():
    budget = tomllib.loads((DATA / "budget_2016_17.toml").read_text(encoding="utf-8"))
    board = tomllib.loads((DATA / "cumbria.toml").read_text(encoding="utf-8"))
    by_agency = {
        a["short_name"]: a["contribution_2016_17"]
        for a in board["agencies"]
        if "contribution_2016_17" in a
    }
    assert {c["agency"]: c["amount"] for c in budget["contributions"]} == by_agency
    assert sum(line["amount"] for line in budget["spend"]) == 212588

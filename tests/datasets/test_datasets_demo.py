"""The demo's datasets hold the seed's figures (sections 22 and 23), and the 2016-17 report's
sections generated from them print what the seed prints."""

import datetime
import io

from django.core.management import call_command

from accounts.models import User
from reports import annual
from reports.models import AnnualReport

YEAR_END = datetime.date(2017, 3, 31)


def office():
    return User.objects.get(email="office@demo.lscb.test")


def section(content, title):
    return next(s for s in content["sections"] if s["title"] == title)


def test_the_lado_figures_are_the_seeds_and_add_up(demo_board):
    lado = demo_board.datasets.get(library_key="lado")
    assert lado.agency.name == "Cumbria County Council, Children's Services"
    figures = lado.figures.filter(period_end=YEAR_END)
    assert figures.get(cell="").value == 296
    assert figures.count() == 1 + 5 + 21 * 5 + 17 + 20
    assert all(f.source.startswith("Seed s.22 (LADO, p.57)") for f in figures)
    totals = dict(lado.figures.filter(cell="").values_list("period_end", "value"))
    assert totals == {
        datetime.date(2015, 3, 31): 507,
        datetime.date(2016, 3, 31): 381,
        YEAR_END: 296,
    }


def test_the_2016_17_report_generates_the_lado_and_private_fostering_sections(demo_board):
    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    content = annual.build(report, office())
    lado = section(content, "Local Authority Designated Officer (LADO)")
    assert lado["paragraphs"][1] == "Allegations: total in 2016-17: 296 (2015-16: 381)."
    category = lado["tables"][0]
    assert category["head"] == ["Category", "2014-15", "2015-16", "2016-17"]
    assert category["rows"][0] == ["Physical", "", "142", "123"]
    assert category["rows"][-1] == ["Total", "507", "381", "296"]
    employer = lado["tables"][1]
    assert employer["rows"][3] == [
        "Residential worker Non-Local Authority",
        "32",
        "3",
        "2",
        "12",
        "13",
    ]
    assert employer["rows"][-1] == [
        "Total",
        "123",
        "fewer than 5" if False else "15",
        "44",
        "52",
        "62",
    ]
    referrals = lado["tables"][2]
    assert referrals["rows"][0] == ["Social Care", "", "", "130"]
    assert ["NSPCC", "", "", "2"] in referrals["rows"]  # the seed sets no threshold
    fostering = section(content, "Privately Fostered Children")["tables"][0]
    assert (
        fostering["head"]
        == ["Area", *(str(y) for y in range(2009, 2018))][:1]
        + [str(y) for y in range(2009, 2018)][-9:]
    )
    assert fostering["rows"][0] == ["Local authority", "8", "9", "5", "7", "6", "8", "8", "13", "6"]
    assert fostering["rows"][2][1] == "1,530" and fostering["rows"][2][-1] == "Not available"
    page = section(content, "LSCB Annual Report on a Page")["tables"][0]["rows"]
    assert any(row[0] == "Local Authority Designated Officer (LADO)" for row in page)


def test_loading_again_changes_nothing(demo_board):
    before = demo_board.datasets.get(library_key="lado").figures.count()
    call_command("loaddemo", stdout=io.StringIO())
    assert demo_board.datasets.get(library_key="lado").figures.count() == before


def test_the_child_deaths_section_shows_the_seeds_tables(demo_board):
    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    deaths = section(annual.build(report, office()), "Learning from Child Deaths (2015-16)")
    assert deaths["paragraphs"][1] == "Deaths reviewed: total in 2015-16: 34 (2014-15: 27)."
    category = next(
        t for t in deaths["tables"] if t["caption"].endswith("deaths reviewed by category")
    )
    assert category["head"] == ["Category", "2012-13", "2013-14", "2014-15", "2015-16"]
    assert ["Perinatal/neonatal event", "5", "5", "11", "16"] in category["rows"]
    assert category["rows"][-1] == ["Total", "21", "26", "27", "34"]
    england = next(
        t for t in deaths["tables"] if "england" in t["caption"] and "category" in t["caption"]
    )
    assert ["Perinatal/neonatal event", "", "", "", "32.2%"] in england["rows"]


def test_the_missing_from_home_section_shows_the_seeds_figures(demo_board):
    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    content = annual.build(report, office())
    missing = section(content, "Child Sexual Exploitation (CSE) and Missing from Home (MFH)")
    rows = missing["tables"][0]["rows"]
    assert rows[:2] == [
        ["Children with one or more missing episodes", "437"],
        ["Missing episodes", "1,186"],
    ]


def test_the_children_of_the_area_section_shows_the_seeds_figures(demo_board):
    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    content = annual.build(report, office())
    children = section(content, "Cumbria's Children and Young People")
    numbers = next(
        t for t in children["tables"] if t["caption"].endswith("number, Local authority")
    )
    assert numbers["head"] == ["Item", "2014-15", "2015-16", "2016-17"]
    assert ["Children looked after at 31 March", "", "661", "627"] in numbers["rows"]
    assert ["Children subject to a child protection plan at 31 March", "416", "", "523"] in numbers[
        "rows"
    ]
    rates = next(t for t in children["tables"] if "rate per 10,000" in t["caption"])
    assert ["Children looked after at 31 March", "", "70.8", "67.6"] in rates["rows"]

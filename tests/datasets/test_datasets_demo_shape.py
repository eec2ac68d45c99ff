"""The seed's sections 15 (neglect), 16 (domestic abuse) and 17 (the shape of safeguarding, whose
figures the seed prints in section 12's tables) as the demo's datasets, the 2016-17 report's sections
generated from them, and the report on a page's headline statistics drawn from the datasets."""

import datetime

from accounts.models import User
from reports import annual
from reports.models import AnnualReport

YEAR_END = datetime.date(2017, 3, 31)


def built(board):
    report = AnnualReport.objects.get(board=board, title="Annual Report 2016-17")
    return annual.build(report, User.objects.get(email="office@demo.lscb.test"))


def section(content, title):
    return next(s for s in content["sections"] if s["title"] == title)


def caption_ending(found, end):
    return next(t for t in found["tables"] if t["caption"].endswith(end))


def test_sections_15_to_17_follow_the_others_and_the_page_is_last(demo_board):
    titles = [(s["number"], s["title"]) for s in built(demo_board)["sections"]][-4:]
    assert titles == [
        (19, "Neglect"),
        (20, "Domestic Abuse"),
        (21, "The Shape of Safeguarding in Cumbria"),
        (22, "LSCB Annual Report on a Page"),
    ]


def test_the_shape_of_safeguarding_prints_the_seeds_series(demo_board):
    shape = section(built(demo_board), "The Shape of Safeguarding in Cumbria")
    years = ["2012-13", "2013-14", "2014-15", "2015-16", "2016-17"]
    numbers = caption_ending(shape, "number, Local authority")
    assert numbers["head"] == ["Item", *years]
    rows = {row[0]: row[1:] for row in numbers["rows"]}
    assert rows["Early help assessments started in the year"] == [
        "178",
        "443",
        "1,234",
        "1,828",
        "2,126",
    ]
    assert rows["Referrals in the year"] == ["419", "633", "473", "443", "436"]
    assert rows["Re-referrals within 12 months"] == ["114", "163", "126", "87", "77"]
    assert rows["Children subject to a child protection plan at 31 March"] == [
        "345", "591", "325", "416", "525",
    ]  # fmt: skip
    assert rows["Children looked after at 31 March"] == ["663", "640", "678", "663", "631"]
    rates = {r[0]: r[1:] for r in caption_ending(shape, "children, Local authority")["rows"]}
    assert rates["Early help assessments started in the year"] == [
        "17.3", "46.9", "131.1", "196.6", "206.4",
    ]  # fmt: skip
    assert rates["Children subject to a child protection plan at 31 March"] == [
        "36.1", "62.5", "34.6", "44.6", "56.6",
    ]  # fmt: skip
    assert rates["Children looked after at 31 March"] == ["70.2", "67.0", "72.1", "71.1", "68.0"]
    per_cent = {r[0]: r[1:] for r in caption_ending(shape, "per cent, Local authority")["rows"]}
    assert per_cent["Re-referrals within 12 months"] == [
        "27.2%",
        "25.8%",
        "26.6%",
        "20.1%",
        "17.7%",
    ]
    neighbours = caption_ending(shape, "children, Statistical neighbours")["rows"]
    assert ["Children subject to a child protection plan at 31 March", "", "", "", "39.0", ""] in (
        neighbours
    )
    england = caption_ending(shape, "children, England")["rows"]
    assert ["Children subject to a child protection plan at 31 March", "", "", "", "43.4", ""] in (
        england
    )


def test_the_shape_keeps_section_4s_figures_apart(demo_board):
    """The seed prints 627 looked after at 31 March 2017 in section 4 and 631 in section 12: two
    datasets, each with its source."""
    children = section(built(demo_board), "Cumbria's Children and Young People")
    numbers = caption_ending(children, "number, Local authority")["rows"]
    assert ["Children looked after at 31 March", "", "661", "627"] in numbers
    performance = demo_board.datasets.get(name="Children's social care: the performance report")
    assert performance.library_key == "cin_cla"
    figures = performance.figures.filter(period_end=YEAR_END)
    assert all(
        f.source.startswith("Seed s.12 (Key LSCB Performance Indicators, p.22)") for f in figures
    )


def test_neglect_and_domestic_abuse_print_the_seeds_figures(demo_board):
    content = built(demo_board)
    neglect = {r[0]: r[1:] for r in section(content, "Neglect")["tables"][0]["rows"]}
    assert neglect["E-learning completed: Awareness of Child Abuse and Neglect Core"] == ["1,885"]
    assert neglect["Visits to the policy Responding to Abuse and Neglect (TriX)"] == ["266"]
    assert neglect[
        "Visits to the policy Working with Uncooperative Families - Disguised Compliance (TriX)"
    ] == ["181"]
    assert neglect[
        "E-learning completed: Awareness of Child Abuse and Neglect Foundation Version"
    ] == ["614"]
    assert neglect["Neglect conference attendees who will use the Graded Care Profile"] == ["19"]
    abuse = section(content, "Domestic Abuse")
    numbers = {r[0]: r[1:] for r in caption_ending(abuse, "number by item")["rows"]}
    assert numbers["Domestic abuse contacts recorded by the police"] == ["3,244"]
    assert numbers["Contacts to the safeguarding hub"] == ["15,541"]
    shares = {r[0]: r[1:] for r in caption_ending(abuse, "per cent by item")["rows"]}
    assert shares["Contacts to the safeguarding hub that were domestic abuse related"] == ["20.9%"]
    for name in ("Neglect: awareness and learning", "Domestic abuse"):
        dataset = demo_board.datasets.get(name=name)
        assert dataset.library_key == ""
        assert all(f.source.startswith("Seed s.1") for f in dataset.figures.all())


def test_the_report_on_a_page_draws_its_statistics_from_the_datasets(demo_board):
    page = section(built(demo_board), "LSCB Annual Report on a Page")
    statistics = next(t for t in page["tables"] if t["caption"].startswith("Performance and data"))
    assert statistics["caption"] == "Performance and data as at 31 March 2017"
    rows = {(r[0], r[1]): r[2:] for r in statistics["rows"]}
    shape = "Children's social care: the performance report"
    # As the seed's section 32 prints them: "Rate of re-referrals from 20.1 to 17.7".
    assert rows[(shape, "Local authority: Re-referrals within 12 months, per cent")] == [
        "20.1% (2015-16)",
        "17.7% (2016-17)",
    ]
    assert rows[
        (
            shape,
            "Local authority: Early help assessments started in the year, rate per 10,000 children",
        )
    ] == ["196.6 (2015-16)", "206.4 (2016-17)"]
    assert rows[(shape, "Local authority: Children looked after at 31 March, number")] == [
        "663 (2015-16)",
        "631 (2016-17)",
    ]
    assert rows[
        (shape, "Local authority: Children subject to a child protection plan at 31 March, number")
    ] == ["416 (2015-16)", "525 (2016-17)"]
    assert rows[("LADO allegations", "Total, allegations")] == ["381 (2015-16)", "296 (2016-17)"]
    assert rows[
        ("Private fostering", "Local authority, children privately fostered at 31 March")
    ] == ["13 (2016)", "6 (2017)"]
    assert rows[("Child deaths reviewed", "Total, deaths reviewed")] == [
        "27 (2014-15)",
        "34 (2015-16)",
    ]
    assert not any(
        r[1].startswith(("Statistical", "England", "Region")) for r in statistics["rows"]
    )

"""The demo's 2016-17 training section equals the seed's figures (section 20)."""

from reports import annual
from reports.models import AnnualReport

from ..reports.test_annual_report import demo_person


def test_the_demo_training_section_has_the_seed_figures(demo_board):
    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    content = annual.build(report, demo_person("member"))
    (section,) = [s for s in content["sections"] if s["kind"] == "training"]
    paragraphs = section["paragraphs"]
    assert "3,995 attendees of multi-agency training in 2016-17, against 1,401 in 2015-16." in (
        paragraphs
    )
    by_level, courses, departments = section["tables"]
    assert by_level["rows"][-1] == ["All attendees", "1,401", "3,995"]
    rows = {row[0]: row[1:] for row in courses["rows"]}
    assert rows["Safeguarding and Child Protection Working Together to Safeguard Children"] == [
        "398",
        "",
    ]
    assert rows["Safeguarding Level 2 (early years practitioners)"] == ["92", ""]
    assert rows["Safeguarding Responsibilities, Threshold Guidance and Referral Process"] == [
        "392",
        "",
    ]
    assert rows["Better Together roadshows"] == ["349", "6"]
    assert len(departments["rows"]) == 36
    assert ["Nurseries", "833 of 1,104", "75%"] in departments["rows"]
    # The seed's department rows add up to 8,846 of 10,948 (its text: 8,839 of 10,950; both 81%):
    # demo/data/training_2016_17.toml records the difference.
    assert any(
        p.startswith(
            "E-learning: 10,948 courses allocated and 8,846 passed in 2016-17, a "
            "completion rate of 81%; 6,753 allocated and 5,533 passed in 2015-16 (82%)"
        )
        for p in paragraphs
    )

"""The illustrative adults board's annual report for 2016-17: its case reviews section holds the SAR
published in the year (Adult A), its findings and how far its action plan had got at 31 March 2017."""

from datetime import date

from accounts.models import User
from boards.models import Board
from reports.case_reviews_section import case_reviews
from reports.models import AnnualReport


def test_the_sar_and_its_findings_are_in_the_boards_annual_report(demo_board):
    board = Board.objects.get(name="Illustrative Safeguarding Adults Board")
    report = AnnualReport(
        board=board,
        title="Annual report",
        period_start=date(2016, 4, 1),
        period_end=date(2017, 3, 31),
    )
    content = case_reviews(None, report, User.objects.get(email="sab.chair@demo.lscb.test"))
    published, lessons = content["tables"]
    text = str(published) + str(lessons)
    assert "Adult A" in text and "Safeguarding adults review" in text
    assert "No lead agency" in text and "Capacity assumed" in text
    assert content["paragraphs"] == [
        "1 case reviews published in the year, with 3 lessons and 3 recommendations; "
        "1 of their actions complete and 2 outstanding at 31 March 2017."
    ]

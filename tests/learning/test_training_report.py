"""The annual report's generated training section: as at the period end, counts never names."""

import datetime
import json

from learning import booking as booking_flow
from learning import elearning
from learning.evaluating import answer
from learning.models import AttendanceFigure, Session, Stage
from reports import annual
from reports.models import AnnualReport, Section, SectionKind


def report_of(board):
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report 2016-17",
        period_start=datetime.date(2016, 4, 1),
        period_end=datetime.date(2017, 3, 31),
    )
    Section.objects.create(report=report, number=1, title="Training", kind=SectionKind.TRAINING)
    return report


def test_the_section_counts_the_year_against_the_last_as_at_its_end(
    board, session, agency_x, office, member
):
    session.capacity = 5
    session.save()
    people = [
        booking_flow.book(session, name=n, job_role="GP", agency=agency_x, user=office)
        for n in ("Ann Secret", "Bob Secret")
    ]
    booking_flow.mark_attendance(dict.fromkeys(people, True), user=office)
    answer(people[0], Stage.AFTER, confidence=4, changed="More confident, says Ann Secret")
    later = Session.objects.create(
        course=session.course, date=datetime.date(2017, 4, 20), place="Kendal", capacity=5
    )
    after = booking_flow.book(later, name="Cy", job_role="GP", agency=agency_x, user=office)
    booking_flow.mark_attendance({after: True}, user=office)
    AttendanceFigure.objects.create(board=board, year=2015, attendees=1401)
    rows, _ = elearning.parse([["Department", "Passed", "Total"], ["Nurseries", "833", "1104"]])
    elearning.import_rows(board, 2016, rows, user=office)
    content = annual.build(report_of(board), member)
    section = content["sections"][0]
    assert section["paragraphs"][0] == (
        "2 attendees of multi-agency training in 2016-17, against 1,401 in 2015-16."
    )
    by_level = section["tables"][0]
    assert by_level["head"] == ["Level", "2015-16", "2016-17"]
    assert by_level["rows"] == [
        ["Intermediate", "0", "2"],
        ["Not recorded", "1,401", "0"],
        ["All attendees", "1,401", "2"],
    ]
    assert section["tables"][1]["rows"] == [["Working Together", "2", "1"]]
    assert section["tables"][2]["rows"] == [["Nurseries", "833 of 1,104", "75%"]]
    assert "1 evaluations answered" in section["paragraphs"][2]
    text = json.dumps(content)
    assert "Secret" not in text, "attendee names never appear in the report"


def test_the_section_says_when_there_is_nothing(board, member):
    section = annual.build(report_of(board), member)["sections"][0]
    assert section["paragraphs"] == [
        "0 attendees of multi-agency training in 2016-17.",
        "No e-learning completions were imported for the year.",
        "No evaluations of the year's sessions were answered.",
    ]

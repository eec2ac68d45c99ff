"""The annual report's generated practitioner survey section: the survey that closed in the year,
its repeated questions against last year's; a survey still open at the year's end does not count."""

import datetime

from django.utils import timezone

from reports.annual import BUILDERS
from reports.models import AnnualReport, Section, SectionKind

from .survey_fixtures import answer, surveys

TODAY = timezone.localdate()


def built(board, reader, start, end):
    report = AnnualReport.objects.create(
        board=board, title=f"Report {start}", period_start=start, period_end=end
    )
    section = Section.objects.create(
        report=report, number=1, title="Staff", kind=SectionKind.PRACTITIONER_SURVEY
    )
    return BUILDERS[SectionKind.PRACTITIONER_SURVEY](section, report, reader)


def test_this_year_against_last_for_each_repeated_question(board, agency_x, member):
    _, _, link = surveys(board, agency_x)
    answer(link, "Very confident", 4)
    content = built(board, member, TODAY - datetime.timedelta(days=300), TODAY)
    assert content["paragraphs"][0] == (
        f"4 staff responded to Practitioner survey 2017 ({link.survey.period}), against 5 to "
        "Practitioner survey 2016."
    )
    [table] = content["tables"]
    assert table["caption"] == "How confident are you in the multi-agency safeguarding procedures?"
    assert table["rows"] == [
        ["Very confident", "0.0%", "100.0%", "+100.0"],
        ["Confident", "60.0%", "0.0%", "-60.0"],
        ["Not confident", "40.0%", "0.0%", "-40.0"],
    ]


def test_a_survey_still_open_at_the_years_end_is_not_reported(board, agency_x, member):
    surveys(board, agency_x)
    content = built(
        board, member, TODAY - datetime.timedelta(days=300), TODAY - datetime.timedelta(1)
    )
    assert content == {"paragraphs": ["No practitioner survey closed in the year."]}


def test_a_survey_without_last_years_has_no_comparison(board, agency_x, member):
    surveys(board, agency_x)
    content = built(board, member, datetime.date(2016, 4, 1), datetime.date(2017, 3, 31))
    assert content["paragraphs"][0].startswith("5 staff responded to Practitioner survey 2016")
    assert content["tables"] == []


def test_another_boards_reader_sees_no_survey(board, agency_x, outsider):
    surveys(board, agency_x)
    content = built(board, outsider, datetime.date(2016, 4, 1), datetime.date(2017, 3, 31))
    assert content["paragraphs"] == ["No practitioner survey closed in the year."]

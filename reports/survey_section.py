"""The annual report's "Practitioner survey (generated)" section: the survey that closed in the year
(the latest, if more than one), how many responded against last year, and each question repeated
from last year's survey, this year's shares against last year's. Only a survey closed by the year's
end counts, so every answer it counts arrived by then."""

from learning.models import Survey
from learning.survey_results import responses, results


def percent(share):
    return "" if share is None else f"{share}%"


def number(share):
    """A share as the chart and the published JSON hold it."""
    return None if share is None else float(share)


def points(change):
    return "" if change is None else f"{change:+}"


def practitioner_survey(section, report, reader):
    surveys = Survey.objects.visible_to(reader).filter(board=report.board)
    survey = (
        surveys.closed_between(report.period_start, report.period_end)
        .select_related("previous")
        .order_by("-closes")
        .first()
    )
    if survey is None:
        return {"paragraphs": ["No practitioner survey closed in the year."]}
    previous = survey.previous
    headline = f"{responses(survey)} staff responded to {survey.title} ({survey.period})"
    headline += f", against {responses(previous)} to {previous.title}." if previous else "."
    tables, chart = [], None
    for result in results(survey):
        if not result.previous:
            continue
        rows = [["Answer", previous.title, survey.title, "Change (points)"]]
        rows += [
            [row.label, percent(row.last_year), percent(row.this_year), points(row.change)]
            for row in result.comparison
        ]
        tables.append({"caption": result.question.text, "head": rows[0], "rows": rows[1:]})
        chart = chart or {  # the first repeated question drawn; its table has the same figures
            "title": f"{result.question.text}, per cent",
            "series": [previous.title, survey.title],
            "bars": [
                {"label": row.label, "values": [number(row.last_year), number(row.this_year)]}
                for row in result.comparison
            ],
        }
    if previous and not tables:
        note = f"No question of {survey.title} repeated one of {previous.title}."
    else:
        note = "Each share is of the staff who answered the question."
    return {"paragraphs": [headline, note], "tables": tables, "chart": chart}

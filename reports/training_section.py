"""The annual report's training section, as at the report's period end: attendees by level against
the year before, the year's courses, e-learning completions by department and the evaluations.
Counts only: no attendee's name is read."""

from learning import counting, elearning, evaluating
from learning.models import AttendanceFigure, Booking, Stage, financial_year, year_label


def table(caption, rows):
    rows = [[("" if cell is None else str(cell)) for cell in row] for row in rows]
    return {"caption": caption, "head": rows[0] if rows else [], "rows": rows[1:]}


def n(value):
    return f"{value:,}"


def by_course(board, year, until):
    """[(course, attendees, events)] of the year: attended bookings (events: their sessions) and
    the totals held only as totals (events as recorded with them)."""
    found = {}
    attended = (
        Booking.objects.filter(session__course__board=board, session__date__lte=until)
        .in_year(year)
        .attended()
        .values_list("session__course__title", "session_id")
    )
    sessions = {}
    for title, session in attended:
        found[title] = found.get(title, 0) + 1
        sessions.setdefault(title, set()).add(session)
    events = {title: len(held) for title, held in sessions.items()}
    figures = AttendanceFigure.objects.filter(board=board, year=year, course__isnull=False)
    for figure in figures.select_related("course"):
        title = figure.course.title
        found[title] = found.get(title, 0) + figure.attendees
        events[title] = events.get(title, 0) + (figure.events or 0)
    return [(title, found[title], events.get(title, 0)) for title in found]


def attendance(board, year, until):
    years, rows = counting.rows(board, "level", until=until)
    shown = [y for y in (year - 1, year) if y in years] or [year]
    totals = {y: sum(r.count(y) for r in rows) for y in shown}
    head = ["Level", *(year_label(y) for y in shown)]
    body = [
        [r.label, *(n(r.count(y)) for y in shown)] for r in rows if any(r.count(y) for y in shown)
    ]
    body.append(["All attendees", *(n(totals[y]) for y in shown)])
    paragraph = f"{n(totals.get(year, 0))} attendees of multi-agency training in {year_label(year)}"
    if year - 1 in totals:
        paragraph += f", against {n(totals[year - 1])} in {year_label(year - 1)}"
    courses = sorted(by_course(board, year, until), key=lambda c: (-c[1], c[0]))
    course_rows = [
        ["Course", "Attendees", "Events"],
        *([title, n(count), events or ""] for title, count, events in courses),
    ]
    tables = [table(f"Attendees by level, {' and '.join(head[1:])}", [head, *body])]
    if courses:
        tables.append(table(f"Attendees by course, {year_label(year)}", course_rows))
    return paragraph + ".", tables


def elearning_part(board, year):
    years, departments, totals = elearning.by_department(board, until_year=year)
    if year not in totals:
        return "No e-learning completions were imported for the year.", []
    passed, allocated = totals[year]
    paragraph = (
        f"E-learning: {n(allocated)} courses allocated and {n(passed)} passed in {year_label(year)}, "
        f"a completion rate of {elearning.rate(passed, allocated)}%"
    )
    if year - 1 in totals:
        before = totals[year - 1]
        paragraph += (
            f"; {n(before[1])} allocated and {n(before[0])} passed in {year_label(year - 1)} "
            f"({elearning.rate(*before)}%)"
        )
    rows = [["Department", "Passed of allocated", "Completion rate"]]
    for department, figures in departments:
        if year in figures:
            done, given = figures[year]
            rate = elearning.rate(done, given)
            rows.append([department.name, f"{n(done)} of {n(given)}", f"{rate}%" if given else ""])
    return paragraph + ".", [table(f"E-learning by department, {year_label(year)}", rows)]


def evaluation_part(board, year, until):
    years, _, levels = evaluating.results(board, until=until)
    if year not in years:
        return "No evaluations of the year's sessions were answered.", []
    rows = [
        [
            "Level",
            *(f"{s.label}: answers" for s in Stage),
            *(f"{s.label}: confidence" for s in Stage),
        ]
    ]
    for result in levels:
        rows.append(
            [
                result.label,
                *(result.answers(year, s) for s in Stage),
                *((result.average(year, s) or "") for s in Stage),
            ]
        )
    answers = sum(r.answers(year, s) for r in levels for s in Stage)
    paragraph = (
        f"{answers} evaluations answered of the year's sessions; confidence is rated from 1 (not "
        "confident at all) to 5 (very confident)."
    )
    return paragraph, [table(f"Evaluation by level, {year_label(year)} (average confidence)", rows)]


def build(section, report, reader):
    board, until = report.board, report.period_end
    year = financial_year(until)
    paragraphs, tables = [], []
    for paragraph, part in (
        attendance(board, year, until),
        elearning_part(board, year),
        evaluation_part(board, year, until),
    ):
        paragraphs.append(paragraph)
        tables += part
    return {"paragraphs": paragraphs, "tables": tables}

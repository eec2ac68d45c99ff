"""Monitoring of time and quality per review (the serious incident pipeline): each review's
statutory clocks met on time, met late, running or overdue, with the time they took or have left,
and its agencies' returns on time, late, awaited or overdue; and the board's counts of both."""

from .clocks import PUBLICATION_CLOCK, STATE_TAGS, ClockState, working_days_between
from .incidents import RETURN_TAGS, ReturnState

# The clocks in the order a review meets them (reviews/clocks.py names them).
CLOCK_NAMES = ["Notification to the national panel", "Rapid review", PUBLICATION_CLOCK]


class Category:
    """How the monitoring page counts a clock: due soon is still running."""

    MET, LATE, RUNNING, OVERDUE = "met", "late", "running", "overdue"
    LABELS = {MET: "Met on time", LATE: "Met late", RUNNING: "Running", OVERDUE: "Overdue"}


CATEGORY = {
    ClockState.MET: Category.MET,
    ClockState.LATE: Category.LATE,
    ClockState.RUNNING: Category.RUNNING,
    ClockState.DUE_SOON: Category.RUNNING,
    ClockState.OVERDUE: Category.OVERDUE,
}


def span(clock, start, end):
    """Time from `start` to `end` in the clock's own unit: calendar days for the publication clock
    (counted in months), working days for the others."""
    if clock.name == PUBLICATION_CLOCK:
        days = (end - start).days
        return f"{days} day{'s' if abs(days) != 1 else ''}"
    days = working_days_between(start, end)
    return f"{days} working day{'s' if abs(days) != 1 else ''}"


def clock_time(clock, state, today):
    if clock.done:
        return f"took {span(clock, clock.started, clock.done)}"
    if state == ClockState.OVERDUE:
        return f"{span(clock, clock.due, today)} late"
    return f"{span(clock, today, clock.due)} left"


def monitoring_rows(reviews, today):
    """One row per review with a clock started or an agency asked (reviews with their
    `information_requests` prefetched and `lcspr_decision` selected)."""
    rows = []
    for review in reviews:
        clocks = []
        for clock in review.clocks():
            state = clock.state(today)
            clocks.append(
                {
                    "clock": clock,
                    "state": CATEGORY[state],
                    "label": state.label,
                    "css": STATE_TAGS[state],
                    "time": clock_time(clock, state, today),
                }
            )
        requests = list(review.information_requests.all())
        if not clocks and not requests:
            continue
        states = [r.state(today) for r in requests]
        rows.append(
            {
                "review": review,
                "clocks": clocks,
                "by_name": {c["clock"].name: c for c in clocks},
                "asked": len(requests),
                "returns": [(s, RETURN_TAGS[s], states.count(s)) for s in ReturnState],
            }
        )
    for row in rows:
        row["cells"] = [row["by_name"].get(name) for name in CLOCK_NAMES]
    return rows


def totals(rows):
    """The board's counts: per clock, how many met on time, late, running and overdue; and the
    returns in each state."""
    clocks = []
    for name in CLOCK_NAMES:
        found = [row["by_name"][name]["state"] for row in rows if name in row["by_name"]]
        clocks.append(
            (name, [(key, label, found.count(key)) for key, label in Category.LABELS.items()])
        )
    returns = [
        (state, sum(row["returns"][i][2] for row in rows)) for i, state in enumerate(ReturnState)
    ]
    return {"clocks": clocks, "categories": Category.LABELS, "returns": returns}

"""The first screen of a home page: each role's first question answered in a few big numbers, each a
link to the list it counts (GOV.UK style cards). Worked out from the panels reports.dashboard has
already counted, so the cards cost no query of their own.

- the office: returns waiting for a decision, agencies yet to submit, actions overdue, case reviews
  past or near a statutory deadline;
- the board (chair, members, the office): indicators red and declining, actions red and amber,
  reviews in progress, the Section 11 headline;
- a subgroup chair: their groups' actions to update this round, and those overdue;
- an agency lead: their returns to submit and the days left to each deadline.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import date_format

from audits.models import SubmissionStatus
from core.rag import Rag
from reviews.clocks import ClockState

TO_SUBMIT = (None, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


@dataclass
class Card:
    number: object  # an int, or a headline such as "45%"
    label: str  # what the number counts, in words that tell every card apart
    href: str
    detail: str = ""  # a line below: the date, the plan, the board
    warning: bool = False  # drawn in red: late, or red against target


@dataclass
class Group:
    title: str
    cards: list


def day(value):
    return date_format(value, "j M Y")


def plural(n, one, many):
    return one if n == 1 else many


def with_as_at(url, as_at, **query):
    if as_at:
        query["as_at"] = as_at.isoformat()
    return f"{url}?{urlencode(query)}" if query else url


def office_cards(chase, reviews, as_at):
    """What the office must chase today: the decisions and returns waiting, the late work."""
    cards = []
    awaiting = chase["awaiting_count"]
    oldest = chase["awaiting"][0].submitted if chase["awaiting"] else None
    cards.append(
        Card(
            awaiting,
            f"{plural(awaiting, 'return', 'returns')} waiting for your decision",
            with_as_at(reverse("audits:returns"), None, status="submitted"),
            f"oldest submitted {day(oldest)}" if oldest else "",
        )
    )
    for cycle, missing in chase["missing"]:
        cards.append(
            Card(
                missing,
                f"{plural(missing, 'agency', 'agencies')} yet to submit to {cycle.name}",
                f"{cycle.get_absolute_url()}?status=yet#agencies",
                f"deadline {day(cycle.closes)}",
            )
        )
    overdue, by_plan = chase["overdue_count"], chase["overdue_by_plan"]
    cards.append(
        Card(
            overdue,
            f"{plural(overdue, 'action', 'actions')} overdue",
            f"{reverse('actions:plan', args=[by_plan[0]['plan']])}?overdue=on#actions"
            if len(by_plan) == 1
            else "#overdue",
            f"in {by_plan[0]['plan__name']}"
            if len(by_plan) == 1
            else f"in {len(by_plan)} plans"
            if by_plan
            else "",
            warning=bool(overdue),
        )
    )
    late = len(chase["clocks"])
    cards.append(
        Card(
            late,
            f"case {plural(late, 'review', 'reviews')} past a statutory deadline",
            f"{reverse('reviews:list')}?clock=overdue",
            warning=bool(late),
        )
    )
    if not as_at:  # due soon is today's question; reviews as at a date show their clocks then
        soon = sum(
            1 for _, states in reviews if any(s == ClockState.DUE_SOON for _, s, _ in states)
        )
        cards.append(
            Card(
                soon,
                f"case {plural(soon, 'review', 'reviews')} with a statutory clock due soon",
                f"{reverse('reviews:list')}?clock=due_soon",
            )
        )
    return cards


def board_cards(dash, as_at):
    """How the board is doing: indicators, actions, reviews and the audit, each as at its date."""
    cards = []
    many = len(dash["scorecards"]) > 1
    for card in dash["scorecards"]:
        url = reverse("performance:scorecard", args=[card["board"].pk])
        of = f" ({card['board'].short_name})" if many else ""
        red, declining = len(card["red"]), len(card["declining"])
        detail = f"of {card['count']}, figures as at {day(card['as_at'])}"
        cards.append(
            Card(
                red,
                f"{plural(red, 'indicator', 'indicators')} red against target{of}",
                with_as_at(url, card["as_at"], rag="R"),
                detail,
                warning=bool(red),
            )
        )
        cards.append(
            Card(
                declining,
                f"{plural(declining, 'indicator', 'indicators')} declining on last year{of}",
                with_as_at(url, card["as_at"], trend="declining"),
                detail,
            )
        )
    for panel in dash["plans"]:
        url = panel.plan.get_absolute_url()
        of = f" in {panel.plan.name}" if len(dash["plans"]) > 1 else ""
        for rag, word in ((Rag.RED, "red"), (Rag.AMBER, "amber")):
            n = panel.totals.get(rag, 0)
            cards.append(
                Card(
                    n,
                    f"{plural(n, 'action', 'actions')} {word}{of}",
                    with_as_at(url, as_at, rag=rag.value) + "#actions",
                    f"{panel.plan.name}, as at {day(panel.as_at)}",
                    warning=rag == Rag.RED and bool(n),
                )
            )
    reviews = dash["reviews"]
    if reviews or dash["plans"] or dash["scorecards"]:
        late = sum(1 for _, states in reviews if any(s == ClockState.OVERDUE for _, s, _ in states))
        cards.append(
            Card(
                len(reviews),
                f"case {plural(len(reviews), 'review', 'reviews')} in progress",
                f"{reverse('reviews:list')}?status=unpublished",
                f"{late} with a statutory clock overdue" if late else "no statutory clock overdue",
                warning=bool(late),
            )
        )
    audit = dash["audit"]
    if audit:
        report = audit["report"]
        cards.append(
            Card(
                report.fully_compliant_headline,
                "of agencies fully met every Section 11 standard",
                reverse("audits:report", args=[audit["cycle"].pk]),
                f"{audit['cycle'].name}: {report.responses} "
                f"{plural(report.responses, 'return', 'returns')} counted",
            )
        )
    return cards


def chair_cards(chair_actions, chair_overdue):
    """A subgroup chair's actions: to update this round, and overdue."""
    n = len(chair_actions)
    first = min((cycle.deadline for _, cycle in chair_actions), default=None)
    return [
        Card(
            n,
            f"{plural(n, 'action', 'actions')} of your groups to update this round",
            reverse("actions:mine"),
            f"first deadline {day(first)}" if first else "every action is updated",
            warning=False,
        ),
        Card(
            chair_overdue,
            f"{plural(chair_overdue, 'action', 'actions')} of your groups overdue",
            reverse("actions:mine"),
            warning=bool(chair_overdue),
        ),
    ]


def lead_cards(returns, today):
    """An agency lead's returns: how many to submit, and the days left to each deadline."""
    to_submit = [
        (cycle, submission)
        for cycle, submission in returns["open"]
        if (submission.status if submission else None) in TO_SUBMIT
    ]
    first = to_submit[0] if to_submit else None
    cards = [
        Card(
            len(to_submit),
            f"Section 11 {plural(len(to_submit), 'return', 'returns')} to submit",
            link(*first) if len(to_submit) == 1 else reverse("audits:cycles"),
            f"next deadline {day(first[0].closes)}" if first else "nothing due now",
        )
    ]
    for cycle, submission in to_submit:
        left = (cycle.closes - today).days
        status = submission.get_status_display() if submission else "Not started"
        cards.append(
            Card(
                abs(left),
                f"{plural(abs(left), 'day', 'days')} "
                f"{'past the deadline' if left < 0 else 'left'} for {cycle.name}",
                link(cycle, submission),
                f"{status}; deadline {day(cycle.closes)}",
                warning=left < 14,
            )
        )
    return cards


def link(cycle, submission):
    return submission.get_absolute_url() if submission else cycle.get_absolute_url()


def groups(dash):
    """The first screen's cards, by the question they answer, in the order a person asks them."""
    today, as_at = dash["today"], dash["as_at"]
    found = []
    todo = []
    if dash["chase"]:
        todo += office_cards(dash["chase"], dash["reviews"], as_at)
    if dash["chaired"]:
        todo += chair_cards(dash["chair_actions"], dash["chair_overdue"])
    if dash["returns"]:
        todo += lead_cards(dash["returns"], today)
    if todo:
        found.append(Group("Your work today", todo))
    board = board_cards(dash, as_at)
    if board:
        when = f"as at {day(as_at)}" if as_at else "at the latest figures"
        found.append(Group(f"How the board is doing, {when}", board))
    return found

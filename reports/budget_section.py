"""The annual report's budget sections (the seed's section 10), from the board's budget for the
financial year the report's period ends in: the partners' contributions with their total (and what
they gave in kind, when any did), then the spend with its total and the balance brought and carried
forward. A year's accounts close after the year ends, so the sections read that year's budget as it
stands; publishing freezes them."""

from boards.funding import Budget, lines_of, money
from core.years import financial_year, year_label

from .content import table


def budget_of(report):
    year = financial_year(report.period_end)
    return Budget.objects.filter(board=report.board_id, year=year).first(), year_label(year)


def missing(label):
    return {
        "paragraphs": [
            f"No budget is recorded for {label}: the board's office records it on the board's "
            "budget pages."
        ]
    }


def contributions(section, report, reader):
    budget, label = budget_of(report)
    if budget is None:
        return missing(label)
    lines, _, totals = lines_of(budget)
    in_kind = any(c.in_kind or c.in_kind_value is not None for c in lines)
    head = ["Contributions", label, *(["In kind", "Estimated value in kind"] if in_kind else [])]
    rows = [
        [c.name, money(c.amount), *([c.in_kind, money(c.in_kind_value)] if in_kind else [])]
        for c in lines
    ]
    total = ["Total Partner Agency Contributions", money(totals.money)]
    if in_kind:
        total += ["", money(totals.in_kind)]
    summary = f"Partner agencies contributed {money(totals.money)} in {label}"
    if in_kind:
        summary += f", and in kind worth an estimated {money(totals.in_kind)}"
    return {
        "paragraphs": [summary + "."],
        "tables": [table(f"Partner contributions, {label}", [head, *rows, total])],
    }


def spend(section, report, reader):
    budget, label = budget_of(report)
    if budget is None:
        return missing(label)
    _, lines, totals = lines_of(budget)
    rows = [[line.name, money(line.amount)] for line in lines]
    balance = [
        ["Balance", label],
        [f"Brought forward from {year_label(budget.year - 1)}", money(totals.brought_forward)],
        ["Partner contributions", money(totals.money)],
        ["Spend", money(-totals.spend)],
        [f"Carried forward to {year_label(budget.year + 1)}", money(totals.carried_forward)],
    ]
    return {
        "paragraphs": [
            f"The board spent {money(totals.spend)} in {label}; "
            f"{money(totals.carried_forward)} was carried forward to {year_label(budget.year + 1)}."
        ],
        "tables": [
            table(
                f"Spend, {label}", [["Spend", label], *rows, ["Total Costs", money(totals.spend)]]
            ),
            table(f"Balance, {label}", balance),
        ],
    }

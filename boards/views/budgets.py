"""A board's budget, a page per financial year: the partners' contributions with their total, the
spend with its total, the balance brought and carried forward, and a download of it all. The board's
people read it; its office records it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify

from core.access import require_perm, visible_or_404
from core.downloads import spreadsheet_response
from core.forms import RemoveForm
from core.pages import form_page
from core.years import year_label

from ..funding import Budget, Contribution, SpendLine, Totals, lines_of, money
from ..funding_forms import BudgetForm, ContributionForm, SpendLineForm
from ..models import Board
from .boards import managed_board


@login_required
def budget_list(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    budgets = list(board.budgets.prefetch_related("contributions", "spend_lines"))
    years = [
        (budget, Totals(budget, budget.contributions.all(), budget.spend_lines.all()))
        for budget in budgets
    ]
    return render(
        request,
        "boards/budgets.html",
        {
            "board": board,
            "years": years,
            "can_manage": request.user.has_perm("boards.manage_board", board),
        },
    )


@login_required
def budget_add(request, board_pk):
    board = managed_board(request, board_pk)
    form = BudgetForm(request.POST or None, board=board)
    return form_page(
        request,
        form,
        title="Add a year's budget",
        caption=board.name,
        back_url=reverse_list(board),
        done=lambda b: f"Budget {b.label} added",
    )


@login_required
def budget_detail(request, pk):
    budget = visible_or_404(Budget.objects.select_related("board"), request.user, pk=pk)
    contributions, spend_lines, totals = lines_of(budget)
    return render(
        request,
        "boards/budget.html",
        {
            "budget": budget,
            "board": budget.board,
            "contributions": contributions,
            "spend_lines": spend_lines,
            "totals": totals,
            "in_kind": any(c.in_kind or c.in_kind_value is not None for c in contributions),
            "before": year_label(budget.year - 1),
            "after": year_label(budget.year + 1),
            "can_manage": request.user.has_perm("boards.manage_board", budget.board),
        },
    )


@login_required
def budget_edit(request, pk):
    budget = managed(request, Budget.objects.select_related("board"), pk)
    form = BudgetForm(request.POST or None, instance=budget, board=budget.board)
    return form_page(
        request,
        form,
        title=f"Edit the budget {budget.label}",
        caption=budget.board.name,
        back_url=budget.get_absolute_url(),
        done=lambda b: f"Budget {b.label} saved",
    )


@login_required
def budget_export(request, pk, fmt):
    budget = visible_or_404(Budget.objects.select_related("board"), request.user, pk=pk)
    name = f"{slugify(budget.board.short_name)}-budget-{budget.label}"
    return spreadsheet_response(export_rows(budget), fmt, name, title=f"Budget {budget.label}")


def export_rows(budget):
    """Every line of the year's budget in one table: what it is, its name, money, in kind."""
    contributions, spend_lines, totals = lines_of(budget)
    yield ["Part", "Line", "Amount", "In kind", "Estimated value in kind", "Note"]
    yield ["Balance", f"Brought forward from {year_label(budget.year - 1)}",
           totals.brought_forward, "", "", ""]  # fmt: skip
    for c in contributions:
        yield ["Contribution", c.name, c.amount, c.in_kind, c.in_kind_value, c.agency.name]
    yield ["Contribution", "Total contributions", totals.money, "", totals.in_kind, ""]
    for line in spend_lines:
        yield ["Spend", line.heading, line.amount, "", "", line.note]
    yield ["Spend", "Total spend", totals.spend, "", "", ""]
    yield ["Balance", f"Carried forward to {year_label(budget.year + 1)}",
           totals.carried_forward, "", "", ""]  # fmt: skip


def managed(request, queryset, pk):
    """A budget (or a line of one) the user sees (404 otherwise) and whose board they manage (403)."""
    obj = visible_or_404(queryset, request.user, pk=pk)
    require_perm(request.user, "boards.manage_board", obj.board)
    return obj


def reverse_list(board):
    return reverse("boards:budgets", args=[board.pk])


def line_form(request, form, budget, what, title):
    return form_page(
        request,
        form,
        title=title,
        caption=f"{budget.board.name}: budget {budget.label}",
        back_url=budget.get_absolute_url(),
        done=lambda line: f"{what} {line.name} saved: {money(line.amount)}",
    )


@login_required
def contribution_add(request, pk):
    budget = managed(request, Budget.objects.select_related("board"), pk)
    form = ContributionForm(request.POST or None, budget=budget)
    return line_form(request, form, budget, "Contribution of", "Add a partner's contribution")


@login_required
def contribution_edit(request, pk):
    line = managed(request, Contribution.objects.select_related("budget__board", "agency"), pk)
    form = ContributionForm(request.POST or None, instance=line, budget=line.budget)
    return line_form(
        request, form, line.budget, "Contribution of", f"Edit {line.name}'s contribution"
    )


@login_required
def spend_add(request, pk):
    budget = managed(request, Budget.objects.select_related("board"), pk)
    form = SpendLineForm(request.POST or None, budget=budget)
    return line_form(request, form, budget, "Spend on", "Add a line of spend")


@login_required
def spend_edit(request, pk):
    line = managed(request, SpendLine.objects.select_related("budget__board"), pk)
    form = SpendLineForm(request.POST or None, instance=line, budget=line.budget)
    return line_form(request, form, line.budget, "Spend on", f"Edit the spend on {line.heading}")


def remove(request, line, title):
    form = RemoveForm(request.POST or None)
    if form.is_valid():
        line._history_user = request.user
        line.delete()
        messages.success(request, f"{line.name} removed from the budget {line.budget.label}")
        return redirect(line.get_absolute_url())
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": title,
            "caption": f"{line.budget.board.name}: budget {line.budget.label}",
            "back_url": line.get_absolute_url(),
            "intro": f"{line.name}: {money(line.amount)}. The audit trail keeps it.",
        },
    )


@login_required
def contribution_remove(request, pk):
    line = managed(request, Contribution.objects.select_related("budget__board", "agency"), pk)
    return remove(request, line, f"Remove {line.name}'s contribution?")


@login_required
def spend_remove(request, pk):
    line = managed(request, SpendLine.objects.select_related("budget__board"), pk)
    return remove(request, line, f"Remove the spend on {line.heading}?")

"""Office staff set plans up: plans, themes, update cycles and actions; carry actions forward;
read the plan's audit trail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.history import describe
from core.pages import form_page
from core.versioning import saved

from .carry_forward import carry_forward
from .forms import ActionForm, CarryForwardForm, CycleForm, PlanForm, ThemeForm
from .models import Action, Plan, Theme, UpdateCycle
from .updating import changes_since, save_action


def managed_plan(request, pk):
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("board"), pk=pk)
    require_perm(request.user, "actions.manage_plan", plan)
    return plan


@login_required
def plan_add(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "boards.manage_board", board)
    form = PlanForm(request.POST or None, board=board)
    return form_page(
        request, form, title="Add a plan", caption=board.name, back_url=board.get_absolute_url()
    )


@login_required
def plan_edit(request, pk):
    plan = managed_plan(request, pk)
    form = PlanForm(request.POST or None, instance=plan, board=plan.board)
    return form_page(
        request,
        form,
        title=f"Edit {plan.name}",
        caption=plan.board.name,
        back_url=plan.get_absolute_url(),
    )


@login_required
def theme_add(request, pk):
    plan = managed_plan(request, pk)
    form = ThemeForm(request.POST or None, plan=plan)
    return form_page(
        request,
        form,
        title="Add a theme",
        caption=plan.name,
        back_url=plan.get_absolute_url(),
        done=lambda t: f"Theme {t} added",
    )


@login_required
def theme_edit(request, pk):
    theme = get_object_or_404(
        Theme.objects.filter(plan__in=Plan.objects.visible_to(request.user)), pk=pk
    )
    plan = managed_plan(request, theme.plan_id)
    form = ThemeForm(request.POST or None, instance=theme, plan=plan)
    return form_page(
        request,
        form,
        title=f"Edit theme {theme.number}",
        caption=plan.name,
        back_url=plan.get_absolute_url(),
    )


@login_required
def cycle_add(request, pk):
    plan = managed_plan(request, pk)
    form = CycleForm(request.POST or None, plan=plan)
    return form_page(
        request,
        form,
        title="Open an update cycle",
        caption=plan.name,
        back_url=plan.get_absolute_url(),
        intro="Chairs see the actions they still need to update from the day the cycle opens until its deadline.",
    )


@login_required
def cycle_edit(request, pk):
    cycle = get_object_or_404(
        UpdateCycle.objects.filter(plan__in=Plan.objects.visible_to(request.user)), pk=pk
    )
    plan = managed_plan(request, cycle.plan_id)
    form = CycleForm(request.POST or None, instance=cycle, plan=plan)
    return form_page(
        request,
        form,
        title=f"Edit {cycle.name}",
        caption=plan.name,
        back_url=plan.get_absolute_url(),
    )


@login_required
def action_add(request, pk):
    plan = managed_plan(request, pk)
    form = ActionForm(request.POST or None, plan=plan)
    return form_page(
        request,
        form,
        title="Add an action",
        caption=plan.name,
        back_url=plan.get_absolute_url(),
        save=lambda f: save_action(f, user=request.user),
        done=lambda a: f"Action {a.ref} added",
    )


@login_required
def action_edit(request, pk):
    action = get_object_or_404(Action.objects.visible_to(request.user), pk=pk)
    plan = managed_plan(request, action.plan_id)
    form = ActionForm(request.POST or None, instance=action, plan=plan)
    if form.is_valid() and saved(form, lambda form: save_action(form, user=request.user)):
        messages.success(request, f"Action {action.ref} saved")
        return redirect(action)
    since = getattr(form, "changed_since", None)  # set by the guard when it refused the save
    conflict = changes_since(action, since) if since else None
    return render(
        request,
        "actions/action_edit.html",
        {
            "form": form,
            "action": action,
            "conflict": conflict,
            "title": f"Edit action {action.ref}",
            "caption": plan.name,
        },
    )


@login_required
def plan_carry_forward(request, pk):
    plan = managed_plan(request, pk)
    form = CarryForwardForm(request.POST or None, plan=plan)
    if form.is_valid():
        target = form.cleaned_data["target"]
        carried = carry_forward(plan, target, user=request.user)
        messages.success(request, f"{len(carried)} incomplete actions carried into {target.name}")
        return redirect(target)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Carry incomplete actions forward",
            "caption": plan.name,
            "back_url": plan.get_absolute_url(),
            "intro": "Every action that is not complete is copied into the plan you choose, with its owners, "
            "due date and current RAG, and a link back to this plan's action and its history. "
            "Actions already carried are not copied twice.",
        },
    )


@login_required
def plan_history(request, pk):
    """The plan's audit trail: every change to the plan, its themes, cycles and actions."""
    plan = managed_plan(request, pk)
    records = [
        *describe(
            Plan.history.filter(id=plan.pk).select_related("history_user"),
            what=lambda r: "The plan",
        ),
        *describe(
            Theme.history.filter(plan_id=plan.pk).select_related("history_user"),
            what=lambda r: f"Theme {r.number}",
        ),
        *describe(
            UpdateCycle.history.filter(plan_id=plan.pk).select_related("history_user"),
            what=lambda r: f"Cycle {r.name}",
        ),
        *describe(
            Action.history.filter(plan_id=plan.pk).select_related("history_user"),
            what=lambda r: f"Action {r.ref}",
        ),
    ]
    records.sort(key=lambda c: c.when, reverse=True)
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    return render(request, "actions/plan_history.html", {"plan": plan, "page_obj": page})

from collections import Counter

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.downloads import spreadsheet_response
from core.rag import ORDER, Rag, worst
from core.spreadsheets import TableRefused, read_table

from .forms import ActionFilter, PlanImportForm, UpdateForm
from .importing import export_rows, import_plan, parse
from .models import Action, Plan, Update, UpdateCycle
from .updating import StaleEdit, record_update


def with_list_data(actions):
    """What a list of actions shows, in a fixed number of queries however many there are."""
    return actions.select_related("theme", "plan").prefetch_related("owners")


@login_required
def plan_list(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    plans = (
        Plan.objects.visible_to(request.user)
        .filter(board=board)
        .annotate(action_count=Count("actions"))
        .order_by("closed", "name")
    )
    can_manage = request.user.has_perm("boards.manage_board", board)
    return render(
        request,
        "actions/plan_list.html",
        {"board": board, "plans": plans, "can_manage": can_manage},
    )


@login_required
def plan_import(request, board_pk):
    """Office staff create a plan from a spreadsheet: all rows or nothing."""
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "boards.manage_board", board)
    form = PlanImportForm(request.POST or None, request.FILES or None, board=board)
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = parse(read_table(upload.name, upload.read(), "actions"), board)
        except TableRefused as refused:  # a limit passed, or a character XML cannot hold
            parsed, errors = None, refused.errors
        except Exception:  # a file that is not what it says it is
            parsed = None
            errors = [(1, "The file could not be read: save it again as CSV or .xlsx and retry")]
        if parsed is not None:
            errors = parsed.errors
        if not errors:
            with transaction.atomic():
                plan = Plan(
                    board=board, name=form.cleaned_data["name"], kind=form.cleaned_data["kind"]
                )
                plan._history_user = request.user
                plan.save()
                actions = import_plan(plan, parsed, user=request.user)
            messages.success(request, f"{len(actions)} actions imported into {plan.name}")
            return redirect(plan)
    return render(
        request,
        "_import_page.html",
        {
            "form": form,
            "errors": errors,
            "title": "Import a plan",
            "caption": board.name,
            "back_url": reverse("actions:plans", args=[board.pk]),
        },
    )


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("board"), pk=pk)
    cycle = plan.current_cycle()
    actions = with_list_data(Action.objects.visible_to(request.user).filter(plan=plan))
    filterset = ActionFilter(request.GET or None, queryset=actions, plan=plan, cycle=cycle)
    filterset.form.helper = filter_helper()
    counts = actions.rag_by_theme()
    can_manage = request.user.has_perm("actions.manage_plan", plan)
    # Agencies' improvement actions: their office and their agency read them; the board sees counts.
    agency_counts = [] if can_manage else Action.objects.filter(plan=plan).agency_counts()
    return render(
        request,
        "actions/plan_detail.html",
        {
            "plan": plan,
            "agency_counts": agency_counts,
            "cycle": cycle,
            "filter": filterset,
            "actions": filterset.qs,
            "filtered": bool(request.GET),
            "query": request.GET.urlencode(),
            "counts": counts,
            "rags": ORDER,
            "totals": {rag: sum(row["counts"][rag] for row in counts) for rag in ORDER},
            "can_manage": can_manage,
        },
    )


@login_required
def plan_export(request, pk, fmt):
    """The plan page's actions, as filtered there, in the seed's column order (CSV or XLSX)."""
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("board"), pk=pk)
    actions = ActionFilter(
        request.GET or None,
        queryset=Action.objects.visible_to(request.user).filter(plan=plan).for_export(),
        plan=plan,
        cycle=plan.current_cycle(),
    ).qs
    latest = plan.latest_updated_cycle()
    rows = export_rows(actions, latest.name if latest else "Latest")
    return spreadsheet_response(rows, fmt, slugify(plan.name), title=plan.name)


def filter_helper():
    helper = FormHelper()
    helper.form_method = "get"
    helper.layout = Layout(
        Field.select("theme"),
        Field.select("owner"),
        Field.select("rag"),
        Field.checkbox("overdue"),
        Field.checkbox("not_updated"),
        Field.text("due_after", field_width=10),
        Field.text("due_before", field_width=10),
    )
    helper.add_input(Submit("apply", "Apply filters", css_class="govuk-button--secondary"))
    return helper


@login_required
def action_detail(request, pk):
    action = get_object_or_404(
        Action.objects.visible_to(request.user).select_related(
            "plan__board", "theme", "parent", "carried_from__plan"
        ),
        pk=pk,
    )
    updates = action.updates.select_related("author", "cycle")
    sub_actions = list(action.sub_actions.all())
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            "owners": action.owners.all(),
            "related": action.related.all(),
            "updates": updates,
            "sub_actions": sub_actions,
            "sub_worst": worst(a.rag for a in sub_actions) if sub_actions else None,
            "can_update": request.user.has_perm("actions.update_action", action),
            "can_manage": request.user.has_perm("actions.manage_plan", action.plan),
            "carried_into": action.carried_into.select_related("plan"),
        },
    )


@login_required
def action_update(request, pk):
    action = get_object_or_404(
        Action.objects.visible_to(request.user).select_related("plan__board", "theme"), pk=pk
    )
    require_perm(request.user, "actions.update_action", action)
    form = UpdateForm(request.POST or None, action=action)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_update(
                action,
                author=request.user,
                text=data["text"],
                rag=data["rag"],
                forecast_rag=data["forecast_rag"],
                comment=data["comment"],
                cycle=action.plan.current_cycle(),
                seen_version=data["version"],
            )
        except StaleEdit:
            form.add_error(
                None, UpdateForm.STALE
            )  # saved in the moment between checking and saving
        else:
            messages.success(request, f"Action {action.ref} updated: {Rag(action.rag).label}")
            return redirect(action)
    conflict = None
    if form.is_bound and form.errors and form.data.get("version") != str(action.version):
        # Show what was saved meanwhile, and let the person save again over what they have now read.
        seen = int(form.data.get("version") or 0)
        conflict = action.updates.filter(action_version__gt=seen).select_related("author", "cycle")
        form.data = form.data.copy()
        form.data["version"] = action.version
    return render(
        request,
        "actions/action_update.html",
        {"action": action, "form": form, "conflict": conflict},
    )


@login_required
def my_actions(request):
    """A person's actions: those their subgroups own and their agency's improvement actions, with
    those still needing this cycle's update first."""
    actions = list(
        with_list_data(
            Action.objects.visible_to(request.user).owned_by(request.user)
        ).prefetch_related(
            Prefetch(
                "updates", queryset=Update.objects.select_related("cycle"), to_attr="all_updates"
            )
        )
    )
    cycles = UpdateCycle.objects.current_by_plan({action.plan_id for action in actions})
    for action in actions:
        cycle = cycles.get(action.plan_id)
        action.cycle = cycle
        action.needs_update = bool(cycle) and not any(
            u.cycle_id == cycle.pk for u in action.all_updates
        )
    actions.sort(key=lambda a: (not a.needs_update, a.plan.name, a.ref_sort))
    counts = Counter(a.needs_update for a in actions)
    return render(
        request,
        "actions/my_actions.html",
        {
            "actions": actions,
            "to_do": counts[True],
            "done": counts[False],
        },
    )

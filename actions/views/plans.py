"""Plans: the board's list, a plan's page (filtered) and its export; office staff import, add and edit
plans, carry incomplete actions forward, and read a plan's audit trail."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Submit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from boards.models import Board
from core import as_at
from core.access import require_perm, visible_or_404
from core.column_mapping import ColumnMapForm, columns_found, drop, header_of, hold
from core.downloads import spreadsheet_response
from core.history import describe
from core.page_cache import cached
from core.pages import form_page
from core.rag import ORDER, is_done
from core.spreadsheets import TableRefused, read_table

from ..carry_forward import carry_forward
from ..feeds import FEEDS
from ..forms import ActionFilter, CarryForwardForm, ImportCycleForm, PlanForm, PlanImportForm
from ..importing import (
    FIELDS,
    describe_columns,
    export_rows,
    import_new_plan,
    mapped_columns,
    parse,
    read_header,
    remember_mapping,
)
from ..models import Action, Plan, Theme, UpdateCycle


def with_list_data(actions):
    """What a list of actions shows, in a fixed number of queries however many there are."""
    return actions.select_related("theme", "plan").prefetch_related("owners")


def managed_plan(request, pk):
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("board"), pk=pk)
    require_perm(request.user, "actions.manage_plan", plan)
    return plan


@login_required
def plan_list(request, board_pk):
    """The board's plans that the person may see, with their actions counted: built once for each
    person while the data stays the same (core.page_cache)."""
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    body = cached(
        "actions:plans", FEEDS, request.user, [board.pk], lambda: plan_list_body(request, board)
    )
    return render(request, "actions/plan_list.html", {"board": board, "body": body})


def plan_list_body(request, board):
    plans = (
        Plan.objects.visible_to(request.user)
        .filter(board=board)
        .annotate(action_count=Count("actions"))
        .order_by("closed", "name")
    )
    can_manage = request.user.has_perm("boards.manage_board", board)
    return render_to_string(
        "actions/_plan_list_body.html",
        {"board": board, "plans": plans, "can_manage": can_manage},
        request=request,
    )


@login_required
def plan_import(request, board_pk):
    """Office staff create a plan from a spreadsheet: all rows or nothing. A file whose columns are not
    all recognised (by name, or as the board mapped the same headers before) is held in the session
    while the person maps them; a file with updates or RAGs is held until the person confirms which
    update cycle they belong to. Nothing is created before that."""
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "boards.manage_board", board)
    held = f"plan_import_{board.pk}"
    if request.POST.get("step") == "confirm":
        return plan_import_confirm(request, board, held)
    if request.POST.get("step") == "map":
        return plan_import_map(request, board, held)
    form = PlanImportForm(request.POST or None, request.FILES or None, board=board)
    errors = []
    if form.is_valid():
        table, errors = read_upload(form.cleaned_data["file"])
        details = {
            "name": form.cleaned_data["name"],
            "kind": form.cleaned_data["kind"],
            "file_name": form.cleaned_data["file"].name[:255],
        }
        try:
            if not errors:
                columns = mapped_columns(table, board)
                if columns is None and any(header_of(table)):
                    hold(request.session, held, {**details, "table": table}, table)
                    return map_page(request, board, details, table, mapping_form(table))
                return checked(request, board, held, details, table, columns, form=form)
        except TableRefused as refused:  # too much to hold between the steps
            errors = refused.errors
    return import_page(request, board, form, errors)


def read_upload(upload):
    """(table, errors) of an uploaded file."""
    try:
        return read_table(upload.name, upload.read(), "actions"), []
    except TableRefused as refused:  # a limit passed, or a character XML cannot hold
        return None, refused.errors
    except Exception:  # a file that is not what it says it is
        return None, [(1, "The file could not be read: save it again as CSV or .xlsx and retry")]


def checked(request, board, held, details, table, columns, *, form=None, mapped=False):
    """The file read with `columns` (None: by name): its errors, or the plan imported, or (a file
    with updates) held for the confirmation page. `mapped`: the person mapped the columns, and
    the mapping is remembered when the plan is imported."""
    parsed = parse(table, board, columns)
    if parsed.errors:
        drop(request.session, held)
        form = form or PlanImportForm(initial=details, board=board)
        return import_page(request, board, form, parsed.errors)
    if not parsed.has_updates:
        drop(request.session, held)
        return imported(
            request, board, parsed, details, cycle=None, mapping=mapped and (table, columns)
        )
    hold(
        request.session,
        held,
        {**details, "table": table, "columns": columns, "mapped": mapped},
        table,
    )
    cycle_form = ImportCycleForm(initial={"name": parsed.cycle_name})
    read_as = describe_columns(header_of(table), columns)
    return confirm_page(request, board, parsed, details, cycle_form, read_as)


def mapping_form(table, data=None):
    header = header_of(table)
    recognised, _, _ = read_header(header)
    return ColumnMapForm(data, fields=FIELDS, header=header, initial_columns=recognised)


def plan_import_map(request, board, held):
    details = request.session.get(held)
    if not details:
        return no_longer_held(request, board)
    table = details["table"]
    form = mapping_form(table, request.POST)
    if form.is_valid() and board.plans.filter(name__iexact=details["name"]).exists():
        form.add_error(
            None, "The board now has a plan with this name: upload the file again with another"
        )
    if not form.is_valid():
        return map_page(request, board, details, table, form)
    details = {"name": details["name"], "kind": details["kind"]}
    return checked(request, board, held, details, table, form.columns(), mapped=True)


def no_longer_held(request, board):
    form = PlanImportForm(board=board)
    return import_page(
        request, board, form, [(1, "The checked file is no longer held: upload it again")]
    )


def plan_import_confirm(request, board, held):
    details = request.session.get(held)
    if not details:
        return no_longer_held(request, board)
    columns = details.get("columns")
    # Parsed again: the board's groups may have changed meanwhile.
    parsed = parse(details["table"], board, columns)
    if parsed.errors:
        drop(request.session, held)
        return import_page(request, board, PlanImportForm(board=board), parsed.errors)
    form = ImportCycleForm(request.POST)
    if form.is_valid():
        if board.plans.filter(name__iexact=details["name"]).exists():
            form.add_error(
                None, "The board now has a plan with this name: upload the file again with another"
            )
        else:
            drop(request.session, held)
            cycle = {key: form.cleaned_data[key] for key in ("name", "opens", "deadline")}
            mapping = details.get("mapped") and (details["table"], columns)
            return imported(request, board, parsed, details, cycle=cycle, mapping=mapping)
    read_as = describe_columns(header_of(details["table"]), columns or {})
    return confirm_page(request, board, parsed, details, form, read_as)


def imported(request, board, parsed, details, *, cycle, mapping=None):
    """The plan created; a mapping the person made ((table, columns)) is remembered with it."""
    with transaction.atomic():
        plan, actions = import_new_plan(
            board,
            parsed,
            name=details["name"],
            kind=details["kind"],
            user=request.user,
            cycle=cycle,
            file_name=details.get("file_name", ""),
        )
        if mapping:
            remember_mapping(board, *mapping, user=request.user)
    messages.success(request, f"{len(actions)} actions imported into {plan.name}")
    return redirect(plan)


def import_page(request, board, form, errors):
    return render(
        request,
        "_import_page.html",
        {
            "form": form,
            "errors": errors,
            "title": "Import a plan",
            "caption": board.name,
            "back_url": reverse("actions:plans", args=[board.pk]),
            "mappings_url": reverse("boards:import_mappings", args=[board.pk]),
        },
    )


def map_page(request, board, details, table, form):
    header = header_of(table)
    recognised, _, _ = read_header(header)
    return render(
        request,
        "_column_map_page.html",
        {
            "form": form,
            "title": "Which columns hold what?",
            "caption": f"Import {details['name']}",
            "back_url": reverse("actions:import", args=[board.pk]),
            "columns": columns_found(table, recognised, FIELDS),
            "what": "plan",
        },
    )


def confirm_page(request, board, parsed, details, form, read_as):
    updated = sum(1 for row in parsed.rows if row.update_text or row.rag)
    return render(
        request,
        "actions/plan_import_confirm.html",
        {
            "form": form,
            "title": "Which update cycle are the updates from?",
            "caption": f"Import {details['name']}",
            "back_url": reverse("actions:import", args=[board.pk]),
            "parsed": parsed,
            "read_as": read_as,
            "updated": updated,
            "themes": len(
                {row.theme_number for row in parsed.rows if row.theme_number is not None}
            ),
        },
    )


def actions_as_at(actions, day):
    """The plan's actions as at `day` (those that existed then, each with its RAG and update as its
    latest update on or before it left them), or as they stand today without one."""
    return actions.as_at(day) if day else actions.now()


def with_shown_ratings(actions, day):
    """The listed actions, each with the RAG shown and whether it was overdue, as at `day` (or now)."""
    actions = list(actions)
    for action in actions:
        action.shown_rag = action.rag_then
        action.shown_overdue = (
            bool(action.due_date and action.due_date < day and not is_done(action.rag_then))
            if day
            else action.is_overdue()
        )
    return actions


@login_required
def plan_detail(request, pk):
    """A plan's actions by theme and RAG, filtered, as they stand today or as at a date
    (`?as_at=YYYY-MM-DD`): then the actions that existed at the date, with their RAG as their latest
    update on or before it left them. Built once for each person, filter and day while the data
    stays the same (core.page_cache). Whether the person may see the plan (Plan.visible_to) is asked
    when the page is built, and kept with it, as the action page's is: everything that decides it
    is among the feeds."""
    day, bad_date = as_at.from_query(request.GET)
    today = timezone.localdate()  # what is overdue changes with the day
    page = cached(
        "actions:plan_page",  # a new name for a new shape: entries of "actions:plan" had no title
        FEEDS,
        request.user,
        [pk, today, request.GET.urlencode()],
        lambda: plan_page(request, pk, day, today),
    )
    return render(
        request,
        "actions/plan_detail.html",
        # base.html's title says "Error:" when the filters' form has errors
        {**page, "form": {"errors": page["invalid"]}},
        status=400 if bad_date else 200,  # other filters' errors are shown, as they always were
    )


def plan_page(request, pk, day, today):
    """The plan page's title, back link and content, for someone who may see the plan (404
    otherwise: nothing is kept)."""
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("board"), pk=pk)
    return {
        "name": plan.name,
        "board_url": plan.board.get_absolute_url(),
        "board_name": plan.board.short_name,
        **plan_body(request, plan, day, today),
    }


def plan_body(request, plan, day, today):
    """The plan page below its title, rendered, and whether its filters were refused."""
    cycle = plan.current_cycle(today=day)
    actions = with_list_data(
        actions_as_at(Action.objects.visible_to(request.user).filter(plan=plan), day)
    )
    filterset = ActionFilter(request.GET or None, queryset=actions, plan=plan, cycle=cycle, day=day)
    filterset.form.helper = filter_helper()
    counts = actions.rag_by_theme("rag_then")
    can_manage = request.user.has_perm("actions.manage_plan", plan)
    # Agencies' improvement actions: their office and their agency read them; the board sees counts.
    agency_counts = (
        []
        if can_manage
        else actions_as_at(Action.objects.filter(plan=plan), day).agency_counts("rag_then")
    )
    form = filterset.form if filterset.is_bound else None  # its errors, summarised once
    body = render_to_string(
        "actions/_plan_body.html",
        {
            "plan": plan,
            "form": form,
            "as_at": day,
            "today": today,
            "agency_counts": agency_counts,
            "cycle": cycle,
            "filter": filterset,
            "actions": with_shown_ratings(filterset.qs, day),
            "filtered": bool(request.GET),
            "query": request.GET.urlencode(),
            "counts": counts,
            "rags": ORDER,
            "totals": {rag: sum(row["counts"][rag] for row in counts) for rag in ORDER},
            "can_manage": can_manage,
        },
        request=request,
    )
    return {"body": body, "invalid": bool(form and form.errors)}


@login_required
def plan_export(request, pk, fmt):
    """The plan page's actions, as filtered there, in the seed's column order (CSV or XLSX); as at
    a date (`?as_at=`), each action's update and RAG as at that date, under the round then."""
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("board"), pk=pk)
    day, bad_date = as_at.from_query(request.GET)
    if bad_date:  # never a file of another date than asked
        return HttpResponseBadRequest(bad_date, content_type="text/plain; charset=utf-8")
    actions = Action.objects.visible_to(request.user).filter(plan=plan)
    cycle = plan.current_cycle(today=day)
    filterset = ActionFilter(
        request.GET or None,
        queryset=actions.as_at(day).for_export(updates=False)
        if day
        else actions.now().for_export(),
        plan=plan,
        cycle=cycle,
        day=day,
    )
    if day:
        rows = export_rows(filterset.qs, cycle.name if cycle else f"{day:%B %Y}", as_at=True)
        name = f"{slugify(plan.name)}-as-at-{day.isoformat()}"
    else:
        latest = plan.latest_updated_cycle()
        rows = export_rows(filterset.qs, latest.name if latest else "Latest")
        name = slugify(plan.name)
    return spreadsheet_response(rows, fmt, name, title=plan.name)


def filter_helper():
    helper = FormHelper()
    helper.form_method = "get"
    helper.layout = Layout(
        Field.select("as_at"),
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

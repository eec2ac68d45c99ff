"""Actions: an action's page, chairs' updates, a person's own actions; office staff add and edit
actions, and withdraw an update entered in error."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from core.access import require_perm
from core.forms import ReasonForm
from core.page_cache import cached, feeds, models_of
from core.pages import form_page
from core.rag import Rag, worst
from core.versioning import saved

from ..feeds import FEEDS
from ..forms import ActionForm, UpdateForm
from ..models import Action, Update, UpdateCycle
from ..updating import (
    AlreadyWithdrawn,
    StaleEdit,
    changes_since,
    record_update,
    save_action,
    still_to_update,
    withdraw_update,
)
from .plans import managed_plan, with_list_data

# The action page also names the case review lessons and recommendations an action answers.
ACTION_FEEDS = feeds(*FEEDS, *models_of("reviews"))


@login_required
def action_detail(request, pk):
    """An action, its updates, sub-actions and links: built once a day for each person while the
    data stays the same (core.page_cache). Whether the person may see the action at all
    (Action.visible_to) is asked when the page is built, and the page is kept only for someone who
    may: what decides it (boards, memberships, groups, plans, actions and their owners, agencies)
    is among the page's feeds, each with its audit trail (owners change through Action.set_owners,
    which saves the action), so a change to any of it asks again."""
    page = cached(
        "actions:action_page",  # a new name for a new shape: entries of "actions:action" were text
        ACTION_FEEDS,
        request.user,
        [pk, timezone.localdate()],  # what is overdue changes with the day
        lambda: action_page(request, pk),
    )
    return render(request, "actions/action_detail.html", page)


def action_page(request, pk):
    """The action page's title, back link and content, for someone who may see the action (404
    otherwise: nothing is kept)."""
    action = get_object_or_404(
        Action.objects.visible_to(request.user).select_related(
            "plan__board", "theme", "parent", "carried_from__plan"
        ),
        pk=pk,
    )
    return {
        "ref": action.ref,
        "plan_name": action.plan.name,
        "plan_url": action.plan.get_absolute_url(),
        "body": action_body(request, action),
    }


def action_body(request, action):
    sub_actions = list(action.sub_actions.all())
    can_manage = request.user.has_perm("actions.manage_plan", action.plan)
    return render_to_string(
        "actions/_action_body.html",
        {
            "action": action,
            "owners": action.owners.all(),
            "related": action.related.all(),
            "updates": action.updates.select_related("author", "cycle", "withdrawn_by"),
            "sub_actions": sub_actions,
            "sub_worst": worst(a.rag for a in sub_actions) if sub_actions else None,
            # the office may update every action of its board (actions/rules.py)
            "can_update": can_manage or request.user.has_perm("actions.update_action", action),
            "can_manage": can_manage,
            "carried_into": action.carried_into.select_related("plan"),
        },
        request=request,
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
            return next_to_update(request, action)
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
        {
            "action": action,
            "form": form,
            "conflict": conflict,
            "previous": action.updates.select_related("author", "cycle").first(),
        },
    )


def next_to_update(request, action):
    """After an update, the chair's loop: on to the next of their actions still to update this
    round, in plan order, until none is left (then say so, with a link to their list)."""
    done = f"Action {action.ref} updated: {Rag(action.rag).label}"
    if not action.chaired_by(request.user):  # office staff updating an action: back to it
        messages.success(request, done)
        return redirect(action)
    remaining = still_to_update(request.user)
    following = remaining.first()
    if following is None:
        messages.success(
            request,
            format_html(
                '{}. None of your actions is left to update this round. <a class="govuk-'
                'notification-banner__link" href="{}">See your actions</a>',
                done,
                reverse("actions:mine"),
            ),
        )
        return redirect(action)
    messages.success(
        request,
        format_html(
            '{}. Next action to update: {} ({} left this round). <a class="govuk-notification-'
            'banner__link" href="{}">See action {}</a>',
            done,
            following.ref,
            remaining.count(),
            action.get_absolute_url(),
            action.ref,
        ),
    )
    return redirect("actions:update", following.pk)


@login_required
def my_actions(request):
    """A person's actions: those their subgroups own and their agency's improvement actions, with
    those still needing this cycle's update first. Built once a day for each person while the data
    stays the same (core.page_cache)."""
    today = timezone.localdate()  # what is overdue changes with the day
    body = cached("actions:mine", FEEDS, request.user, [today], lambda: my_actions_body(request))
    return render(request, "actions/my_actions.html", {"body": body})


def my_actions_body(request):
    actions = list(
        with_list_data(
            Action.objects.visible_to(request.user).owned_by(request.user)
        ).prefetch_related(
            Prefetch(
                "updates",
                queryset=Update.objects.current().select_related("cycle"),
                to_attr="all_updates",
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
    return render_to_string(
        "actions/_my_actions_body.html",
        {"actions": actions, "to_do": counts[True], "done": counts[False]},
        request=request,
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
def update_withdraw(request, pk):
    """Office staff withdraw an update entered in error, with the reason: it stays in the action's
    history, marked withdrawn; the action's RAG comes from what came before it."""
    update = get_object_or_404(
        Update.objects.filter(action__in=Action.objects.visible_to(request.user)).select_related(
            "action__plan__board", "author", "cycle"
        ),
        pk=pk,
    )
    action = update.action
    require_perm(request.user, "actions.manage_plan", action.plan)
    if update.is_withdrawn:
        messages.info(request, "This update was already withdrawn")
        return redirect(action)
    form = ReasonForm(
        request.POST or None,
        label="Why is the update withdrawn?",
        help_text="Kept with the update in the action's history.",
        submit_label="Withdraw the update",
    )
    if form.is_valid():
        try:
            withdraw_update(update, user=request.user, reason=form.cleaned_data["reason"])
        except AlreadyWithdrawn:
            messages.info(request, "Someone else withdrew this update meanwhile")
            return redirect(action)
        action.refresh_from_db()
        messages.success(
            request, f"Update withdrawn: action {action.ref} is now {Rag(action.rag).label}"
        )
        return redirect(action)
    return render(
        request,
        "_confirm_page.html",
        {
            "form": form,
            "title": f"Withdraw the update of {update.created:%-d %B %Y}",
            "caption": f"Action {action.ref}",
            "back_url": action.get_absolute_url(),
            "facts": [
                ("Recorded", f"{update.created:%-d %B %Y, %H:%M} by {update.author or 'unknown'}"),
                *([("Update cycle", update.cycle.name)] if update.cycle else []),
                ("RAG", Rag(update.rag).label),
                ("Progress", update.text),
            ],
            "warning": "The update will no longer count: the action's RAG, dashboards and reports "
            "will use the update before it. It stays in the action's history, marked withdrawn "
            "with your reason.",
        },
    )

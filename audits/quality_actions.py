"""A quality audit's recommendations become actions of its action plan (a Plan of the actions app,
kind "audit action plan"), owned by the group that ran the audit, whose chair updates them as any
other action. When every action of a reported audit is complete, the audit closes, and says so;
should an action reopen (an update withdrawn), the audit goes back to reported."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from actions.models import Action, Plan, PlanKind

from .quality import QualityAudit, QualityAuditStatus


def plan_name(audit):
    return f"{audit.theme} audit: action plan"[:200]


@transaction.atomic
def open_plan(audit, *, user):
    """The audit's action plan, created the first time."""
    if audit.plan_id:
        return audit.plan
    name, n = plan_name(audit), 1
    while Plan.objects.filter(board=audit.board, name=name).exists():
        n += 1
        name = f"{plan_name(audit)[:190]} ({n})"
    plan = Plan(
        board=audit.board,
        name=name,
        kind=PlanKind.AUDIT,
        description=f"Actions from the recommendations of the {audit.theme} multi-agency audit "
        f"run by {audit.group}.",
    )
    plan._history_user = user
    plan.save()
    audit.plan = plan
    audit._history_user = user
    audit.save(update_fields=["plan"])
    return plan


@transaction.atomic
def make_action(recommendation, *, user, due_date=None, outcome=""):
    """Turn `recommendation` into an action of its audit's plan, owned by the group that ran the
    audit. Returns the action (the existing one if it already has one)."""
    if recommendation.action_id:
        return recommendation.action
    audit = recommendation.audit
    plan = open_plan(audit, user=user)
    ref, n = str(recommendation.number), 1
    while plan.actions.filter(ref=ref).exists():
        n += 1
        ref = f"{recommendation.number}.{n}"
    action = Action(
        plan=plan,
        ref=ref,
        text=recommendation.text,
        due_date=due_date,
        outcome=outcome,
    )
    action._history_user = user
    action.save()
    action.set_owners([audit.group])
    recommendation.action = action
    recommendation._history_user = user
    recommendation.save(update_fields=["action"])
    if audit.status == QualityAuditStatus.CLOSED:  # a new action reopens a closed audit
        follow_actions(audit, user=user)
    return action


def follow_actions(audit, *, user=None, today=None):
    """Close a reported audit whose actions are all complete; reopen a closed one that has an
    outstanding action. Returns True when the status changed."""
    actions = audit.actions()
    done = actions.exists() and not actions.outstanding().exists()
    if done and audit.status == QualityAuditStatus.REPORTED:
        audit.status = QualityAuditStatus.CLOSED
        audit.closed_on = today or timezone.localdate()
    elif not done and audit.status == QualityAuditStatus.CLOSED and actions.exists():
        audit.status, audit.closed_on = QualityAuditStatus.REPORTED, None
    else:
        return False
    audit._history_user = user
    audit.save(update_fields=["status", "closed_on"])
    return True


@receiver(post_save, sender=Action, dispatch_uid="audits.quality_audit_follows_its_actions")
def action_saved(sender, instance, raw=False, **kwargs):
    """An action of an audit's plan changed (an update recorded or withdrawn): the audit follows."""
    if raw or instance.plan.kind != PlanKind.AUDIT:  # the plan is at hand: no query for others
        return
    audit = QualityAudit.objects.filter(plan_id=instance.plan_id).first()
    if audit is not None:
        follow_actions(audit, user=getattr(instance, "_history_user", None))

"""Improvement actions roll up into the cycle's action plan once the office accepts a return, where
they are tracked like any other action: owners, due date, updates and RAG."""

from actions.models import Action, Plan, PlanKind, Theme
from boards.models import Board

from .models import NEEDS_ACTION


def cycle_plan(cycle, user):
    """The cycle's action plan, made on first use on a board of the cycle the user manages."""
    if cycle.plan_id is None:
        boards = cycle.boards.order_by("pk")
        board = boards.filter(pk__in=Board.objects.managed_by(user)).first() or boards.first()
        plan = Plan(
            board=board,
            name=f"{cycle.name}: improvement actions"[:200],
            kind=PlanKind.AUDIT,
            description=f"Improvement actions from the accepted returns of {cycle.name}.",
        )
        plan._history_user = user
        plan.save()
        cycle.plan = plan
        cycle._history_user = user
        cycle.save(update_fields=["plan"])
    return cycle.plan


def roll_up(submission, user):
    """Put each not-fully-met answer's improvement action into the cycle's plan (or bring the action
    up to date if the return was accepted before). Returns the actions made or changed."""
    answers = (
        submission.answers.filter(rating__in=NEEDS_ACTION)
        .select_related("criterion__standard", "action")
        # in criterion order, without the joins Answer's default ordering brings (its submission's
        # cycle and agency): this runs once per return accepted, 400 at a time in bulk
        .order_by("criterion__standard__number", "criterion__number")
    )
    answers = [a for a in answers if a.improvement_action.strip()]
    if not answers:
        return []
    plan = cycle_plan(submission.cycle, user)
    themes = {theme.number: theme for theme in plan.themes.all()}
    existing = {
        action.ref: action
        for action in plan.actions.filter(ref__endswith=f"/{submission.agency_id}")
    }
    touched = []
    for answer in answers:
        standard, criterion = answer.criterion.standard, answer.criterion
        if standard.number not in themes:
            theme = Theme(plan=plan, number=standard.number, title=standard.title[:200])
            theme._history_user = user
            theme.save()
            themes[standard.number] = theme
        ref = f"{standard.number}.{criterion.number}/{submission.agency_id}"
        action = answer.action or existing.get(ref) or Action(plan=plan, ref=ref)
        wanted = {
            "theme": themes[standard.number],
            "agency_id": submission.agency_id,
            "text": f"{submission.agency.name}: {answer.improvement_action.strip()}",
            "named_owners": answer.action_owner.strip() or submission.agency.name,
            "due_date": answer.action_due,
            "outcome": f"Standard {standard.number}.{criterion.number} fully met: {criterion.text}",
        }
        if not action.pk or any(getattr(action, k) != v for k, v in wanted.items()):
            for field, value in wanted.items():
                setattr(action, field, value)
            if action.pk:
                action.version += 1  # someone editing it meanwhile is told, not overwritten
            action._history_user = user
            action.save()
            touched.append(action)
        if answer.action_id != action.pk:
            answer.action = action
            answer._history_user = user
            answer.save(update_fields=["action"])
    return touched

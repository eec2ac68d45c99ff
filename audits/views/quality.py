"""Multi-agency quality audits: the forward plan, one audit's page, and the forms that plan it, record
what it found (cases, gradings, findings), add its recommendations and turn them into actions of its
action plan. The board's people read; its office and the running group's people change them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.history import save_as
from core.pages import form_page

from ..quality import AuditRecommendation, Finding, FindingKind, QualityAudit
from ..quality_actions import follow_actions, make_action
from ..quality_forms import (
    IDENTITY_WARNING,
    AuditRecommendationForm,
    AuditRecordForm,
    FindingForm,
    MakeActionForm,
    QualityAuditForm,
)


@login_required
def quality_list(request):
    """The forward plan: every audit of the boards the user sees, by board, in the order planned."""
    audits = (
        QualityAudit.objects.visible_to(request.user)
        .with_action_counts()
        .select_related("board", "group")
        .order_by("board__name", "planned_month", "theme")
    )
    boards = Board.objects.visible_to(request.user).order_by("name")
    by_board = {board: [] for board in boards}
    for audit in audits:
        by_board.setdefault(audit.board, []).append(audit)
    addable = {b.pk for b in boards if request.user.has_perm("audits.add_quality_audit", b)}
    return render(
        request,
        "audits/quality_list.html",
        {"by_board": by_board, "addable": addable, "several_boards": len(by_board) > 1},
    )


def visible_audit(request, pk):
    audits = QualityAudit.objects.select_related("board", "group", "plan")
    return visible_or_404(audits, request.user, pk=pk)


def editable_audit(request, pk):
    audit = visible_audit(request, pk)
    require_perm(request.user, "audits.edit_quality_audit", audit)
    return audit


@login_required
def quality_detail(request, pk):
    audit = visible_audit(request, pk)
    findings = list(audit.findings.prefetch_related("themes"))
    plan_actions = list(audit.actions().select_related("audit_recommendation"))
    return render(
        request,
        "audits/quality_detail.html",
        {
            "audit": audit,
            "strengths": [f for f in findings if f.kind == FindingKind.STRENGTH],
            "improvements": [f for f in findings if f.kind == FindingKind.IMPROVEMENT],
            "recommendations": audit.recommendations.select_related("action"),
            "other_actions": [a for a in plan_actions if not hasattr(a, "audit_recommendation")],
            "done": sum(a.is_done for a in plan_actions),
            "total": len(plan_actions),
            "can_edit": request.user.has_perm("audits.edit_quality_audit", audit),
        },
    )


def save_and_follow(request):
    """Save the audit as the acting user; a reported audit whose actions are all complete closes."""

    def save(form):
        audit = save_as(form, request.user)
        follow_actions(audit, user=request.user)
        return audit

    return save


@login_required
def quality_add(request, board_pk):
    board = get_object_or_404(Board.objects.visible_to(request.user), pk=board_pk)
    require_perm(request.user, "audits.add_quality_audit", board)
    form = QualityAuditForm(request.POST or None, board=board, user=request.user)
    return form_page(
        request,
        form,
        title="Plan a multi-agency audit",
        caption=board.name,
        back_url=reverse("audits:quality_audits"),
        intro=IDENTITY_WARNING,
        save=save_and_follow(request),
        done=lambda a: f"{a.theme} audit added to the forward plan",
    )


@login_required
def quality_edit(request, pk):
    audit = editable_audit(request, pk)
    form = QualityAuditForm(
        request.POST or None, instance=audit, board=audit.board, user=request.user
    )
    return form_page(
        request,
        form,
        title=f"Edit the {audit.theme} audit",
        caption=audit.board.name,
        back_url=audit.get_absolute_url(),
        intro=IDENTITY_WARNING,
        save=save_and_follow(request),
        done=lambda a: f"{a.theme} audit saved",
    )


@login_required
def quality_record(request, pk):
    audit = editable_audit(request, pk)
    form = AuditRecordForm(request.POST or None, instance=audit)
    return form_page(
        request,
        form,
        title="Cases, gradings and report",
        caption=f"{audit.theme} audit",
        back_url=audit.get_absolute_url(),
        intro=IDENTITY_WARNING + " Counts only: no case is listed by name.",
        done=lambda a: f"{a.theme} audit: record saved",
    )


@login_required
def finding_add(request, pk):
    audit = editable_audit(request, pk)
    form = FindingForm(request.POST or None, audit=audit)
    return form_page(
        request,
        form,
        title="Add a finding",
        caption=f"{audit.theme} audit",
        back_url=audit.get_absolute_url(),
        intro=IDENTITY_WARNING,
        done=lambda f: f"{f.get_kind_display()} added",
    )


@login_required
def finding_edit(request, pk):
    findings = Finding.objects.filter(audit__in=QualityAudit.objects.visible_to(request.user))
    finding = get_object_or_404(findings, pk=pk)
    audit = editable_audit(request, finding.audit_id)
    form = FindingForm(request.POST or None, instance=finding, audit=audit)
    return form_page(
        request,
        form,
        title="Edit a finding",
        caption=f"{audit.theme} audit",
        back_url=audit.get_absolute_url(),
        intro=IDENTITY_WARNING,
        done=lambda f: f"{f.get_kind_display()} saved",
    )


@login_required
def recommendation_add(request, pk):
    audit = editable_audit(request, pk)
    form = AuditRecommendationForm(request.POST or None, audit=audit)
    return form_page(
        request,
        form,
        title="Add a recommendation",
        caption=f"{audit.theme} audit",
        back_url=audit.get_absolute_url(),
        intro=IDENTITY_WARNING,
        done=lambda r: f"Recommendation {r.number} added",
    )


def visible_recommendation(request, pk):
    recommendations = AuditRecommendation.objects.filter(
        audit__in=QualityAudit.objects.visible_to(request.user)
    )
    recommendation = get_object_or_404(recommendations, pk=pk)
    return recommendation, editable_audit(request, recommendation.audit_id)


@login_required
def recommendation_edit(request, pk):
    recommendation, audit = visible_recommendation(request, pk)
    form = AuditRecommendationForm(request.POST or None, instance=recommendation, audit=audit)
    return form_page(
        request,
        form,
        title=f"Edit recommendation {recommendation.number}",
        caption=f"{audit.theme} audit",
        back_url=audit.get_absolute_url(),
        intro=IDENTITY_WARNING,
    )


@login_required
def recommendation_action(request, pk):
    """Turn a recommendation into an action of the audit's action plan, owned by the running group."""
    recommendation, audit = visible_recommendation(request, pk)
    if recommendation.action_id:
        messages.info(request, f"Recommendation {recommendation.number} is already an action")
        return redirect(recommendation.action)
    form = MakeActionForm(request.POST or None)
    if form.is_valid():
        action = make_action(
            recommendation,
            user=request.user,
            due_date=form.cleaned_data["due_date"],
            outcome=form.cleaned_data["outcome"].strip(),
        )
        messages.success(
            request,
            f"Recommendation {recommendation.number} is now action {action.ref} of "
            f"{action.plan.name}, owned by {audit.group}",
        )
        return redirect(audit.get_absolute_url() + f"#recommendation-{recommendation.number}")
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Make recommendation {recommendation.number} an action",
            "caption": f"{audit.theme} audit",
            "back_url": audit.get_absolute_url(),
            "intro": f"“{recommendation.text}” becomes an action of the audit's action plan, "
            f"owned by {audit.group}: its chair updates it until it is complete. The audit "
            "closes when all its actions are complete.",
        },
    )

"""The statutory frame of a partnership: the relevant agencies register (kept by the office) and the
independent scrutineer's findings, each answered by the safeguarding partner it is addressed to."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from core.access import require_perm, visible_or_404
from core.history import save_as
from core.pages import form_page

from ..models import Board, ScrutinyFinding
from ..relevant_agencies import categories, schedule
from ..statutory_forms import RelevantAgencyForm, ScrutinyFindingForm, ScrutinyResponseForm


@login_required
def relevant_agencies(request, board_pk):
    """The board's partner agencies by statutory category; those not recorded as relevant are
    counted, and listed (a page at a time) in the board's partner agencies list."""
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    partners = board.partners.exclude(category="").select_related("agency").order_by("agency__name")
    by_key = {}
    for partner in partners:
        by_key.setdefault(partner.category, []).append(partner)
    groups = [
        {**category, "partners": by_key.get(category["key"], [])} for category in categories()
    ]
    return render(
        request,
        "boards/relevant_agencies.html",
        {
            "board": board,
            "groups": groups,
            "others": board.partners.filter(category="").count(),
            "schedule": schedule(),
            "can_manage": request.user.has_perm("boards.manage_board", board),
        },
    )


@login_required
def relevant_agency_edit(request, board_pk, pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    partner = get_object_or_404(board.partners.select_related("agency"), agency_id=pk)
    require_perm(request.user, "boards.manage_board", board)
    form = RelevantAgencyForm(request.POST or None, instance=partner)
    return form_page(
        request,
        form,
        title=f"{partner.agency.name} in the relevant agencies register",
        caption=board.name,
        back_url=partner.get_absolute_url(),
        done=lambda saved: f"{partner.agency.name}: register entry saved",
    )


@login_required
def findings(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "boards.read_scrutiny", board)
    return render(
        request,
        "boards/findings.html",
        {
            "board": board,
            "findings": board.findings.all(),
            "can_record": request.user.has_perm("boards.record_scrutiny", board),
        },
    )


@login_required
def finding_add(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "boards.record_scrutiny", board)
    form = ScrutinyFindingForm(request.POST or None)
    form.instance.board, form.instance.recorded_by = board, request.user
    return form_page(
        request,
        form,
        title="Record a scrutiny finding",
        caption=board.name,
        back_url=reverse("boards:findings", args=[board.pk]),
        intro="The safeguarding partner it is addressed to must answer it. Do not name children "
        "or give their initials: use case references only.",
        done=lambda finding: f"Finding “{finding.title}” recorded",
    )


@login_required
def finding(request, pk):
    finding = get_object_or_404(
        ScrutinyFinding.objects.visible_to(request.user).select_related(
            "board", "recorded_by", "responded_by"
        ),
        pk=pk,
    )
    return render(
        request,
        "boards/finding.html",
        {
            "finding": finding,
            "board": finding.board,
            "can_answer": request.user.has_perm("boards.answer_scrutiny", finding),
        },
    )


@login_required
def finding_respond(request, pk):
    finding = get_object_or_404(
        ScrutinyFinding.objects.visible_to(request.user).select_related("board"), pk=pk
    )
    require_perm(request.user, "boards.answer_scrutiny", finding)
    form = ScrutinyResponseForm(request.POST or None, instance=finding)

    def save(form):
        form.instance.responded_by = request.user
        form.instance.responded_on = timezone.localdate()
        return save_as(form, request.user)

    return form_page(
        request,
        form,
        title=f"Respond to “{finding.title}”",
        caption=finding.board.name,
        back_url=finding.get_absolute_url(),
        intro=finding.finding,
        save=save,
        done=lambda saved: "Response saved",
    )

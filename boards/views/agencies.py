"""Partner agencies: a board's list of them, searched and filtered; an agency's page; the board's
office adds, edits and removes its partners."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from core.access import require_perm, visible_or_404
from core.filters import filtered_page
from core.forms import RemoveForm
from core.history import save_as
from core.pages import form_page

from ..filters import PartnerFilter
from ..forms import AgencyForm
from ..models import Agency, Board, Role
from .boards import managed_board

PER_PAGE = 50


@login_required
def agency_list(request, pk):
    """Every partner agency of the board, a page at a time (a county board has hundreds: schools,
    GP practices, voluntary groups), searched and filtered by the query string."""
    board = visible_or_404(Board.objects, request.user, pk=pk)
    partners = board.partners.select_related("agency").order_by("agency__name", "agency_id")
    filterset = PartnerFilter(request.GET or None, queryset=partners)
    listed = filtered_page(request, filterset, PER_PAGE)
    return render(
        request,
        "boards/agency_list.html",
        {
            **listed,
            "board": board,
            "partners": listed["page_obj"].object_list,
            "can_manage": request.user.has_perm("boards.manage_board", board),
        },
    )


@login_required
def agency_detail(request, pk):
    agency = get_object_or_404(Agency.objects.visible_to(request.user), pk=pk)
    partnerships = agency.partnerships.filter(
        board__in=Board.objects.visible_to(request.user)
    ).select_related("board")
    chaired = agency.chaired_groups.filter(
        board__in=Board.objects.visible_to(request.user)
    ).select_related("board")
    return render(
        request,
        "boards/agency_detail.html",
        {
            "agency": agency,
            "partnerships": partnerships,
            "chaired": chaired,
            "managed": set(Board.objects.managed_by(request.user).values_list("pk", flat=True)),
        },
    )


def save_agency(user):
    def save(form):
        with transaction.atomic():
            agency = save_as(form, user)
            form.save_partnership(user)
        return agency

    return save


@login_required
def agency_add(request, pk):
    board = visible_or_404(Board.objects, request.user, pk=pk)
    require_perm(request.user, "boards.manage_board", board)
    form = AgencyForm(request.POST or None, board=board)
    return form_page(
        request,
        form,
        title="Add an agency",
        caption=board.name,
        back_url=board.get_absolute_url(),
        save=save_agency(request.user),
        done=lambda agency: f"{agency.name} added to {board.short_name}",
    )


@login_required
def agency_edit(request, pk, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    agency = get_object_or_404(Agency.objects.filter(boards=board), pk=pk)
    require_perm(request.user, "boards.manage_board", board)
    form = AgencyForm(request.POST or None, instance=agency, board=board)
    return form_page(
        request,
        form,
        title=f"Edit {agency.name}",
        caption=board.name,
        back_url=agency.get_absolute_url(),
        save=save_agency(request.user),
    )


@login_required
def agency_remove(request, board_pk, pk):
    """The agency stops being a partner of the board. The agency and its records stay; refused while
    any of its people are the board's agency leads for it."""
    board = managed_board(request, board_pk)
    partner = get_object_or_404(board.partners.select_related("agency"), agency_id=pk)
    agency = partner.agency
    leads = board.memberships.filter(role=Role.AGENCY_LEAD, user__agency=agency)
    form = RemoveForm(request.POST or None)
    if form.is_bound and leads.exists():
        form.add_error(
            None,
            f"{agency.name} still has agency leads at the board: remove them from the board's "
            "people first",
        )
    if form.is_valid():
        partner._history_user = request.user
        partner.delete()
        messages.success(request, f"{agency.name} is no longer a partner of {board.short_name}")
        return redirect(board.get_absolute_url() + "#agencies")
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Remove {agency.name} from the board's partner agencies?",
            "caption": board.name,
            "back_url": agency.get_absolute_url(),
            "intro": "The agency and its records (Section 11 returns, indicators, people) stay; it "
            "is no longer listed as a partner of this board. Remove its agency leads from the "
            "board's people first.",
        },
    )

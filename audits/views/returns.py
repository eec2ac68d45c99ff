"""The returns of the cycles an office runs: filtered by name, cycle, status and sector (in the query
string, so a dashboard's count links to its list), a page at a time, and decided in bulk: the returns
ticked are accepted, or returned with one comment, or every return of the filtered list waiting for a
decision is accepted at once ("accept all N"); each as if one at a time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import get_text_list

from boards.models import Board
from core.access import require_perm
from core.filters import filtered_page

from ..deciding import NotAwaiting, decide
from ..filters import ReturnFilter
from ..forms import AcceptAllForm, BulkDecisionForm
from ..models import AuditCycle, Submission, SubmissionStatus, of_boards

PER_PAGE = 50  # a cycle's hundreds of returns are accepted in one step with "accept all N"
NAMED = 5  # a decision on more returns than this is reported by their number


@login_required
def return_list(request):
    user = request.user
    require_perm(user, "audits.review_returns")
    cycles = AuditCycle.objects.filter(pk__in=of_boards(Board.objects.managed_by(user)))
    returns = (
        Submission.objects.visible_to(user)
        .filter(cycle__in=cycles)
        .select_related("agency", "cycle")
        .order_by("-cycle__opens", "cycle", "agency__name", "pk")
    )
    filterset = ReturnFilter(
        request.GET or None, queryset=returns, cycles=cycles.order_by("-opens")
    )
    waiting = filterset.qs.filter(status=SubmissionStatus.SUBMITTED)
    all_form = AcceptAllForm(request.POST if "accept_all" in request.POST else None)
    form = BulkDecisionForm(request.POST if request.POST and not all_form.is_bound else None)
    decided = None
    if form.is_valid():
        decided = decide_chosen(request, form)
    elif all_form.is_valid():
        decided = accept_all(request, all_form, waiting)
    if decided:
        return redirect(request.get_full_path())
    listed = filtered_page(request, filterset, PER_PAGE)
    page = listed["page_obj"]
    return render(
        request,
        "audits/returns.html",
        {
            **listed,
            "returns": page.object_list,
            "form": form,
            "all_form": all_form,
            "waiting": waiting.count(),
            "selected": set(form.cleaned_data.get("returns", [])) if form.is_bound else set(),
            "can_decide": any(s.status == SubmissionStatus.SUBMITTED for s in page.object_list),
        },
    )


def accept_all(request, form, waiting):
    """Accept every return of the filtered list waiting for a decision, if they are still as many
    as the office was shown; then as decide_chosen (the same checks: all or none)."""
    ids = list(waiting.values_list("pk", flat=True))
    if len(ids) != form.cleaned_data["accept_all"]:
        form.add_error(
            None,
            f"Nothing was changed: {len(ids)} returns are waiting for a decision now, not "
            f"{form.cleaned_data['accept_all']}. Check them and accept all again.",
        )
        return None
    return decide_returns(request, form, ids, accept=True, comment="", field=None)


def decide_chosen(request, form):
    """Decide the returns ticked, all or none; the returns decided, or None (the form says why)."""
    accept = form.cleaned_data["decision"] == BulkDecisionForm.ACCEPT
    return decide_returns(
        request,
        form,
        form.cleaned_data["returns"],
        accept=accept,
        comment=form.cleaned_data["comment"],
        field="returns",
    )


def decide_returns(request, form, ids, *, accept, comment, field):
    """Decide the returns `ids`, all or none; the returns decided, or None (`form` says why)."""
    chosen = Submission.objects.visible_to(request.user).filter(pk__in=ids)
    if chosen.count() != len(ids):
        raise Http404  # as one at a time: what the user may not see, they are not told exists
    try:
        decided = decide(chosen, user=request.user, accept=accept, comment=comment)
    except NotAwaiting as error:
        late = [f"{s.agency.name} ({s.get_status_display().lower()})" for s in error.submissions]
        form.add_error(
            field,
            f"Nothing was changed: {get_text_list(late, 'and')} "
            f"{'is' if len(late) == 1 else 'are'} no longer waiting for a decision. "
            "Select the returns again.",
        )
        return None
    done = "accepted" if accept else "returned for changes"
    if len(decided) <= NAMED:
        names = get_text_list([s.agency.name for s in decided], "and")
        messages.success(request, f"Returns {done}: {names}")
    else:
        messages.success(request, f"{len(decided)} returns {done}")
    return decided

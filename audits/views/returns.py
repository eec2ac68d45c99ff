"""The returns of the cycles an office runs: filtered by name, cycle, status and sector (in the query
string, so a dashboard's count links to its list), and decided in bulk: the returns waiting for a
decision are accepted, or returned with one comment, each as if one at a time."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import get_text_list

from boards.models import Board
from core.access import require_perm

from ..deciding import NotAwaiting, decide
from ..filters import ReturnFilter
from ..forms import BulkDecisionForm
from ..models import AuditCycle, Submission, SubmissionStatus, of_boards

PER_PAGE = 500  # a board's returns to one cycle fit on a page, to be decided in one step
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
    form = BulkDecisionForm(request.POST or None)
    if form.is_valid():
        decided = decide_chosen(request, form)
        if decided:
            return redirect(request.get_full_path())
    filterset = ReturnFilter(
        request.GET or None, queryset=returns, cycles=cycles.order_by("-opens")
    )
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audits/returns.html",
        {
            "filter": filterset,
            "page_obj": page,
            "returns": page.object_list,
            "filtered": bool(query),
            "page_query": query.urlencode(),
            "form": form,
            "selected": set(form.cleaned_data.get("returns", [])) if form.is_bound else set(),
            "can_decide": any(s.status == SubmissionStatus.SUBMITTED for s in page.object_list),
        },
    )


def decide_chosen(request, form):
    """Decide the returns ticked, all or none; the returns decided, or None (the form says why)."""
    ids = form.cleaned_data["returns"]
    chosen = Submission.objects.visible_to(request.user).filter(pk__in=ids)
    if chosen.count() != len(ids):
        raise Http404  # as one at a time: what the user may not see, they are not told exists
    accept = form.cleaned_data["decision"] == BulkDecisionForm.ACCEPT
    try:
        decided = decide(
            chosen, user=request.user, accept=accept, comment=form.cleaned_data["comment"]
        )
    except NotAwaiting as error:
        late = [f"{s.agency.name} ({s.get_status_display().lower()})" for s in error.submissions]
        form.add_error(
            "returns",
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

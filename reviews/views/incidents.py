"""The serious incident pipeline's pages (reviews/incidents.py): the office asks agencies for their
information for a rapid review and sets each return's due date; each agency's lead sees its own
requests and returns its information; the office records the national panel's response and the
decision on a local child safeguarding practice review; and follows every review's clocks and
returns on the monitoring page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from core.access import require_perm
from core.identity import WARNING
from core.pages import form_page
from core.versioning import saved

from .. import incident_workflow
from ..incident_forms import (
    AskAgenciesForm,
    InformationForm,
    LcsprDecisionForm,
    PanelResponseForm,
    RequestDueForm,
)
from ..incidents import InformationRequest, LcsprDecision, PanelResponse, ReturnState
from ..models import CaseReview, ReviewKind, review_boards
from ..monitoring import Category, monitoring_rows, totals


def visible_review(request, pk):
    reviews = CaseReview.objects.visible_to(request.user).select_related("board")
    return get_object_or_404(reviews, pk=pk)


def incident_review(request, pk):
    review = visible_review(request, pk)
    require_perm(request.user, "reviews.run_incident", review)
    return review


def review_section(user, review):
    """The pipeline's part of a review's page: the agencies' returns (for the office and the case
    review group only), the panel's response and the decision. None for an adults' review."""
    if review.kind == ReviewKind.SAR:
        return None
    runs = user.has_perm("reviews.run_incident", review)
    requests = []
    if runs:
        requests = list(review.information_requests.select_related("agency"))
    return {
        "runs": runs,
        "requests": requests,
        "panel": PanelResponse.objects.filter(review=review).first(),
        "decision": getattr(review, "lcspr_decision", None),
    }


@login_required
def ask_agencies(request, pk):
    review = incident_review(request, pk)
    form = AskAgenciesForm(request.POST or None, review=review)
    if form.is_valid():
        data = form.cleaned_data
        made = incident_workflow.ask(review, data["agencies"], data["due"], user=request.user)
        messages.success(
            request,
            f"{len(made)} agenc{'y' if len(made) == 1 else 'ies'} asked: their leads are told",
        )
        return redirect(review.get_absolute_url() + "#incident")
    return render(
        request,
        "reviews/incidents/ask.html",
        {"form": form, "review": review, "none_left": not form.fields["agencies"].queryset},
    )


def filtered_requests(request):
    """The requests the user sees, narrowed by ?state=, ?review= and ?board= (unknown values are
    ignored: the whole list is shown)."""
    today = timezone.localdate()
    found = InformationRequest.objects.visible_to(request.user).select_related(
        "review__board", "agency"
    )
    state = request.GET.get("state", "")
    if state in ReturnState.values:
        found = found.in_state(state, today)
    for name in ("review", "board"):
        value = request.GET.get(name, "")
        if value.isdigit():
            found = found.filter(**{"review" if name == "review" else "review__board": value})
    return found.order_by("submitted_on", "due", "review__reference", "agency__name"), state


@login_required
def request_list(request):
    """The requests the user sees: a lead's own agency's, the office's of its boards."""
    found, state = filtered_requests(request)
    return render(
        request,
        "reviews/incidents/request_list.html",
        {
            "requests": found,
            "state": ReturnState(state).label if state in ReturnState.values else "",
            "filtered": bool(request.GET),
        },
    )


def visible_request(request, pk):
    requests = InformationRequest.objects.visible_to(request.user)
    return get_object_or_404(requests.select_related("review__board", "agency"), pk=pk)


@login_required
def request_detail(request, pk):
    info = visible_request(request, pk)
    user = request.user
    return render(
        request,
        "reviews/incidents/request_detail.html",
        {
            "info": info,
            "runs": user.has_perm("reviews.run_incident", info.review),
            "submits": user.has_perm("reviews.submit_information", info),
            "reads_review": review_boards(user).filter(pk=info.review.board_id).exists(),
        },
    )


@login_required
def request_due(request, pk):
    info = visible_request(request, pk)
    require_perm(request.user, "reviews.run_incident", info.review)
    form = RequestDueForm(request.POST or None, instance=info)
    return form_page(
        request,
        form,
        title=f"Change when {info.agency.name}'s return is due",
        caption=info.review.reference,
        back_url=info.get_absolute_url(),
        done=lambda r: f"{r.agency.name}'s return is now due {r.due:%-d %B %Y}",
    )


@login_required
def request_return(request, pk):
    info = visible_request(request, pk)
    require_perm(request.user, "reviews.submit_information", info)
    form = InformationForm(request.POST or None, instance=info)
    if form.is_valid() and saved(
        form, lambda form: incident_workflow.submit(info, form, user=request.user)
    ):
        messages.success(request, f"{info.agency.name}'s information sent to the board office")
        return redirect(info)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Your agency's information for the rapid review",
            "caption": f"{info.review.reference} · {info.agency.name} · due {info.due:%-d %B %Y}",
            "back_url": info.get_absolute_url(),
            "intro": WARNING,
        },
    )


@login_required
def panel_response(request, pk):
    review = incident_review(request, pk)
    current = PanelResponse.objects.filter(review=review).first()
    form = PanelResponseForm(request.POST or None, instance=current, review=review)
    return form_page(
        request,
        form,
        title="The national panel's response",
        caption=review.reference,
        back_url=review.get_absolute_url() + "#incident",
        intro=WARNING,
        done=lambda r: f"The panel's response on {review.reference} saved",
    )


@login_required
def lcspr_decision(request, pk):
    review = incident_review(request, pk)
    current = LcsprDecision.objects.filter(review=review).first()
    form = LcsprDecisionForm(request.POST or None, instance=current, review=review)
    return form_page(
        request,
        form,
        title="Decision on a local child safeguarding practice review",
        caption=review.reference,
        back_url=review.get_absolute_url() + "#incident",
        intro="Working Together 2023: a practice review is published within 6 months of its "
        "start. " + WARNING,
        save=lambda form: incident_workflow.decide(form, user=request.user),
        done=lambda r: f"The decision on {review.reference} saved",
    )


@login_required
def monitoring(request, board_pk):
    """Per review: its clocks met, late or running (and the time), and the agencies' returns on
    time or late; with the board's counts, each a link to its list."""
    board = get_object_or_404(review_boards(request.user), pk=board_pk)
    require_perm(request.user, "reviews.run_incident", board)
    today = timezone.localdate()
    reviews = (
        CaseReview.objects.filter(board=board)
        .select_related("lcspr_decision")
        .prefetch_related("information_requests")
        .order_by("-known_date", "reference")
    )
    every = monitoring_rows(reviews, today)
    shown = request.GET.get("clock", "")
    rows = every
    if shown in Category.LABELS:
        rows = [row for row in every if any(c["state"] == shown for c in row["clocks"])]
    return render(
        request,
        "reviews/incidents/monitoring.html",
        {
            "board": board,
            "rows": rows,
            "totals": totals(every),
            "shown": Category.LABELS.get(shown, "").lower(),
            "requests_url": reverse("reviews:information_requests"),
            "today": today,
        },
    )

"""Safeguarding adults reviews: a board's SARs and their export for the national SAR library (adults
boards only), a referral recorded, and on a SAR the section 44 decision, the methodology, the library
coversheet and SCIE's quality markers. The findings, recommendations, action plan and publication are
the case review's own pages. The office and the case review group change a SAR; board readers read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from boards.models import BoardKind
from core.access import require_perm
from core.pages import form_page
from core.versioning import saved

from .. import sar_export, sar_workflow
from ..forms import ADULT_WARNING
from ..models import CaseReview, ReviewKind, review_boards
from ..sar import SarDetails, coversheet, quality_markers
from ..sar_forms import (
    QualityMarkersForm,
    SarCoversheetForm,
    SarDecisionForm,
    SarMethodologyForm,
    SarReferralForm,
)


def adults_board(request, board_pk, perm="reviews.read_review"):
    """A safeguarding adults board whose reviews the user reads (404 otherwise), if they have `perm`."""
    boards = review_boards(request.user).filter(kind=BoardKind.ADULTS)
    board = get_object_or_404(boards, pk=board_pk)
    require_perm(request.user, perm, board)
    return board


def sar_details(request, pk, perm="reviews.edit_review"):
    """The details of a visible SAR (404 for another kind of review, or before its referral)."""
    details = get_object_or_404(
        SarDetails.objects.visible_to(request.user).select_related("review__board"), review_id=pk
    )
    require_perm(request.user, perm, details.review)
    return details


@login_required
def sar_list(request, board_pk):
    board = adults_board(request, board_pk)
    reviews = (
        sar_workflow.sars_of(board).select_related("sar").order_by("-publication_date", "reference")
    )
    return render(
        request,
        "reviews/sar/sar_list.html",
        {
            "board": board,
            "reviews": reviews,
            "can_edit": request.user.has_perm("reviews.edit_review", board),
            "coversheet": coversheet(),
        },
    )


@login_required
def sar_add(request, board_pk):
    board = adults_board(request, board_pk, perm="reviews.edit_review")
    form = SarReferralForm(request.POST or None, board=board)

    def save(form):
        review = CaseReview(board=board, reference=form.cleaned_data["reference"])
        return sar_workflow.record_referral(review, form.instance, user=request.user)

    return form_page(
        request,
        form,
        title="Record a referral for a safeguarding adults review",
        caption=board.name,
        back_url=reverse("reviews:sar_list", args=[board.pk]),
        intro=ADULT_WARNING,
        save=save,
        done=lambda review: f"Referral for {review.reference} recorded",
    )


def details_page(request, form, details, title, save=None):
    return form_page(
        request,
        form,
        title=title,
        caption=details.review.reference,
        back_url=details.get_absolute_url(),
        intro=ADULT_WARNING,
        save=save,
        done=lambda saved: f"{details.review.reference}: {title.lower()} saved",
    )


@login_required
def sar_referral(request, pk):
    """The referral of a SAR; recorded here for a SAR recorded as a case review without one."""
    reviews = CaseReview.objects.visible_to(request.user).filter(kind=ReviewKind.SAR)
    review = get_object_or_404(reviews.select_related("board"), pk=pk)
    require_perm(request.user, "reviews.edit_review", review)
    details = SarDetails.objects.filter(review=review).first() or SarDetails(review=review)
    form = SarReferralForm(request.POST or None, instance=details)
    return details_page(request, form, details, "The referral")


@login_required
def sar_decision(request, pk):
    details = sar_details(request, pk)
    form = SarDecisionForm(request.POST or None, instance=details)
    return details_page(
        request,
        form,
        details,
        "The section 44 decision",
        save=lambda form: sar_workflow.decide(form.instance, user=request.user),
    )


@login_required
def sar_methodology(request, pk):
    details = sar_details(request, pk)
    form = SarMethodologyForm(request.POST or None, instance=details)
    return details_page(request, form, details, "The methodology")


@login_required
def sar_coversheet(request, pk):
    details = sar_details(request, pk)
    form = SarCoversheetForm(request.POST or None, instance=details)
    return details_page(request, form, details, "The library coversheet")


@login_required
def sar_markers(request, pk):
    details = sar_details(request, pk)
    form = QualityMarkersForm(request.POST or None, sar=details)
    save = lambda form: sar_workflow.save_markers(details, form.ratings(), user=request.user)  # noqa: E731
    if form.is_valid() and saved(form, save):
        messages.success(request, f"Quality markers of {details.review.reference} saved")
        return redirect(details.get_absolute_url().replace("#sar", "#quality-markers"))
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Quality markers",
            "caption": details.review.reference,
            "back_url": details.get_absolute_url(),
            "intro": f"Mark the review against each of the {len(quality_markers()['markers'])} "
            f"markers of {quality_markers()['source']}. Leave a marker empty until it has been "
            "considered. Notes: no names.",
        },
    )


@login_required
def sar_export_view(request, board_pk, fmt):
    """The board's published SARs with the fields of the national SAR library's coversheet."""
    board = adults_board(request, board_pk)
    return sar_export.download(board, fmt)


def section(review, user):
    """The SAR's part of its case review page (core/related.py), or None for other reviews."""
    details = SarDetails.objects.filter(review=review).first()
    if not sar_workflow.is_sar(review) and details is None:
        return None
    return {
        "review": review,
        "sar": details,
        "markers": sar_workflow.marker_rows(details) if details else [],
        "marker_source": quality_markers(),
        "can_edit": user is not None and user.has_perm("reviews.edit_review", review),
    }

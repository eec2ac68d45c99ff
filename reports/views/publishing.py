"""Publishing the annual report: a reason for each required section left empty, where it is sent
(the board's recipients, kept by its office) and when each was sent; the independent scrutineer's
statement, written by the scrutineer alone."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.forms import RemoveForm
from core.pages import form_page

from .. import annual, recipients
from ..models import AnnualReport, Publication, Recipient, Section
from ..outline import kind_outline, missing
from ..publishing_forms import PublishForm, RecipientForm, SentForm, StatementForm
from .annual_reports import managed_report


@login_required
@require_http_methods(["GET", "POST"])
def report_publish(request, pk):
    report = managed_report(request, pk)
    form = PublishForm(request.POST or None, missing=missing(report))
    if form.is_valid():
        publication = annual.publish(report, request.user, form.reasons())
        messages.success(request, f"{publication} published: it will not change")
        return redirect(publication)
    return render(
        request,
        "reports/publish.html",
        {
            "form": form,
            "title": f"Publish {report}?",
            "caption": report.board.name,
            "report": report,
            "outline_label": kind_outline(report.kind).get("label", ""),
            "recipients": recipients.for_board(report.board, request.user),
            "back_url": report.get_absolute_url(),
        },
    )


def managed_publication(request, pk):
    reports = AnnualReport.objects.visible_to(request.user)
    published = get_object_or_404(
        Publication.objects.filter(report__in=reports).select_related("report__board"), pk=pk
    )
    require_perm(request.user, "reports.manage_report", published.report)
    return published


@login_required
def publication_sent(request, pk):
    """The office records the recipients a published version was sent to, and the day."""
    published = managed_publication(request, pk)
    dispatches = list(published.dispatches.all())
    form = SentForm(request.POST or None, dispatches=dispatches)
    if form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["sent_to"]}
        with transaction.atomic():
            for dispatch in dispatches:
                if dispatch.pk in chosen:
                    dispatch.sent_on = form.cleaned_data["sent_on"]
                    dispatch.recorded_by = request.user
                    dispatch._history_user = request.user
                    dispatch.save()
        messages.success(request, f"{published}: {len(chosen)} recorded as sent")
        return redirect(published.get_absolute_url() + "#sent")
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Record where {published.report} was sent",
            "caption": f"Version {published.version}",
            "intro": "" if form.fields["sent_to"].choices else "Every recipient is recorded.",
            "back_url": published.get_absolute_url(),
        },
    )


@login_required
def statement_edit(request, pk):
    """The independent scrutineer writes the statement; nobody else may (403)."""
    sections = Section.objects.filter(
        report__in=AnnualReport.objects.visible_to(request.user)
    ).select_related("report__board")
    section = get_object_or_404(sections, pk=pk)
    require_perm(request.user, "reports.write_statement", section)
    form = StatementForm(request.POST or None, instance=section)
    return form_page(
        request,
        form,
        title=f"Write the statement: {section}",
        caption=str(section.report),
        back_url=section.get_absolute_url(),
        done=lambda saved: f"Statement in {section.report} saved",
    )


def managed_board(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "reports.manage_report", board)
    return board


@login_required
def recipient_list(request, board_pk):
    board = managed_board(request, board_pk)
    return render(
        request,
        "reports/recipients.html",
        {"board": board, "recipients": recipients.for_board(board, request.user)},
    )


@login_required
def recipient_add(request, board_pk):
    board = managed_board(request, board_pk)
    form = RecipientForm(request.POST or None, board=board)
    back = board_recipients_url(board)
    return form_page(request, form, title="Add a recipient", caption=board.name, back_url=back)


def managed_recipient(request, pk):
    recipient = visible_or_404(Recipient.objects.select_related("board"), request.user, pk=pk)
    require_perm(request.user, "reports.manage_report", recipient)
    return recipient


@login_required
def recipient_edit(request, pk):
    recipient = managed_recipient(request, pk)
    form = RecipientForm(request.POST or None, instance=recipient, board=recipient.board)
    back = recipient.get_absolute_url()
    title = f"Change {recipient}"
    return form_page(request, form, title=title, caption=recipient.board.name, back_url=back)


@login_required
def recipient_remove(request, pk):
    recipient = managed_recipient(request, pk)
    form = RemoveForm(request.POST or None)
    if form.is_valid():
        recipient._history_user = request.user
        recipient.delete()
        messages.success(request, f"{recipient} removed from the recipients")
        return redirect(recipient.get_absolute_url())
    context = {"form": form, "title": f"Remove {recipient} from the recipients?"}
    return render(
        request,
        "_form_page.html",
        {**context, "caption": recipient.board.name, "back_url": recipient.get_absolute_url()},
    )


def board_recipients_url(board):
    return Recipient(board=board).get_absolute_url()

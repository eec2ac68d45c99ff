"""The annual report: board readers read it (live, and every published version); the board's office
staff write its sections and publish it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.downloads import XLSX, attachment, csv_zip_response
from core.forms import DeleteForm
from core.page_cache import cached, feeds, models_of
from core.pages import form_page

from .. import annual, output
from ..forms import AnnualReportForm, SectionForm
from ..models import AnnualReport, Publication, Section
from ..outline import kind_outline, outline


def visible_report(request, pk):
    reports = AnnualReport.objects.visible_to(request.user).select_related("board")
    return get_object_or_404(reports, pk=pk)


def managed_report(request, pk):
    report = visible_report(request, pk)
    require_perm(request.user, "reports.manage_report", report)
    return report


@login_required
def report_list(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    reports = board.annual_reports.prefetch_related("publications")
    can_manage = request.user.has_perm("reports.manage_report", board)
    context = {"board": board, "reports": reports, "can_manage": can_manage}
    return render(request, "reports/annual_list.html", context)


@login_required
def report_add(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, "reports.manage_report", board)
    form = AnnualReportForm(request.POST or None, board=board)
    if form.is_valid():
        report = form.save(commit=False)
        report._history_user = request.user
        report.save()
        annual.start(report, request.user)
        messages.success(request, f"{report} started from the standard outline")
        return redirect(report)
    context = {"form": form, "title": "Start an annual report", "caption": board.name}
    return render(request, "_form_page.html", {**context, "back_url": board.get_absolute_url()})


@login_required
def report_edit(request, pk):
    report = managed_report(request, pk)
    form = AnnualReportForm(request.POST or None, instance=report, board=report.board)
    back = report.get_absolute_url()
    return form_page(request, form, title=f"Edit {report}", back_url=back)


# What an annual report draws on: the records of every app below reports (core.page_cache).
ANNUAL_FEEDS = feeds(
    *models_of(
        "accounts",
        "boards",
        "subgroups",
        "actions",
        "audits",
        "reviews",
        "performance",
        "datasets",
        "learning",
        "reports",
    )
)


@login_required
def report_detail(request, pk):
    """The report as it stands now, generated from live data, with its published versions. Built
    once a day for each reader while the records stay the same (core.page_cache): what a generated
    section shows depends on what the reader may read. Whether they may read the report at all is
    asked when the page is built and kept with it (as the action page's is): the boards and
    memberships that decide it are among the feeds."""
    page = cached(
        "reports:annual_page",  # a new name for a new shape: entries of "reports:annual" were text
        ANNUAL_FEEDS,
        request.user,
        [pk, timezone.localdate()],
        lambda: report_page(request, pk),
    )
    return render(request, "reports/annual_detail.html", page)


def report_page(request, pk):
    """The report page's title, back link and content, for someone who may read the report (404
    otherwise: nothing is kept)."""
    report = visible_report(request, pk)
    return {
        "title": f"{report.title}: {report.board.name}",
        "list_url": reverse("reports:annual_list", args=[report.board_id]),
        "body": report_body(request, report),
    }


def report_body(request, report):
    can_manage = request.user.has_perm("reports.manage_report", report)
    sections = list(report.sections.all())
    statements = {
        s.number: s for s in sections if request.user.has_perm("reports.write_statement", s)
    }
    return render_to_string(
        "reports/_annual_body.html",
        {
            "report": report,
            "content": annual.build(report, request.user),
            "publications": report.publications.select_related("published_by"),
            "can_manage": can_manage,
            "outline": [(item, item.link(report)) for item in outline(report, sections)],
            "outline_label": kind_outline(report.kind).get("label", ""),
            "edit_links": {s.number: s for s in sections} if can_manage else None,
            "statements": statements,
        },
        request=request,
    )


def download(content, fmt, name, request, publication=None):
    if fmt == "pdf":
        base_url = request.build_absolute_uri("/")
        body, content_type = output.pdf(content, base_url, publication), "application/pdf"
    else:
        body, content_type = output.xlsx(content), XLSX
    return attachment(body, content_type, f"{slugify(name)}.{fmt}")


@login_required
def report_output(request, pk, fmt):
    report = visible_report(request, pk)
    return download(
        annual.build(report, request.user), fmt, f"{report.board.short_name} {report}", request
    )


@login_required
def publication(request, pk, fmt):
    reports = AnnualReport.objects.visible_to(request.user)
    published = get_object_or_404(
        Publication.objects.filter(report__in=reports).select_related("report__board"), pk=pk
    )
    if fmt == "zip":  # open data: each table of the version as a CSV file
        return tables_zip(published)
    if fmt != "html":
        name = f"{published.report.board.short_name} {published} "
        return download(published.content, fmt, name, request, published)
    return render(
        request,
        "reports/publication.html",
        {
            "publication": published,
            "report": published.report,
            "content": published.content,
            "dispatches": published.dispatches.all(),
            "can_manage": request.user.has_perm("reports.manage_report", published.report),
        },
    )


def tables_zip(published):
    """A published version's tables as CSV files in a zip, one file per table, named by section."""
    files = [(t["file_name"], [t["head"], *t["rows"]]) for t in output.tables(published.content)]
    name = slugify(f"{published.report.board.short_name} {published} tables")
    return csv_zip_response(files or [("no-tables", [["No tables"]])], name)


def managed_section(request, pk):
    sections = Section.objects.filter(
        report__in=AnnualReport.objects.visible_to(request.user)
    ).select_related("report__board")
    section = get_object_or_404(sections, pk=pk)
    require_perm(request.user, "reports.manage_report", section.report)
    return section


@login_required
def section_add(request, pk):
    report = managed_report(request, pk)
    requirement = request.GET.get("requirement", "")
    form = SectionForm(
        request.POST or None, request.FILES or None, report=report, requirement=requirement
    )
    back = report.get_absolute_url()
    return form_page(request, form, title="Add a section", caption=str(report), back_url=back)


@login_required
def section_edit(request, pk):
    section = managed_section(request, pk)
    form = SectionForm(
        request.POST or None, request.FILES or None, instance=section, report=section.report
    )
    back = section.get_absolute_url()
    caption = str(section.report)
    return form_page(request, form, title=f"Edit {section}", caption=caption, back_url=back)


@login_required
def section_delete(request, pk):
    section = managed_section(request, pk)
    form = DeleteForm(request.POST or None)
    if form.is_valid():
        section._history_user = request.user
        section.delete()
        messages.success(request, f"Section {section} deleted")
        return redirect(section.report)
    context = {"form": form, "title": f"Delete section {section}?", "caption": str(section.report)}
    return render(request, "_form_page.html", {**context, "back_url": section.get_absolute_url()})

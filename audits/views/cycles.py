"""Section 11 audit cycles: the list, a cycle's page, its compliance report and export; office staff
add and edit cycles."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from boards.models import Agency
from core.access import require_perm
from core.downloads import spreadsheet_response
from core.filters import filtered_page
from core.page_cache import cached, feeds
from core.pages import form_page

from ..compliance import FEWER, by_sector, compliance, report_rows, statutory_partners
from ..filters import ExpectedFilter, expected_counts
from ..forms import CycleForm
from ..models import Answer, AuditCycle, Criterion, Framework, Standard, StandardResult, Submission
from ..submitting import announce_cycle

PER_PAGE = 50  # of a cycle's agencies expected: a county's cycle expects hundreds


@login_required
def cycle_list(request):
    cycles = AuditCycle.objects.visible_to(request.user).select_related("framework")
    today = timezone.localdate()
    open_ids = set(cycles.open(today).values_list("pk", flat=True))
    rows = [(cycle, cycle.pk in open_ids, cycle.opens > today) for cycle in cycles]
    can_add = request.user.has_perm("audits.add_cycle")
    return render(request, "audits/cycle_list.html", {"cycles": rows, "can_add": can_add})


@login_required
def cycle_add(request):
    require_perm(request.user, "audits.add_cycle")
    form = CycleForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        title="Add an audit cycle",
        back_url=reverse("audits:cycles"),
        save=lambda form: saved_and_announced(form, request.user),
    )


@login_required
def cycle_edit(request, pk):
    cycle = get_object_or_404(AuditCycle.objects.visible_to(request.user), pk=pk)
    require_perm(request.user, "audits.manage_cycle", cycle)
    form = CycleForm(request.POST or None, instance=cycle, user=request.user)
    return form_page(
        request,
        form,
        title=f"Edit {cycle.name}",
        back_url=cycle.get_absolute_url(),
        save=lambda form: saved_and_announced(form, request.user),
    )


def saved_and_announced(form, user):
    cycle = form.save(user)
    announce_cycle(cycle)
    return cycle


@login_required
def cycle_detail(request, pk):
    cycle = get_object_or_404(
        AuditCycle.objects.visible_to(request.user).select_related("framework", "plan"), pk=pk
    )
    is_office = request.user.has_perm("audits.manage_cycle", cycle)
    own = None
    if request.user.agency_id:
        own = (
            Submission.objects.visible_to(request.user)
            .filter(cycle=cycle, agency=request.user.agency)
            .first()
        )
    rows, expected, counts, listed = [], None, [], {}
    if is_office:
        expected = ExpectedFilter(
            request.GET or None, queryset=cycle.expected.order_by("name", "pk"), cycle=cycle
        )
        listed = filtered_page(request, expected, PER_PAGE)
        page = listed["page_obj"]
        submissions = {
            s.agency_id: s for s in cycle.submissions.filter(agency__in=list(page.object_list))
        }
        rows = [(agency, submissions.get(agency.pk)) for agency in page.object_list]
        counts = expected_counts(cycle)
    return render(
        request,
        "audits/cycle_detail.html",
        {
            **listed,
            "cycle": cycle,
            "is_office": is_office,
            "rows": rows,
            "expected": expected,
            "counts": counts,
            "own": own,
            "can_start": request.user.has_perm("audits.start_submission", cycle),
        },
    )


# The tables the compliance report is counted from (core.page_cache): the cycles, their frameworks,
# the returns with their answers and results, and the agencies' sectors.
REPORT_FEEDS = feeds(
    AuditCycle,
    Framework,
    Standard,
    Criterion,
    Criterion.replaces.through,
    Submission,
    Answer,
    StandardResult,
    Agency,
)


@login_required
def cycle_report(request, pk):
    """The compliance report: what the board sees of the returns (totals only, never one return).
    The same for everyone who may see the cycle, so counted once while the returns stay the same
    (core.page_cache), under the cycle's results token too (audits.models.results_changed)."""
    cycle = get_object_or_404(
        AuditCycle.objects.visible_to(request.user).select_related("framework", "previous"), pk=pk
    )
    previous = cycle.previous.results_token if cycle.previous_id else None
    body = cached(
        "audits:report",
        REPORT_FEEDS,
        None,  # totals only: nothing in it depends on who reads it
        [cycle.pk, cycle.results_token, previous],
        lambda: render_to_string(
            "audits/_report_body.html",
            {
                "cycle": cycle,
                "report": compliance(cycle),
                "by_sector": by_sector(cycle),
                "statutory": statutory_partners(cycle),
                "fewer": FEWER,
            },
        ),
    )
    return render(request, "audits/report.html", {"cycle": cycle, "body": body})


@login_required
def cycle_report_export(request, pk, fmt):
    cycle = get_object_or_404(
        AuditCycle.objects.visible_to(request.user).select_related("framework"), pk=pk
    )
    rows = report_rows(compliance(cycle), by_sector(cycle), statutory_partners(cycle))
    name = slugify(f"{cycle.name} compliance")
    return spreadsheet_response(rows, fmt, name, title="Compliance")

"""The training programme in figures: attendance by level, agency and sector year on year (each count
links to its list), the evaluations and the link attendees answer them through, and e-learning
completions with their import. Counts are for the board's people; names only for the office and,
for their own staff, agency leads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from boards.models import Board, Sector
from core.access import require_perm, visible_or_404
from core.pages import form_page
from core.spreadsheets import TableRefused, read_table

from .. import answering, counting, elearning, evaluating
from ..models import (
    AttendanceFigure,
    Booking,
    ElearningDepartment,
    Level,
    Stage,
    financial_year,
    year_label,
    year_range,
)
from ..training_forms import DepartmentForm, ElearningImportForm, EvaluationForm
from .training import managed_board

BY = {"level": "level", "agency": "agency", "sector": "sector"}
CAPTIONS = {"level": "Attendees by level", "agency": "Attendees by agency", "sector": "By sector"}


@login_required
def counts(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    can_list = request.user.has_perm("learning.list_attendees", board)
    tables = []
    for by in ("level", "agency", "sector"):
        years, rows = counting.rows(board, by)
        link = reverse("learning:attendees", args=[board.pk])
        tables.append(
            {
                "caption": CAPTIONS[by],
                "by": by,
                "years": [(y, year_label(y)) for y in years],
                "rows": [
                    (
                        row.label,
                        [
                            (
                                row.count(y),
                                f"{link}?{urlencode({'year': y, by: row.key})}"
                                if can_list and row.count(y)
                                else "",
                            )
                            for y in years
                        ],
                    )
                    for row in rows
                ],
                "totals": [sum(r.count(y) for r in rows) for y in years],
            }
        )
    return render(
        request,
        "learning/training/counts.html",
        {"board": board, "tables": tables, "can_list": can_list},
    )


def attendee_filters(request):
    """The list's filters from the query: year, and level, agency or sector ("none": not recorded)."""
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = financial_year(timezone.localdate())
    chosen = {by: request.GET[by] for by in BY if request.GET.get(by)}
    return year, chosen


@login_required
def attendees(request, board_pk):
    """The attendees behind a count: bookings by name (the office: all; a lead: their agency's), and
    the totals held only as totals."""
    board = managed_board(request, board_pk, perm="learning.list_attendees")
    year, chosen = attendee_filters(request)
    bookings = (
        Booking.objects.visible_to(request.user)
        .filter(session__course__board=board)
        .attended()
        .filter(session__date__range=year_range(year))
        .select_related("session__course", "agency")
        .order_by("session__date", "name")
    )
    figures = AttendanceFigure.objects.filter(board=board, year=year).select_related("course")
    if "level" in chosen:
        level = chosen["level"]
        bookings = bookings.filter(session__course__level="" if level == "none" else level)
        figures = [f for f in figures if counting.figure_key(f, "level") == level]
    for by, field in (("agency", "agency_id"), ("sector", "agency__sector")):
        if by in chosen:
            bookings = (
                bookings.filter(**{field: chosen[by]}) if chosen[by] != "none" else bookings.none()
            )
            figures = [f for f in figures if chosen[by] == "none"]
    described = []
    if "level" in chosen:
        described.append(dict(Level.choices).get(chosen["level"], counting.NOT_RECORDED))
    if "sector" in chosen:
        described.append(dict(Sector.choices).get(chosen["sector"], counting.NOT_RECORDED))
    if "agency" in chosen:
        agency = (
            board.agencies.filter(pk=chosen["agency"]).first()
            if chosen["agency"].isdigit()
            else None
        )
        described.append(agency.name if agency else counting.NOT_RECORDED)
    page = Paginator(bookings, 200).get_page(request.GET.get("page"))
    return render(
        request,
        "learning/training/attendees.html",
        {
            "board": board,
            "year": year_label(year),
            "described": ", ".join(described),
            "page_obj": page,
            "figures": list(figures),
            "query": urlencode({k: v for k, v in request.GET.items() if k != "page"}),
        },
    )


@login_required
def evaluations(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    years, courses, levels = evaluating.results(board)
    can_manage = request.user.has_perm("learning.manage_training", board)

    def table(caption, results):
        return {
            "caption": caption,
            "rows": [
                (
                    r.label,
                    [(r.answers(y, s), r.average(y, s)) for y in years for s in Stage],
                )
                for r in results
            ],
        }

    return render(
        request,
        "learning/training/evaluations.html",
        {
            "board": board,
            "years": [(y, year_label(y)) for y in years],
            "stages": list(Stage),
            "tables": [table("By level", levels), table("By course", courses)],
            "changed": evaluating.what_changed(board)[:100] if can_manage else None,
        },
    )


def evaluate(request, token):
    """An attendee's evaluation, through the link they were sent: no account needed, so it is
    rate-limited as the survey's answers are (learning/answering.py)."""
    found = evaluating.booking_of(token)
    if found is None:
        raise Http404
    booking, stage = found
    today = timezone.localdate()
    state = evaluating.state(booking, stage, today)
    form = EvaluationForm(request.POST or None) if state == "open" else None
    refused = ""
    if form is not None and request.method == "POST":
        if answering.over_limit(request, booking):
            refused = answering.TOO_MANY
        elif form.is_valid():
            answering.count_answer(request, booking)
            evaluating.answer(booking, stage, **form.cleaned_data)
            return redirect("learning:evaluate", token=token)
    return render(
        request,
        "learning/training/evaluate.html",
        {
            "form": form,
            "state": state,
            "stage": Stage(stage),
            "course": booking.session.course,
            "session": booking.session,
            "opens": evaluating.opens(booking, stage),
            "refused": refused,
        },
        status=429 if refused else 200,
    )


@login_required
def elearning_view(request, board_pk):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    years, departments, totals = elearning.by_department(board)
    rows = [
        (
            department,
            [
                (figures[y][0], figures[y][1], elearning.rate(*figures[y]))
                if y in figures
                else None
                for y in years
            ],
        )
        for department, figures in departments
    ]
    return render(
        request,
        "learning/training/elearning.html",
        {
            "board": board,
            "years": [year_label(y) for y in years],
            "rows": rows,
            "totals": [(*totals[y], elearning.rate(*totals[y])) for y in years],
            "can_manage": request.user.has_perm("learning.manage_training", board),
        },
    )


@login_required
def elearning_import(request, board_pk):
    board = managed_board(request, board_pk)
    form = ElearningImportForm(request.POST or None, request.FILES or None)
    errors = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = read_table(upload.name, upload.read(), "departments")
        except TableRefused as refused:
            table, errors = None, refused.errors
        except Exception:  # a file that is not what it says it is
            table, errors = None, [(1, "The file could not be read: save it as CSV or .xlsx")]
        if table is not None:
            rows, errors = elearning.parse(table)
            if not errors:
                year = form.cleaned_data["year"]
                elearning.import_rows(board, year, rows, user=request.user, file_name=upload.name)
                messages.success(
                    request, f"{len(rows)} departments imported for {year_label(year)}"
                )
                return redirect("learning:elearning", board_pk=board.pk)
    return render(
        request,
        "_import_page.html",
        {
            "form": form,
            "errors": errors,
            "title": "Import e-learning completions",
            "caption": board.name,
            "back_url": reverse("learning:elearning", args=[board.pk]),
        },
    )


@login_required
def department_edit(request, pk):
    department = visible_or_404(
        ElearningDepartment.objects.select_related("board"), request.user, pk=pk
    )
    require_perm(request.user, "learning.manage_training", department.board)
    form = DepartmentForm(request.POST or None, instance=department)
    return form_page(
        request,
        form,
        title=f"Map {department.name}",
        caption="E-learning department",
        back_url=reverse("learning:elearning", args=[department.board_id]),
        intro="Which of the board's agencies or sectors the provider's department is.",
        done=lambda d: f"{d.name} mapped",
    )

"""The training programme: courses and their sessions, the trainer pool, booking places, the waiting
list and attendance. Board people see the programme; the office runs it; agency leads book their
own staff; attendees' names are seen by the office and by each agency's lead for their own staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from boards.models import Board
from core.access import require_perm, visible_or_404
from core.forms import RemoveForm
from core.history import save_as
from core.pages import form_page
from core.versioning import saved

from .. import booking as booking_flow
from ..models import Booking, BookingStatus, Course, Session, Stage, Trainer, training_boards
from ..training_forms import (
    NOT_A_CHILD,
    AttendanceForm,
    BookingForm,
    CourseForm,
    SessionForm,
    TrainerForm,
)


class CancelForm(RemoveForm):
    submit_label = "Yes, cancel the booking"


def managed_board(request, board_pk, perm="learning.manage_training"):
    board = visible_or_404(Board.objects, request.user, pk=board_pk)
    require_perm(request.user, perm, board)
    return board


def visible_session(request, pk):
    sessions = Session.objects.visible_to(request.user).select_related("course__board")
    return get_object_or_404(sessions, pk=pk)


@login_required
def index(request):
    boards = list(training_boards(request.user).order_by("name"))
    courses = Course.objects.filter(board__in=boards).prefetch_related("sessions", "themes")
    programmes = [
        (
            board,
            [c for c in courses if c.board_id == board.pk],
            request.user.has_perm("learning.manage_training", board),
        )
        for board in boards
    ]
    return render(request, "learning/training/index.html", {"programmes": programmes})


@login_required
def course(request, pk):
    course = visible_or_404(Course.objects.select_related("board"), request.user, pk=pk)
    sessions = course.sessions.prefetch_related("trainers", "bookings")
    return render(
        request,
        "learning/training/course.html",
        {
            "course": course,
            "sessions": sessions,
            "themes": course.themes.all(),
            "reviews": course.reviews.all(),
            "audits": course.audits.all(),
            "can_manage": request.user.has_perm("learning.manage_training", course.board),
        },
    )


@login_required
def course_add(request, board_pk):
    board = managed_board(request, board_pk)
    form = CourseForm(request.POST or None, board=board)
    return form_page(
        request,
        form,
        title="Add a course",
        caption=board.name,
        back_url=reverse("learning:index"),
        done=lambda c: f"{c.title} added: add its sessions",
    )


def managed_course(request, pk):
    course = visible_or_404(Course.objects.select_related("board"), request.user, pk=pk)
    require_perm(request.user, "learning.manage_training", course.board)
    return course


@login_required
def course_edit(request, pk):
    course = managed_course(request, pk)
    form = CourseForm(request.POST or None, instance=course, board=course.board)
    return form_page(
        request, form, title=f"Edit {course.title}", back_url=course.get_absolute_url()
    )


@login_required
def session_add(request, pk):
    course = managed_course(request, pk)
    form = SessionForm(request.POST or None, course=course)
    return form_page(
        request,
        form,
        title="Add a session",
        caption=course.title,
        back_url=course.get_absolute_url(),
        done=lambda s: f"Session on {s.date:%-d %B %Y} added",
    )


def managed_session(request, pk):
    session = visible_session(request, pk)
    require_perm(request.user, "learning.manage_training", session.course.board)
    return session


@login_required
def session_edit(request, pk):
    session = managed_session(request, pk)
    form = SessionForm(request.POST or None, instance=session, course=session.course)

    def save(form):
        saved_session = save_as(form, request.user)
        promoted = booking_flow.fill_places(saved_session, user=request.user)
        if promoted:
            messages.info(request, f"{len(promoted)} waiting given a place")
        return saved_session

    return form_page(
        request,
        form,
        title="Edit the session",
        caption=session.course.title,
        back_url=session.get_absolute_url(),
        save=save,
        done=lambda s: "Session saved",
    )


@login_required
def session(request, pk):
    session = visible_session(request, pk)
    board = session.course.board
    bookings = list(
        Booking.objects.visible_to(request.user).filter(session=session).select_related("agency")
    )
    places = session.bookings.filter(status=BookingStatus.BOOKED).count()
    waiting = session.bookings.filter(status=BookingStatus.WAITING).count()
    can_manage = request.user.has_perm("learning.manage_training", board)
    links = []
    if can_manage:
        links = [
            (
                b,
                stage.label,
                request.build_absolute_uri(reverse("learning:evaluate", args=[b.token(stage)])),
            )
            for b in bookings
            if b.attended
            for stage in Stage
        ]
    return render(
        request,
        "learning/training/session.html",
        {
            "session": session,
            "booked": [b for b in bookings if b.status == BookingStatus.BOOKED],
            "waiting_list": [b for b in bookings if b.status == BookingStatus.WAITING],
            "places": places,
            "waiting": waiting,
            "free": max(session.capacity - places, 0),
            "can_book": request.user.has_perm("learning.book", board),
            "can_manage": can_manage,
            "links": links,
            "trainers": session.trainers.all(),
        },
    )


@login_required
def book(request, pk):
    session = visible_session(request, pk)
    board = session.course.board
    require_perm(request.user, "learning.book", board)
    office = request.user.has_perm("learning.manage_training", board)
    agency = None if office else request.user.agency
    form = BookingForm(request.POST or None, session=session, agency=agency)
    if form.is_valid():
        data = form.cleaned_data
        booking = booking_flow.book(
            session,
            name=data["name"],
            job_role=data["job_role"],
            agency=data["agency"],
            email=data["email"],
            user=request.user,
        )
        where = "a place" if booking.status == BookingStatus.BOOKED else "the waiting list"
        messages.success(request, f"{booking.name} has {where}")
        return redirect(session)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Book a place",
            "caption": str(session),
            "back_url": session.get_absolute_url(),
            "intro": NOT_A_CHILD
            + " When the session is full, the booking goes on the waiting list.",
        },
    )


@login_required
def booking_cancel(request, pk):
    booking = visible_or_404(
        Booking.objects.select_related("session__course__board", "agency"), request.user, pk=pk
    )
    require_perm(request.user, "learning.cancel_booking", booking)
    form = CancelForm(request.POST or None)
    if request.method == "POST":  # a confirmation: nothing to fill in
        promoted = booking_flow.cancel(booking, user=request.user)
        messages.success(
            request,
            f"{booking.name}'s booking cancelled"
            + (f"; {promoted[0].name} now has the place" if promoted else ""),
        )
        return redirect(booking.session)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": f"Cancel {booking.name}'s booking?",
            "caption": str(booking.session),
            "back_url": booking.session.get_absolute_url(),
            "intro": "A freed place goes to the first person on the waiting list.",
        },
    )


@login_required
def attendance(request, pk):
    session = managed_session(request, pk)
    form = AttendanceForm(request.POST or None, session=session)

    def save(form):
        return booking_flow.mark_attendance(form.marks(), user=request.user)

    if form.is_valid() and saved(form, save):
        messages.success(request, "Attendance saved")
        return redirect(session)
    return render(
        request,
        "_form_page.html",
        {
            "form": form,
            "title": "Mark attendance",
            "caption": str(session),
            "back_url": session.get_absolute_url(),
            "intro": "Mark each booked place. Attendees are counted in the board's figures; "
            "their names never are.",
        },
    )


@login_required
def trainers(request, board_pk):
    board = managed_board(request, board_pk)
    pool = Trainer.objects.filter(board=board).select_related("agency").prefetch_related("sessions")
    return render(request, "learning/training/trainers.html", {"board": board, "trainers": pool})


@login_required
def trainer_add(request, board_pk):
    board = managed_board(request, board_pk)
    form = TrainerForm(request.POST or None, board=board)
    return form_page(
        request,
        form,
        title="Add a trainer to the pool",
        caption=board.name,
        back_url=reverse("learning:trainers", args=[board.pk]),
        done=lambda t: f"{t.name} added to the pool",
    )


@login_required
def trainer_edit(request, pk):
    trainer = visible_or_404(Trainer.objects.select_related("board"), request.user, pk=pk)
    require_perm(request.user, "learning.manage_training", trainer.board)
    form = TrainerForm(request.POST or None, instance=trainer, board=trainer.board)
    return form_page(
        request,
        form,
        title=f"Edit {trainer.name}",
        back_url=reverse("learning:trainers", args=[trainer.board_id]),
    )

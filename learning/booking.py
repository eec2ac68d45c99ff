"""Booking places on a session: a place while there is one, else the waiting list; a cancelled place
goes to the first person waiting; attendance marked per session; attendees' details removed when
they are no longer kept (RETENTION_YEARS). The acting user is passed in and recorded."""

import datetime

from django.db import transaction

from .models import RETENTION_YEARS, Booking, BookingStatus, Session, financial_year


def locked(session):
    return Session.objects.select_for_update().get(pk=session.pk)


def booked_count(session):
    return session.bookings.filter(status=BookingStatus.BOOKED).count()


def save(booking, user):
    booking._history_user = user
    booking.save()
    return booking


@transaction.atomic
def book(session, *, name, job_role, agency, email="", user):
    """A place, or a place on the waiting list when the session is full."""
    session = locked(session)
    full = booked_count(session) >= session.capacity
    booking = Booking(
        session=session,
        name=name.strip(),
        job_role=job_role.strip(),
        agency=agency,
        email=email,
        status=BookingStatus.WAITING if full else BookingStatus.BOOKED,
        booked_by=user,
    )
    return save(booking, user)


@transaction.atomic
def fill_places(session, *, user):
    """Give free places to those waiting, first come first served; the promoted bookings."""
    session = locked(session)
    free = session.capacity - booked_count(session)
    promoted = []
    if free > 0:
        for booking in session.bookings.filter(status=BookingStatus.WAITING)[:free]:
            booking.status = BookingStatus.BOOKED
            promoted.append(save(booking, user))
    return promoted


@transaction.atomic
def cancel(booking, *, user):
    """Cancel a place (or a place on the waiting list); the first person waiting gets a freed place."""
    locked(booking.session)
    booking.refresh_from_db()
    if booking.status == BookingStatus.CANCELLED:
        return []
    booking.status, booking.attended = BookingStatus.CANCELLED, None
    save(booking, user)
    return fill_places(booking.session, user=user)


@transaction.atomic
def mark_attendance(marks, *, user):
    """`marks`: {booking: True, False or None (not marked)}; only changed ones are saved."""
    changed = 0
    for booking, attended in marks.items():
        if booking.attended != attended:
            booking.attended = attended
            save(booking, user)
            changed += 1
    return changed


def kept_from(today):
    """The first day whose sessions' attendees are still kept by name."""
    return datetime.date(financial_year(today) - RETENTION_YEARS, 4, 1)


@transaction.atomic
def forget_attendees(today, *, user=None):
    """Remove the name, job role and email of attendees of sessions before `kept_from(today)`; their
    agency, attendance and evaluations stay, so the counts do not change. How many were removed."""
    old = list(Booking.objects.filter(session__date__lt=kept_from(today), forgotten=False))
    for booking in old:
        booking.name, booking.job_role, booking.email = "Removed", "", ""
        booking.forgotten = True
        save(booking, user)
    # The audit trail keeps that a booking was made and changed, not who it was for.
    Booking.history.filter(id__in=[b.pk for b in old]).update(name="Removed", job_role="", email="")
    return len(old)

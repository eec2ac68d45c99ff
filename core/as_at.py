"""The date a page's figures are as at, read from its address (`?as_at=YYYY-MM-DD`): every report,
dashboard and export that takes one reads it here, so a bad date gets the same clear message."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_filters import ChoiceFilter
from django_filters import fields as filter_fields

PARAMETER = "as_at"
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
FORMAT_MESSAGE = "Enter the date the figures are as at as year-month-day, for example 2017-03-31"


def parse(text):
    """The date `text` names (YYYY-MM-DD), None if empty; ValidationError with a clear message if it
    is not a real date."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        raise ValidationError(f"{text[:20]} is not a real date. {FORMAT_MESSAGE}") from None
    if day is None:
        raise ValidationError(FORMAT_MESSAGE)
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(f"Enter a date between {EARLIEST.year} and {LATEST.year}")
    return day


def from_query(query):
    """(the date asked for in `query` (request.GET) or None, the error message or "")."""
    try:
        return parse(query.get(PARAMETER)), ""
    except ValidationError as error:
        return None, error.messages[0]


def end_of(day):
    """The first moment after `day` ends, in the board's time zone: "as at" a day includes it."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def existing(history, day):
    """Of a model's history (`Model.history`, filtered as wanted), the records that existed at the
    end of `day`, each as its latest version then left it (a record deleted by then is left out).
    Historical rows: their fields are the record's values then; `.instance` gives the model."""
    return history.filter(history_date__lt=end_of(day)).latest_of_each().exclude(history_type="-")


class AsAtField(filter_fields.ChoiceField):
    """A select of dates to pick from (a board's period ends, a plan's update deadlines) that also
    takes any other date written into the address (`?as_at=YYYY-MM-DD`); a date that is not a real
    one is refused with a clear message. Cleans to a date, or None."""

    def to_python(self, value):
        return parse(value)

    def validate(self, value):
        pass  # any real date will do, not only the listed ones


class AsAtFilter(ChoiceFilter):
    """The filter of a page's date (its `method` leaves the rows alone: the view computes them)."""

    field_class = AsAtField


def choices(days, data, describe=None):
    """The select's options: `days` (latest first), with the date asked for in `data` listed too if
    it is not one of them, so the select shows what the page shows."""
    days = list(days)
    try:
        asked = parse(data.get(PARAMETER)) if data else None
    except ValidationError:
        asked = None
    if asked and asked not in days:
        days = sorted([*days, asked], reverse=True)
    describe = describe or {}
    return [(day.isoformat(), describe.get(day, f"{day:%-d %B %Y}")) for day in days]

"""The training programme's forms: courses, sessions, the trainer pool, bookings, attendance,
evaluations, the e-learning import and its departments' mapping."""

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.utils import timezone

from audits.models import QualityAudit
from boards.models import Agency
from core.forms import GdsFormMixin
from core.uploads import SpreadsheetField
from core.versioning import VersionGuardMixin
from reviews.models import CaseReview

from .models import (
    Booking,
    BookingStatus,
    Confidence,
    Course,
    ElearningDepartment,
    Session,
    Trainer,
    financial_year,
    year_label,
)

NOT_A_CHILD = (
    "Attendees are professionals. Never enter a child's or family member's name or initials here."
)


def partner_agencies(board):
    return Agency.objects.filter(partnerships__board=board).order_by("name")


class CourseForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = ["title", "level", "description", "themes", "reviews", "audits"]
        widgets = {
            "level": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "reviews": forms.CheckboxSelectMultiple,
            "audits": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["themes"].queryset = board.learning_themes.all()
        self.fields["reviews"].queryset = CaseReview.objects.filter(board=board).order_by(
            "reference"
        )
        self.fields["reviews"].help_text = "The case reviews whose learning the course teaches."
        self.fields["audits"].queryset = QualityAudit.objects.filter(board=board).order_by(
            "-planned_month", "theme"
        )
        self.fields[
            "audits"
        ].help_text = "The multi-agency quality audits whose findings the course answers."
        self.helper.layout = Layout(
            Field.text("title"),
            Field.radios("level", legend_size="s", small=True),
            Field.textarea("description", rows=4),
            Field.checkboxes("themes", legend_size="s", small=True),
            Field.checkboxes("reviews", legend_size="s", small=True),
            Field.checkboxes("audits", legend_size="s", small=True),
        )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        board = self.instance.board
        if board.courses.filter(title__iexact=title).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The board already has a course with this title")
        return title


class SessionForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    date = DateInputField(label="Date")

    class Meta:
        model = Session
        fields = ["date", "online", "place", "capacity", "trainers"]
        widgets = {"trainers": forms.CheckboxSelectMultiple}
        labels = {"online": "Online", "capacity": "Places"}

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.course = course
        self.fields["trainers"].queryset = Trainer.objects.filter(
            board=course.board, active=True
        ) | Trainer.objects.filter(pk__in=self.instance.trainers.all() if self.instance.pk else [])
        self.fields["trainers"].help_text = "From the board's pool of volunteer trainers."
        self.helper.layout = Layout(
            Field("date"),
            Field("online"),
            Field.text("place"),
            Field.text("capacity", field_width=3),
            Field.checkboxes("trainers", legend_size="s", small=True),
        )

    def clean(self):
        data = super().clean()
        if not data.get("online") and not (data.get("place") or "").strip():
            self.add_error("place", "Enter the place, or tick Online")
        capacity = data.get("capacity")
        if self.instance.pk and capacity is not None:
            booked = self.instance.bookings.filter(status=BookingStatus.BOOKED).count()
            if capacity < booked:
                self.add_error(
                    "capacity", f"{booked} places are booked: cancel bookings before reducing it"
                )
        return data


class TrainerForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = Trainer
        fields = ["name", "agency", "active"]

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["agency"].queryset = partner_agencies(board)
        self.fields["agency"].help_text = "The agency they work for, or that volunteers them."


class BookingForm(GdsFormMixin, forms.Form):
    """A place booked for one person. An agency lead books their own agency's staff; the office
    records anyone from the board's partner agencies."""

    submit_label = "Book the place"

    name = forms.CharField(label="Attendee's name", max_length=200, help_text=NOT_A_CHILD)
    job_role = forms.CharField(label="Job role", max_length=200)
    agency = forms.ModelChoiceField(queryset=Agency.objects.none(), label="Agency")
    email = forms.EmailField(
        label="Work email (optional)",
        required=False,
        help_text="To send the evaluation links to.",
    )

    def __init__(self, *args, session, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        if agency is not None:  # an agency lead: their own agency
            del self.fields["agency"]
            self.fixed_agency = agency
        else:
            self.fixed_agency = None
            self.fields["agency"].queryset = partner_agencies(session.course.board)

    def clean(self):
        data = super().clean()
        if self.fixed_agency is not None:
            data["agency"] = self.fixed_agency
        name = (data.get("name") or "").strip()
        if (
            name
            and self.session.bookings.filter(name__iexact=name, agency=data.get("agency"))
            .exclude(status=BookingStatus.CANCELLED)
            .exists()
        ):
            self.add_error("name", "This person already has a place or is waiting for one")
        return data


ATTENDANCE_CHOICES = [("", "Not marked"), ("yes", "Attended"), ("no", "Did not attend")]


def mark_of(attended):
    return "" if attended is None else "yes" if attended else "no"


class AttendanceForm(VersionGuardMixin, GdsFormMixin, forms.Form):
    """Attendance at a session: one choice per booked place."""

    submit_label = "Save attendance"

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.guarded = session  # the guard locks the session, compares its bookings' marks
        self.guarded_history = Booking.history.filter(session_id=session.pk)
        self.bookings = list(
            session.bookings.filter(status=BookingStatus.BOOKED).select_related("agency")
        )
        for booking in self.bookings:
            self.fields[f"attended_{booking.pk}"] = forms.ChoiceField(
                label=f"{booking.name}, {booking.job_role} ({booking.agency})",
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=mark_of(booking.attended),
                widget=forms.RadioSelect,
            )
        self.helper.layout = Layout(
            *(
                Field.radios(f"attended_{b.pk}", legend_size="s", small=True, inline=True)
                for b in self.bookings
            )
        )

    def marks(self):
        """{booking: True, False or None} as the form says."""
        value = {"yes": True, "no": False, "": None}
        return {b: value[self.cleaned_data.get(f"attended_{b.pk}", "")] for b in self.bookings}


class EvaluationForm(GdsFormMixin, forms.Form):
    submit_label = "Send your answers"

    confidence = forms.TypedChoiceField(
        label="How confident are you now in applying what the session covered?",
        choices=Confidence.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    changed = forms.CharField(
        label="What has changed in your practice?",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Do not name children, families or colleagues.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("confidence", legend_size="m"), Field.textarea("changed", rows=5)
        )


def year_choices(today=None, back=15):
    this = financial_year(today or timezone.localdate())
    return [(str(y), year_label(y)) for y in range(this, this - back, -1)]


class ElearningImportForm(GdsFormMixin, forms.Form):
    submit_label = "Check and import"

    year = forms.TypedChoiceField(label="Financial year", choices=[], coerce=int)
    file = SpreadsheetField(
        label="The provider's export (CSV or Excel .xlsx)",
        help_text="Columns Department, Passed and Total (or Allocated), in any order. Every row is "
        "checked first; if any row has a problem, nothing is imported. Importing a year again "
        "replaces that year's figures.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()


class DepartmentForm(VersionGuardMixin, GdsFormMixin, forms.ModelForm):
    class Meta:
        model = ElearningDepartment
        fields = ["agency", "sector"]
        help_texts = {
            "agency": "The board's partner agency this department is, if it is one.",
            "sector": "Otherwise, the sector it belongs to.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = partner_agencies(self.instance.board)

"""The multi-agency training programme: courses and their sessions, the trainer pool, bookings (with
the waiting list and attendance), evaluations, totals the board holds only as totals, and e-learning
completions imported from the provider's export.

Attendees are professionals, never children: a booking keeps their name, job role, agency and an
optional work email, for as long as the privacy page says (RETENTION_YEARS); reports count them."""

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import Agency, Board, BoardMembership, ImportBatch, LearningTheme, Role, Sector
from core.years import financial_year, year_label, year_range

__all__ = [
    "ANSWERS",
    "EVALUATION_SALT",
    "RETENTION_YEARS",
    "STAGE_OPENS",
    "AttendanceFigure",
    "Booking",
    "BookingStatus",
    "Confidence",
    "Course",
    "ElearningCompletion",
    "ElearningDepartment",
    "ElearningImport",
    "Evaluation",
    "Level",
    "Session",
    "Stage",
    "Trainer",
    "financial_year",
    "training_boards",
    "year_label",
    "year_range",
]

# Attendees' names, roles and emails are removed this many financial years after their session's year
# ends (booking.forget_attendees); the counts stay. The privacy page says so.
RETENTION_YEARS = 3


class Level(models.TextChoices):
    """The three levels the seed's programme is organised into."""

    AWARENESS = "awareness", "Awareness"
    INTERMEDIATE = "intermediate", "Intermediate"
    ENHANCED = "enhanced", "Enhanced or specialist"


def training_boards(user):
    """Boards whose training programme the user sees: every board they belong to."""
    return Board.objects.visible_to(user)


class TrainerQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(board__in=training_boards(user))


class Trainer(models.Model):
    """A person or an agency in the board's pool of volunteer trainers."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="trainers")
    name = models.CharField(
        max_length=200, help_text="A person, or an agency that provides trainers."
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    active = models.BooleanField("in the pool now", default=True)

    history = HistoricalRecords()
    objects = TrainerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.agency})" if self.agency else self.name

    def get_absolute_url(self):
        return reverse("learning:trainers", args=[self.board_id])


class CourseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(board__in=training_boards(user))

    def answering(self, obj):
        """The courses that answer a case review or a multi-agency quality audit."""
        return self.filter(**{ANSWERS[obj._meta.label]: obj})


# What a course answers: the model, and the course's field that holds them.
ANSWERS = {"reviews.CaseReview": "reviews", "audits.QualityAudit": "audits"}


class Course(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="courses")
    title = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=Level.choices)
    description = models.TextField(blank=True)
    themes = models.ManyToManyField(
        LearningTheme, blank=True, related_name="courses", verbose_name="learning themes"
    )
    reviews = models.ManyToManyField(
        "reviews.CaseReview",
        blank=True,
        related_name="courses",
        verbose_name="case reviews it answers",
    )
    audits = models.ManyToManyField(
        "audits.QualityAudit",
        blank=True,
        related_name="courses",
        verbose_name="quality audits it answers",
    )

    history = HistoricalRecords(m2m_fields=[themes, reviews, audits])
    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["board", "title"], name="unique_course")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning:course", args=[self.pk])


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(course__board__in=training_boards(user))


class Session(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    place = models.CharField(max_length=200, blank=True, help_text="The venue; empty when online.")
    online = models.BooleanField(default=False)
    capacity = models.PositiveIntegerField(help_text="Places; bookings beyond it wait for one.")
    trainers = models.ManyToManyField(Trainer, blank=True, related_name="sessions")

    history = HistoricalRecords(m2m_fields=[trainers])
    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.course} on {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("learning:session", args=[self.pk])

    @property
    def board(self):
        return self.course.board

    @property
    def where(self):
        return "Online" if self.online else self.place


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class BookingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Bookings the user may see by name: all of a board's, to its office staff; their own
        agency's, to an agency lead. Nobody else sees attendees' names."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        offices = BoardMembership.objects.filter(user=user, role=Role.OFFICE).values("board")
        leads = BoardMembership.objects.filter(user=user, role=Role.AGENCY_LEAD).values("board")
        return self.filter(
            Q(session__course__board__in=offices)
            | Q(session__course__board__in=leads, agency_id=user.agency_id, agency__isnull=False)
        )

    def attended(self):
        return self.filter(attended=True)

    def in_year(self, year):
        return self.filter(session__date__range=year_range(year))


class Booking(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    name = models.CharField("attendee's name", max_length=200)
    job_role = models.CharField(max_length=200)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    email = models.EmailField("work email", blank=True)
    status = models.CharField(max_length=20, choices=BookingStatus.choices)
    attended = models.BooleanField(null=True, blank=True)  # None until attendance is marked
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    forgotten = models.BooleanField(default=False)  # name, role and email removed (RETENTION_YEARS)

    history = HistoricalRecords()
    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]

    def __str__(self):
        return f"{self.name}, {self.session}"

    def get_absolute_url(self):
        return self.session.get_absolute_url()

    @property
    def board(self):
        return self.session.course.board

    def token(self, stage):
        """The signed link an attendee answers an evaluation through, with no account."""
        return signing.dumps([self.pk, stage], salt=EVALUATION_SALT)


EVALUATION_SALT = "learning.evaluation"


class Stage(models.TextChoices):
    AFTER = "after", "After the session"
    THREE_MONTHS = "three_months", "Three months later"


# When each stage opens, in days after the session.
STAGE_OPENS = {Stage.AFTER: 0, Stage.THREE_MONTHS: 90}


class Confidence(models.IntegerChoices):
    NOT_AT_ALL = 1, "Not confident at all"
    SLIGHTLY = 2, "Slightly confident"
    SOMEWHAT = 3, "Somewhat confident"
    CONFIDENT = 4, "Confident"
    VERY = 5, "Very confident"


class Evaluation(models.Model):
    """An attendee's answer at one stage. Read as counts and averages; what changed is shown to the
    board's office without the attendee's name."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="evaluations")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    confidence = models.PositiveSmallIntegerField(choices=Confidence.choices)
    changed = models.TextField("what changed in practice", blank=True)
    answered = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["answered"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "stage"], name="one_answer_per_stage")
        ]

    def __str__(self):
        return f"{self.get_stage_display()}: {self.get_confidence_display()}"


class AttendanceFigure(models.Model):
    """Attendees the board holds only as a total (a year before bookings were kept here, an event run
    by others): counted beside bookings in every count and report, never as people."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="attendance_figures")
    year = models.PositiveSmallIntegerField(help_text="The financial year, by the year it starts.")
    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, null=True, blank=True, related_name="figures"
    )
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    attendees = models.PositiveIntegerField()
    events = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="Where the figure comes from.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "course__title", "pk"]

    def __str__(self):
        return f"{self.course or 'All training'}, {year_label(self.year)}: {self.attendees}"


class ElearningDepartmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(board__in=training_boards(user))


class ElearningDepartment(models.Model):
    """A department as the e-learning provider names it, mapped to the board's agency or sector."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="elearning_departments")
    name = models.CharField(max_length=200)
    agency = models.ForeignKey(
        Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sector = models.CharField(max_length=30, choices=Sector.choices, blank=True)

    history = HistoricalRecords()
    objects = ElearningDepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="unique_elearning_department")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("learning:elearning", args=[self.board_id])

    @property
    def sector_label(self):
        if self.agency_id:
            return self.agency.get_sector_display()
        return self.get_sector_display() if self.sector else ""


class ElearningImport(ImportBatch):
    """One year's export from the e-learning provider. A later import of the same year replaces it
    (this one is marked undone, with the reason)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="elearning_imports")
    year = models.PositiveSmallIntegerField(help_text="The financial year, by the year it starts.")

    def __str__(self):
        return f"E-learning {year_label(self.year)} ({self.file_name})"


class ElearningCompletion(models.Model):
    batch = models.ForeignKey(ElearningImport, on_delete=models.CASCADE, related_name="rows_read")
    department = models.ForeignKey(
        ElearningDepartment, on_delete=models.CASCADE, related_name="completions"
    )
    allocated = models.PositiveIntegerField()
    passed = models.PositiveIntegerField()

    class Meta:
        ordering = ["department__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(passed__lte=models.F("allocated")), name="passed_of_allocated"
            )
        ]

    def __str__(self):
        return f"{self.department}: {self.passed} of {self.allocated}"

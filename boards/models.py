import datetime

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.column_mapping import resolve, signature

from .relevant_agencies import category_choices
from .roles import (  # noqa: F401  (re-exported: the apps import these from boards.models)
    BOARD_MEMBER_ROLES,
    BOARD_READER_ROLES,
    PARTNER_ROLES,
    ROLES_BY_KIND,
    SAFEGUARDING_PARTNER_ROLES,
    BoardKind,
    Role,
    StatutoryPartner,
)


class Sector(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    DISTRICT_COUNCIL = "district_council", "District or borough council"
    POLICE = "police", "Police"
    NHS_TRUST = "nhs_trust", "NHS trust"
    COMMISSIONER = "commissioner", "Clinical commissioning group or ICB"
    NHS_ENGLAND = "nhs_england", "NHS England"
    PUBLIC_HEALTH = "public_health", "Public health"
    SCHOOL = "school", "School or college"
    GP = "gp", "GP practice"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    CAFCASS = "cafcass", "Cafcass"
    VOLUNTARY = "voluntary", "Voluntary or community sector"
    LAY = "lay", "Lay members"
    OTHER = "other", "Other"


class BoardQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Boards the user belongs to, as a board member or office staff or through a subgroup."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        # Two indexed subqueries, no join: the planner reads the user's few memberships only.
        return self.filter(
            Q(pk__in=BoardMembership.objects.filter(user=user).values("board"))
            | Q(pk__in=self.model.objects.filter(subgroups__memberships__user=user).values("pk"))
        )

    def managed_by(self, user):
        """Boards whose office staff the user is: they manage everything of these boards."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            pk__in=BoardMembership.objects.filter(user=user, role=Role.OFFICE).values("board")
        )

    def linkable_by(self, user):
        """Boards a board's office may record a link with: the boards the user belongs to, and
        strategic boards recorded here only as link partners (nobody belongs to them). Boards of
        other people are never listed."""
        people = BoardMembership.objects.filter(board=models.OuterRef("pk"))
        groups = self.model.objects.filter(pk=models.OuterRef("pk"), subgroups__isnull=False)
        unused = self.filter(~models.Exists(people) & ~models.Exists(groups))
        return self.visible_to(user) | unused


class Board(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50)
    kind = models.CharField(max_length=20, choices=BoardKind.choices, default=BoardKind.CHILDREN)
    # Set when the board changes kind (boards/kind_change.py): the kind it was before `kind_from`.
    # Its history (simple-history) keeps every change; reports read a year's kind by `kind_on`.
    kind_from = models.DateField("kind since", null=True, blank=True)
    previous_kind = models.CharField(max_length=20, choices=BoardKind.choices, blank=True)
    area = models.CharField(max_length=100, help_text="The local authority area the board covers.")
    description = models.TextField(blank=True)
    agencies = models.ManyToManyField("Agency", through="BoardAgency", related_name="boards")

    history = HistoricalRecords()
    objects = BoardQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("boards:board", args=[self.pk])

    def kind_on(self, day):
        """The board's kind on `day`: the kind it had before it changed, for a day before the
        change (a 2016-17 report of a board that became a partnership in 2019 is an LSCB's)."""
        if self.kind_from and self.previous_kind and day < self.kind_from:
            return BoardKind(self.previous_kind)
        return BoardKind(self.kind)


class AgencyQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The user's own agency and the agencies of the boards they can see."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        partners = BoardAgency.objects.filter(board__in=Board.objects.visible_to(user))
        return self.filter(Q(pk=user.agency_id) | Q(pk__in=partners.values("agency")))


class Agency(models.Model):
    """A partner organisation: a council, police force, NHS trust, school, GP practice, charity...

    Its name is unique among each board's partners (boards/forms.py AgencyForm), not across the
    deployment: one board's agency names are never revealed to another board."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=50, blank=True)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    statutory = models.BooleanField(
        "statutory partner", default=False, help_text="A partner the law requires to take part."
    )

    history = HistoricalRecords()
    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("boards:agency", args=[self.pk])


class BoardAgency(models.Model):
    """An agency that is a partner of a board; `represented` when it sits at the board itself."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="partners")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="partnerships")
    represented = models.BooleanField(
        "represented at the board", default=False, help_text="A senior officer sits on the board."
    )
    # The relevant agencies register (boards/relevant_agencies.py): empty when not a relevant agency.
    category = models.CharField(
        "relevant agency category", max_length=40, blank=True, choices=category_choices
    )
    named_in_arrangements = models.BooleanField(
        "named in the published arrangements", default=False
    )
    notified_on = models.DateField("date notified", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "agency"], name="unique_board_agency"),
        ]
        verbose_name = "board partner agency"

    def __str__(self):
        return f"{self.agency} at {self.board}"

    def get_absolute_url(self):
        return (
            reverse("boards:relevant_agencies", args=[self.board_id]) + f"#agency-{self.agency_id}"
        )


class BoardLink(models.Model):
    """How a board works with another strategic board (the memorandum of understanding)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="links_from")
    other = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="links_to")
    description = models.TextField()

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "other"], name="unique_board_link"),
        ]

    def __str__(self):
        return f"{self.board} – {self.other}"

    def get_absolute_url(self):
        return reverse("boards:board", args=[self.board_id]) + "#links"


class BoardMembership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_memberships"
    )
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "board", "role"], name="unique_board_role"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.board.short_name}"


# How long an invitation stays open for an answer.
INVITATION_DAYS = 14


class InvitationQuerySet(models.QuerySet):
    def open(self, now=None):
        """Waiting for an answer: not accepted, declined or withdrawn, and not expired."""
        now = now or timezone.now()
        return self.filter(
            accepted__isnull=True,
            declined__isnull=True,
            withdrawn__isnull=True,
            created__gt=now - datetime.timedelta(days=INVITATION_DAYS),
        )


class Invitation(models.Model):
    """An offer of a place to someone the board's office does not already work with (nobody on any
    of its boards): nothing of theirs changes until they accept it, signed in as themselves.

    `role` is the role at the board, or empty when the place is in a group (subgroups adds a
    SubgroupInvitation). The office sees the address it typed and `offer`, never the account."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(help_text="The address the office typed.")
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    offer = models.CharField(max_length=300, help_text="What they are invited to be.")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    accepted = models.DateTimeField(null=True, blank=True)
    declined = models.DateTimeField(null=True, blank=True)
    withdrawn = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"Invitation to {self.email}: {self.offer}"

    def get_absolute_url(self):
        return reverse("boards:invitation", args=[self.token])

    @property
    def expires(self):
        return self.created + datetime.timedelta(days=INVITATION_DAYS)

    @property
    def token(self):
        """Signed, so the link names this invitation and nothing else (no id can be guessed)."""
        return signing.dumps(self.pk, salt=INVITATION_SALT)


INVITATION_SALT = "boards.invitation"


class ImportBatch(models.Model):
    """What a plan or figure import records of itself: who, when, which file, how many rows, and
    whether (by whom, why) it was undone. Each kind adds its board and what it created."""

    file_name = models.CharField(max_length=255, blank=True)
    rows = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undo_reason = models.TextField(blank=True)

    class Meta:
        abstract = True
        ordering = ["-created", "-pk"]

    @property
    def is_undone(self):
        return self.undone_at is not None


class ImportKind(models.TextChoices):
    PLAN = "plan", "Plan"
    FIGURES = "figures", "Figures"
    DATASET = "dataset", "Dataset figures"


class ImportMappingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(board__in=Board.objects.visible_to(user))

    def remembered(self, board, kind, keys):
        """{field: column index} for a header row (its columns' keys, in order) as the board's
        office mapped the same headers before, or None."""
        mapping = self.filter(board=board, kind=kind, signature=signature(keys)).first()
        return resolve(mapping.columns, keys) if mapping else None

    def remember(self, board, kind, keys, columns, description, *, user):
        """Keep the mapping a person confirmed ({field: column index}) for the next import of the
        same headers. Headers that name two columns are not remembered (which one is ambiguous)."""
        stored = {name: keys[index] for name, index in columns.items()}
        if any(keys.count(key) != 1 for key in stored.values()):
            return None
        mapping = self.filter(board=board, kind=kind, signature=signature(keys)).first()
        if mapping is None:
            mapping = self.model(board=board, kind=kind, signature=signature(keys))
        mapping.headers = ", ".join(key for key in keys if key)
        mapping.keys = [key for key in keys if key]
        mapping.columns, mapping.description = stored, description
        mapping._history_user = user
        mapping.save()
        return mapping


class ImportMapping(models.Model):
    """How a board's files with these column headings are read: the mapping a person confirmed on an
    import's mapping step, used again for a file with the same headings (in any order)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="import_mappings")
    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    signature = models.CharField(max_length=64)  # core.column_mapping.signature of the headings
    headers = models.TextField("column headings")
    keys = models.JSONField("column headings as compared", default=list)  # in the file's order
    columns = models.JSONField(default=dict)  # {field: heading as compared}
    description = models.TextField("read as")

    history = HistoricalRecords()
    objects = ImportMappingQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "headers"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "kind", "signature"], name="one_mapping_per_header_row"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} import: {self.headers}"

    def get_absolute_url(self):
        return reverse("boards:import_mappings", args=[self.board_id])

    @property
    def heading_keys(self):
        """The headings as compared, in the file's order (a mapping kept before they were stored:
        read back from `headers`, with every heading it maps)."""
        keys = list(self.keys) or self.headers.split(", ")
        return keys + [key for key in self.columns.values() if key not in keys]


class LearningTheme(models.Model):
    """A theme learning is tagged with, e.g. neglect, disguised compliance, voice of the child: case
    review lessons, quality audit findings, courses and good practice share one list per board. It lives
    here, below the apps that tag with it; its tables keep the names they had in `reviews`."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="learning_themes")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    history = HistoricalRecords(table_name="reviews_historicallearningtheme")

    class Meta:
        db_table = "reviews_learningtheme"
        ordering = ["board", "name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="unique_learning_theme")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reviews:lessons") + f"#theme-{self.pk}"


# A board's budget by financial year: its own module, models of this app all the same.
from .funding import Budget, Contribution, SpendLine  # noqa: E402, F401
from .scrutiny import ScrutinyFinding  # noqa: E402, F401  (a model of this app, in its own module)

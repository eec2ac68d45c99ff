from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import BOARD_READER_ROLES, Agency, Board, BoardMembership, ImportBatch, Role
from core.as_at import end_of
from core.rag import DONE, ORDER, Rag, is_done
from core.sorting import ref_sort_key
from subgroups.models import CHAIR_ROLES, Subgroup


class PlanKind(models.TextChoices):
    BUSINESS = "business", "Business plan"
    REVIEW = "review", "Case review action plan"
    AUDIT = "audit", "Audit action plan"
    INSPECTION = "inspection", "Inspection recommendations"


def reads_review_plans(user, prefix=""):
    """Q: plans (or, with prefix "plan__", actions) that are not review plans, or are plans of a board
    the user reads. Review plans are about children: agency leads do not browse them."""
    readers = BoardMembership.objects.filter(user=user, role__in=BOARD_READER_ROLES)
    return ~Q(**{f"{prefix}kind": PlanKind.REVIEW}) | Q(
        **{f"{prefix}board__in": readers.values("board")}
    )


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        plans = self.filter(board__in=Board.objects.visible_to(user))
        if not user.is_authenticated or user.is_superuser:
            return plans
        owning = Action.objects.filter(owners__memberships__user=user).values("plan")
        return plans.filter(reads_review_plans(user) | Q(pk__in=owning))


class PlanImport(ImportBatch):
    """One plan import: who, when, which file, how many rows. What it created (the plan, its themes,
    cycle, actions and updates) carries it, so that the whole import can be undone, with a reason,
    while nothing depends on it (actions/undo_import.py)."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="plan_imports")
    plan_name = models.CharField(max_length=200)

    def __str__(self):
        return f"{self.plan_name} imported {self.created:%-d %b %Y}"

    @property
    def what(self):
        return self.plan_name

    def get_undo_url(self):
        return reverse("actions:import_undo", args=[self.pk])


def import_batch_field():
    """What an import created carries it (see PlanImport)."""
    return models.ForeignKey(
        PlanImport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


class Plan(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="plans")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PlanKind.choices, default=PlanKind.BUSINESS)
    description = models.TextField(blank=True)
    closed = models.DateField(
        null=True, blank=True, help_text="Leave empty while the plan is running."
    )
    import_batch = import_batch_field()

    history = HistoricalRecords()
    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["board", "name"]
        constraints = [models.UniqueConstraint(fields=["board", "name"], name="unique_plan_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("actions:plan", args=[self.pk])

    def latest_updated_cycle(self):
        """The latest cycle anyone has updated in: its name heads the export's updates column."""
        updated = Update.objects.current().filter(cycle=models.OuterRef("pk"))
        return self.cycles.filter(models.Exists(updated)).order_by("-deadline").first()

    def current_cycle(self, today=None):
        """The cycle open now: opened on or before today, latest deadline first."""
        today = today or timezone.localdate()
        return self.cycles.filter(opens__lte=today).order_by("-deadline").first()


class Theme(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    import_batch = import_batch_field()

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_theme_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return self.plan.get_absolute_url()


def owners_text(groups):
    return ", ".join(sorted(group.name for group in groups))


def reads_agency_actions(user):
    """Q: actions that belong to no agency, or that the user may read although they belong to one (an
    agency's improvement actions from its Section 11 return): the board's office and that agency's
    leads at the board. Everyone else of the board sees them only counted (see agency_counts)."""
    office = BoardMembership.objects.filter(user=user, role=Role.OFFICE).values("board")
    readable = Q(agency__isnull=True) | Q(plan__board__in=office)
    if user.agency_id:
        leads = BoardMembership.objects.filter(user=user, role=Role.AGENCY_LEAD).values("board")
        readable |= Q(agency_id=user.agency_id, plan__board__in=leads)
    return readable


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        actions = self.filter(plan__board__in=Board.objects.visible_to(user))
        if not user.is_authenticated or user.is_superuser:
            return actions
        owned = Action.objects.filter(owners__memberships__user=user).values("pk")
        return actions.filter(reads_review_plans(user, "plan__") | Q(pk__in=owned)).filter(
            reads_agency_actions(user)
        )

    def of_agencies(self):
        """Agencies' own actions (improvement actions from Section 11 returns)."""
        return self.filter(agency__isnull=False)

    def of_no_agency(self):
        """Actions of the board itself: what every reader of the plan may see listed."""
        return self.filter(agency__isnull=True)

    def agency_counts(self, field="rag"):
        """Agencies' actions counted by theme (how many, how many complete), without their texts:
        what the board's readers see of the improvement actions they may not read. One query.
        With `field="rag_then"`, of actions from `as_at`: complete as at its date."""
        rows = (
            self.of_agencies()
            .values("theme__number", "theme__title")
            .annotate(
                total=models.Count("pk"),
                complete=models.Count("pk", filter=models.Q(**{f"{field}__in": DONE})),
            )
            .order_by("theme__number")
        )
        return [
            {
                "theme": f"{row['theme__number']}. {row['theme__title']}"
                if row["theme__number"] is not None
                else "No theme",
                "total": row["total"],
                "complete": row["complete"],
            }
            for row in rows
        ]

    def led_by(self, user):
        """Actions of the user's agency at boards where they are its safeguarding lead."""
        if not user.is_authenticated or not user.agency_id:
            return self.none()
        leads = BoardMembership.objects.filter(user=user, role=Role.AGENCY_LEAD).values("board")
        return self.filter(agency_id=user.agency_id, plan__board__in=leads)

    def owned_by(self, user):
        """A person's own actions: owned by a group they chair, or their agency's that they lead."""
        return self.owned_by_chair(user) | self.led_by(user)

    def done(self):
        """Actions that need no more work (see core.rag.DONE)."""
        return self.filter(rag__in=DONE)

    def outstanding(self):
        """Actions not done yet."""
        return self.exclude(rag__in=DONE)

    def overdue(self, today):
        """Outstanding actions whose due date is before `today` (Action.is_overdue, in a query)."""
        return self.outstanding().filter(due_date__lt=today)

    def owned_by_chair(self, user):
        """Actions owned by a subgroup the user chairs or vice-chairs."""
        owned = Action.owners.through.objects.filter(subgroup__in=Subgroup.objects.chaired_by(user))
        return self.filter(pk__in=owned.values("action"))

    def not_updated_in(self, cycle, by=None):
        """Actions with no update in `cycle` (with `by`, a date: none made by the end of it)."""
        if by is None:
            return self.exclude(
                pk__in=Update.objects.current().filter(cycle=cycle).values("action")
            )
        made = Update.objects.current().filter(
            action=models.OuterRef("pk"), cycle=cycle, created__lt=end_of(by)
        )
        return self.exclude(models.Exists(made))

    def waiting_for_update(self, cycles):
        """Those of the plans of `cycles` ({plan id: its current cycle}) without an update in it."""
        updated = Update.objects.filter(
            action=models.OuterRef("pk"), cycle__in=[cycle.pk for cycle in cycles.values()]
        )
        return self.filter(plan__in=list(cycles)).exclude(models.Exists(updated))

    def for_export(self, updates=True):
        """What the seed's table needs (see importing.export_rows), in a fixed number of queries.
        Without `updates`, for actions from `as_at`, which carry their update as at its date."""
        newest_first = models.Prefetch(
            "updates",
            queryset=Update.objects.current().order_by("-created", "-pk"),
            to_attr="newest_first",
        )
        return self.select_related("theme", "plan").prefetch_related(
            "owners", "related", *([newest_first] if updates else [])
        )

    def as_at(self, day):
        """The actions that existed at the end of `day`, each annotated with its RAG, forecast and
        update text as its latest update on or before that day left them (`rag_then`,
        `forecast_rag_then`, `update_then`; empty without one). Subqueries: no extra query."""
        end = end_of(day)
        then = (
            Update.objects.current()
            .filter(action=models.OuterRef("pk"), created__lt=end)
            .order_by("-created", "-pk")
        )
        return self.filter(created__lt=end).annotate(
            rag_then=Coalesce(models.Subquery(then.values("rag")[:1]), models.Value("")),
            forecast_rag_then=Coalesce(
                models.Subquery(then.values("forecast_rag")[:1]), models.Value("")
            ),
            update_then=Coalesce(
                models.Subquery(then.values("text")[:1]),
                models.Value(""),
                output_field=models.TextField(),
            ),
        )

    def now(self):
        """The actions as they stand now, annotated as `as_at` annotates them (their stored RAG is
        their latest update's), so one piece of code counts both."""
        return self.annotate(rag_then=models.F("rag"))

    def overdue_then(self, day):
        """Of actions from `as_at(day)` (or `now()`): those not done then and due before `day`."""
        return self.exclude(rag_then__in=DONE).filter(due_date__lt=day)

    def rag_by_theme(self, field="rag"):
        """Per plan and theme, how many actions are R, A, G, C and not rated: one query. With
        `field="rag_then"`, of actions from `as_at` (or `now`): their RAG as at its date."""
        rows = (
            self.values("plan", "theme__number", "theme__title", "theme")
            .annotate(
                **{
                    f"n_{rag.value or 'none'}": models.Count(
                        "pk", filter=models.Q(**{field: rag.value})
                    )
                    for rag in ORDER
                }
            )
            .order_by("plan", "theme__number")
        )
        return [
            {
                "plan_id": row["plan"],
                "theme_id": row["theme"],
                "theme": f"{row['theme__number']}. {row['theme__title']}"
                if row["theme"]
                else "No theme",
                "counts": {rag: row[f"n_{rag.value or 'none'}"] for rag in ORDER},
            }
            for row in rows
        ]


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    ref = models.CharField(max_length=20)
    ref_sort = models.CharField(max_length=60, editable=False)
    text = models.TextField("action")
    owners = models.ManyToManyField(Subgroup, blank=True, related_name="actions")
    owners_text = models.CharField(
        "owning groups",
        max_length=500,
        blank=True,
        help_text="The owning groups' names, kept so the audit trail records a change of owners in words.",
    )
    named_owners = models.CharField(
        max_length=300,
        blank=True,
        help_text="Owners that are roles, not groups, separated by semicolons.",
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="own_actions",
        help_text="An agency's own action (its Section 11 improvement action): only the board's "
        "office and that agency's leads read it; others see it counted.",
    )
    due_date = models.DateField(null=True, blank=True)
    due_note = models.CharField(max_length=200, blank=True, help_text="For example “and ongoing”.")
    outcome = models.TextField("what we are trying to achieve", blank=True)
    related = models.ManyToManyField("self", blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="sub_actions"
    )
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_into"
    )
    # The latest update's ratings, kept here so lists filter and count in the database.
    rag = models.CharField(
        "RAG", max_length=1, choices=Rag.choices, blank=True, default=Rag.NOT_RATED
    )
    forecast_rag = models.CharField(
        "forecast RAG", max_length=1, choices=Rag.choices, blank=True, default=Rag.NOT_RATED
    )
    version = models.PositiveIntegerField(default=0, editable=False)  # refuses a stale save
    created = models.DateTimeField(
        default=timezone.now,
        editable=False,
        help_text="When the action joined its plan; an imported action, the date of its table.",
    )
    import_batch = import_batch_field()

    history = HistoricalRecords(excluded_fields=["ref_sort"])
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "ref_sort"]
        constraints = [models.UniqueConstraint(fields=["plan", "ref"], name="unique_action_ref")]

    def __str__(self):
        return f"{self.ref} {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.ref_sort = ref_sort_key(self.ref)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("actions:action", args=[self.pk])

    @property
    def board(self):
        return self.plan.board

    @property
    def is_done(self):
        return is_done(self.rag)

    def is_overdue(self, today=None):
        """Not done, and due before `today` (by default today): ActionQuerySet.overdue, for one."""
        today = today or timezone.localdate()
        return bool(self.due_date and self.due_date < today and not self.is_done)

    def set_owners(self, groups):
        """Set the owning groups; a change is saved to the audit trail (set `_history_user` first)."""
        groups = list(groups)
        self.owners.set(groups)
        text = owners_text(groups)
        if text != self.owners_text:
            self.owners_text = text
            self.save(update_fields=["owners_text"])

    def named_owner_list(self):
        return [name.strip() for name in self.named_owners.split(";") if name.strip()]

    def chaired_by(self, user):
        return self.owners.filter(
            memberships__user=user, memberships__role__in=CHAIR_ROLES
        ).exists()

    def led_by(self, user):
        """The user leads the agency this action belongs to, at the action's board."""
        if not self.agency_id or user.agency_id != self.agency_id:
            return False
        return BoardMembership.objects.filter(
            user=user, role=Role.AGENCY_LEAD, board_id=self.plan.board_id
        ).exists()


class UpdateCycleQuerySet(models.QuerySet):
    def current_by_plan(self, plan_ids, today=None):
        """{plan id: its current cycle} for many plans in one query (see Plan.current_cycle)."""
        today = today or timezone.localdate()
        current = {}
        for cycle in self.filter(plan__in=plan_ids, opens__lte=today).order_by("plan", "-deadline"):
            current.setdefault(cycle.plan_id, cycle)
        return current


class UpdateCycle(models.Model):
    """A round of updates, e.g. "April 2017 updates": chairs update their actions by the deadline."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="cycles")
    name = models.CharField(max_length=100)
    opens = models.DateField()
    deadline = models.DateField()
    reminder_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days before the deadline to remind chairs of actions still to update."
    )
    import_batch = import_batch_field()

    history = HistoricalRecords()
    objects = UpdateCycleQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-deadline"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="unique_cycle_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.plan.get_absolute_url()


class UpdateQuerySet(models.QuerySet):
    def current(self):
        """Updates that count: not withdrawn. Every query for an action's latest update (its RAG now
        or as at a date) starts here."""
        return self.filter(withdrawn_at__isnull=True)

    def withdrawn(self):
        return self.filter(withdrawn_at__isnull=False)


class Update(models.Model):
    """One progress update of an action: text and RAG, by whom and when. Updates are never edited;
    one entered in error is withdrawn (by the board's office, with a reason): it stays in the action's
    history, marked withdrawn, and no longer counts (see UpdateQuerySet.current)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    cycle = models.ForeignKey(
        UpdateCycle, on_delete=models.SET_NULL, null=True, blank=True, related_name="updates"
    )
    text = models.TextField("progress")
    rag = models.CharField("RAG", max_length=1, choices=Rag.choices, blank=True)
    forecast_rag = models.CharField("forecast RAG", max_length=1, choices=Rag.choices, blank=True)
    comment = models.TextField(
        blank=True, help_text="Why the RAG changed, or what completed the action."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_updates",
    )
    created = models.DateTimeField(default=timezone.now)
    imported = models.BooleanField(default=False, help_text="Transcribed from an earlier document.")
    action_version = models.PositiveIntegerField(default=0, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    withdrawn_reason = models.TextField("why it was withdrawn", blank=True, editable=False)
    import_batch = import_batch_field()

    objects = UpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.action.ref}: {self.get_rag_display()} ({self.created:%d %b %Y})"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None


class Reminder(models.Model):
    """A reminder email sent to a chair for a cycle: each chair is reminded once per cycle."""

    cycle = models.ForeignKey(UpdateCycle, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="update_reminders"
    )
    sent = models.DateTimeField(default=timezone.now)
    actions = models.PositiveIntegerField(help_text="How many actions the reminder listed.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "user"], name="one_reminder_per_cycle")
        ]

    def __str__(self):
        return f"{self.cycle}: {self.user}"

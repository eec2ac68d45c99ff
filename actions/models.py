from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import BOARD_READER_ROLES, Agency, Board, BoardMembership, Role
from core.rag import DONE, ORDER, Rag, is_done
from core.sorting import ref_sort_key
from subgroups.models import CHAIR_ROLES, Subgroup


def end_of(day):
    """The first moment after `day` ends, in the board's time zone: "as at" a day includes it."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


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


class Plan(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="plans")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PlanKind.choices, default=PlanKind.BUSINESS)
    description = models.TextField(blank=True)
    closed = models.DateField(
        null=True, blank=True, help_text="Leave empty while the plan is running."
    )

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
        return self.cycles.filter(updates__isnull=False).order_by("-deadline").first()

    def current_cycle(self, today=None):
        """The cycle open now: opened on or before today, latest deadline first."""
        today = today or timezone.localdate()
        return self.cycles.filter(opens__lte=today).order_by("-deadline").first()


class Theme(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

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

    def agency_counts(self):
        """Agencies' actions counted by theme (how many, how many complete), without their texts:
        what the board's readers see of the improvement actions they may not read. One query."""
        rows = (
            self.of_agencies()
            .values("theme__number", "theme__title")
            .annotate(
                total=models.Count("pk"),
                complete=models.Count("pk", filter=models.Q(rag__in=DONE)),
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

    def not_updated_in(self, cycle):
        return self.exclude(updates__cycle=cycle)

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
            "updates", queryset=Update.objects.order_by("-created", "-pk"), to_attr="newest_first"
        )
        return self.select_related("theme", "plan").prefetch_related(
            "owners", "related", *([newest_first] if updates else [])
        )

    def as_at(self, day):
        """The actions that existed at the end of `day`, each annotated with its RAG, forecast and
        update text as its latest update on or before that day left them (`rag_then`,
        `forecast_rag_then`, `update_then`; empty without one). Subqueries: no extra query."""
        end = end_of(day)
        then = Update.objects.filter(action=models.OuterRef("pk"), created__lt=end).order_by(
            "-created", "-pk"
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

    def rag_by_theme(self):
        """Per plan and theme, how many actions are R, A, G, C and not rated: one query."""
        rows = (
            self.values("plan", "theme__number", "theme__title", "theme")
            .annotate(
                **{
                    f"n_{rag.value or 'none'}": models.Count("pk", filter=models.Q(rag=rag.value))
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

    history = HistoricalRecords()
    objects = UpdateCycleQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-deadline"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="unique_cycle_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.plan.get_absolute_url()


class Update(models.Model):
    """One progress update of an action: text and RAG, by whom and when. Updates are never edited."""

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

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.action.ref}: {self.get_rag_display()} ({self.created:%d %b %Y})"


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

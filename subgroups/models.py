from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from boards.models import Agency, Board


class SubgroupKind(models.TextChoices):
    SUBGROUP = "subgroup", "Subgroup"
    TASK_AND_FINISH = "task_and_finish", "Task and finish group"
    PANEL = "panel", "Panel"
    LOCALITY = "locality", "Locality group"


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"


CHAIR_ROLES = (MemberRole.CHAIR, MemberRole.VICE_CHAIR)


def normalise(name):
    """Group names as people write them: any case, spacing, "sub group" or "sub-group"."""
    name = " ".join(name.casefold().replace("&", "and").split())
    return name.replace("sub group", "subgroup").replace("sub-group", "subgroup")


class SubgroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(board__in=Board.objects.visible_to(user))

    def chaired_by(self, user):
        chairs = SubgroupMembership.objects.filter(user=user, role__in=CHAIR_ROLES)
        return self.filter(pk__in=chairs.values("subgroup"))


class Subgroup(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="subgroups")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=50, blank=True)
    kind = models.CharField(
        max_length=20, choices=SubgroupKind.choices, default=SubgroupKind.SUBGROUP
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The group this one reports to. Leave empty if it reports to the board.",
    )
    purpose = models.TextField(blank=True)
    aliases = models.TextField(
        "other names",
        blank=True,
        help_text="Other names the group is known by, one per line (for example its old name). "
        "Imported plans that name the group this way are matched to it.",
    )
    chair_agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_groups",
        verbose_name="chairing agency",
    )
    chair_note = models.CharField(
        "who chairs it",
        max_length=200,
        blank=True,
        help_text="For example, “Chaired by a Primary Head teacher”.",
    )
    established = models.DateField(null=True, blank=True)
    closed = models.DateField(
        null=True, blank=True, help_text="Leave empty while the group is active."
    )

    history = HistoricalRecords()
    objects = SubgroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="unique_subgroup_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("subgroups:subgroup", args=[self.pk])

    @property
    def is_active(self):
        return self.closed is None or self.closed > timezone.localdate()

    def names(self):
        """Every name the group answers to, normalised for matching."""
        return {
            normalise(n)
            for n in [self.name, self.short_name, *self.aliases.splitlines()]
            if n.strip()
        }


class Responsibility(models.Model):
    """One numbered item of a group's terms of reference."""

    subgroup = models.ForeignKey(
        Subgroup, on_delete=models.CASCADE, related_name="responsibilities"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["subgroup", "number"]
        verbose_name_plural = "responsibilities"
        constraints = [
            models.UniqueConstraint(
                fields=["subgroup", "number"], name="unique_responsibility_number"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"

    @property
    def lead(self):
        """The responsibility without its points (lines starting with a dash)."""
        return "\n".join(
            line for line in self.text.splitlines() if not line.lstrip().startswith("- ")
        )

    @property
    def points(self):
        return [
            line.lstrip()[2:] for line in self.text.splitlines() if line.lstrip().startswith("- ")
        ]


class SubgroupMembership(models.Model):
    subgroup = models.ForeignKey(Subgroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subgroup_memberships"
    )
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subgroup_memberships",
        help_text="The agency this person represents in the group.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["subgroup", "user"], name="unique_subgroup_member"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}, {self.subgroup}"

    def get_absolute_url(self):
        return self.subgroup.get_absolute_url()


class SubgroupInvitation(models.Model):
    """The group part of an invitation (boards.Invitation, with no board role): accepting it makes
    this membership (subgroups/invitations.py)."""

    invitation = models.OneToOneField(
        "boards.Invitation", on_delete=models.CASCADE, related_name="subgroup_part"
    )
    subgroup = models.ForeignKey(Subgroup, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)

    def __str__(self):
        return f"{self.invitation}"

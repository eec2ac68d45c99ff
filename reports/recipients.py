"""Where a board's annual report goes once published: its recipients (kept by the office, seeded from
the defaults of the board's kind in reports/outlines.toml, with their source) and, for each
published version, a record of each recipient and the day it was sent.

Models of the reports app kept in their own module (reports/models.py imports them)."""

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from simple_history.models import HistoricalRecords

from boards.models import Board


class RecipientQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(board__in=Board.objects.visible_to(user))


class Recipient(models.Model):
    """Someone a board sends its published annual report to, and when it must reach them."""

    board = models.ForeignKey(
        "boards.Board", on_delete=models.CASCADE, related_name="report_recipients"
    )
    name = models.CharField("recipient", max_length=200)
    when = models.CharField(
        "when it is sent",
        max_length=200,
        blank=True,
        help_text="For example, “within 7 days of publication”.",
    )
    source = models.CharField(
        max_length=300, blank=True, help_text="The law or guidance that names this recipient."
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    objects = RecipientQuerySet.as_manager()

    class Meta:
        ordering = ["board", "position", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reports:recipients", args=[self.board_id])


class Dispatch(models.Model):
    """A published version sent (or to send) to one recipient: the recipient as named then, and the
    day the office recorded it was sent."""

    publication = models.ForeignKey(
        "reports.Publication", on_delete=models.CASCADE, related_name="dispatches"
    )
    recipient = models.CharField(max_length=200)
    when = models.CharField(max_length=200, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["publication", "pk"]
        verbose_name_plural = "dispatches"

    def __str__(self):
        return f"{self.publication} to {self.recipient}"

    def get_absolute_url(self):
        return self.publication.get_absolute_url() + "#sent"


def defaults(kind):
    """[{"name", "when", "source"}] the kind's statutory recipients (reports/outlines.toml)."""
    from .outline import kind_outline

    return kind_outline(kind).get("recipients", [])


@transaction.atomic
def for_board(board, user=None):
    """The board's recipients, seeded from its kind's defaults the first time (a board whose office
    removed every recipient is not seeded again: the history shows it had some)."""
    recipients = Recipient.objects.filter(board=board)
    if recipients.exists() or Recipient.history.filter(board_id=board.pk).exists():
        return recipients
    for position, entry in enumerate(defaults(board.kind), start=1):
        recipient = Recipient(board=board, position=position, **entry)
        recipient._history_user = user
        recipient.save()
    return recipients.all()


def record_dispatches(publication, user):
    """One row per recipient of the board, for the office to tick when it is sent."""
    for recipient in for_board(publication.report.board, user):
        Dispatch.objects.create(
            publication=publication, recipient=recipient.name, when=recipient.when
        )

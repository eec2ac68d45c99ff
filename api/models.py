"""People's API tokens (only a hash is kept: api/tokens.py) and the record of every request made
with one."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class ApiTokenQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person's own tokens: nobody sees, uses or revokes anyone else's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def active(self):
        return self.filter(revoked__isnull=True)


class ApiToken(models.Model):
    """A token that acts as its person in the read API. The token itself is shown once, when it is
    made; only its SHA-256 is stored, so neither a database copy nor an administrator can use it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        max_length=100, help_text="What it is for, for example “Power BI scorecard”."
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=12, editable=False, help_text="Its first characters.")
    created = models.DateTimeField(default=timezone.now, editable=False)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)
    revoked = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["user", "-created", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def get_absolute_url(self):
        return reverse("api:tokens")

    @property
    def is_active(self):
        return self.revoked is None


class ApiRequestQuerySet(models.QuerySet):
    def older_than(self, days, now=None):
        return self.filter(at__lt=(now or timezone.now()) - timedelta(days=days))


class ApiRequest(models.Model):
    """One request made with a token (a revoked one too): who, what, the answer's status, when.
    Kept for settings.API_REQUEST_LOG_DAYS days (`manage.py forget_api_requests`, daily)."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="requests")
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField()
    at = models.DateTimeField(default=timezone.now)

    objects = ApiRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["token", "-at"], name="api_request_token_at")]

    def __str__(self):
        return f"{self.method} {self.path} {self.status}"

"""Making, finding and revoking API tokens. A token is `lscb_` and secrets.token_urlsafe(32); only its
SHA-256 (hex) is stored, and it is looked up by that hash."""

import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken

PREFIX = "lscb_"


def digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


def issue(user, name):
    """A new token of `user`: (the ApiToken, the token itself, to show once and never again)."""
    key = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=digest(key), prefix=key[: len(PREFIX) + 4]
    )
    return token, key


def find(key):
    """The token whose key this is (revoked or not), with its person, or None."""
    if not key or len(key) > 200:
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=digest(key)).first()


def used(token):
    """Mark the token used now (one UPDATE, no read)."""
    now = timezone.now()
    ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    token.last_used = now


def revoke(token):
    """From now on the token answers 401. The record of its requests stays."""
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])

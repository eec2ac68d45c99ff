"""Expensive pages (or their parts) kept in the cache, under a key that changes whenever the data they
are built from does, and that tells apart everyone whose view of it may differ.

A page that counts or lists many records for figures that change a few times a day is built once and
then read from the cache: `parts = cached("actions:plan", FEEDS, user, [plan.pk, query], build)`.
The key holds
- the page's name and whatever else it is built from (ids, the query string, the day: `parts`);
- who asks (`user`): their id, agency and whether they are a superuser, because what a person may
  see comes from their memberships, their agency and their groups. Pass `user=None` only for what
  reads the same to everyone who may open the page;
- a stamp of every table the page reads (core.stamps: one query), so a change to any of them builds
  the page again. Entries also expire after `seconds`, which bounds how long a new template could
  show old markup after a release.

Keep out of the cached parts what is read live: the signed-in person's name, messages, CSRF tokens
(so only GET forms in a cached fragment), and anything the stamp cannot see (core.stamps says what).
Cache only what is expensive: a cached part costs the stamp and a read of the cache."""

import hashlib

from django.apps import apps
from django.core.cache import cache

from .stamps import stamp

SECONDS = 15 * 60


def viewer(user):
    """What tells apart two people's views of the same page: their id, agency and superuser flag."""
    if user is None:
        return "all"
    return f"{user.pk}.{user.agency_id}.{int(user.is_superuser)}"


def key(name, models, user, parts=()):
    """The cache key of page `name` for `user` with `parts`, given the data of `models` as it is now."""
    data = hashlib.sha256(stamp(models).encode()).hexdigest()[:32]
    asked = hashlib.sha256(repr(list(parts)).encode()).hexdigest()[:32]  # repr: unambiguous
    return f"page:{name}:{viewer(user)}:{asked}:{data}"


def cached(name, models, user, parts, build, seconds=SECONDS):
    """The page from the cache, or `build()` it and keep it. Two queries when kept: the stamp and
    the cache."""
    k = key(name, models, user, parts)
    value = cache.get(k)
    if value is None:
        value = build()
        cache.set(k, value, seconds)
    return value


def models_of(*app_labels):
    """Every model of these apps, their many-to-many tables too: the feeds of a page that draws on
    all of them (a stamp of many tables costs more to plan: prefer the few a page reads)."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in app_labels
    ]

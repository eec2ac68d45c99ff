"""Expensive pages (or their parts) kept in the cache, under a key that changes whenever the data they
are built from does, and that tells apart everyone whose view of it may differ.

A page that counts or lists many records for figures that change a few times a day is built once and
then read from the cache: `parts = cached("actions:plan", FEEDS, user, [plan.pk, query], build)`.
The key holds
- the page's name and whatever else it is built from (ids, the query string, the day: `parts`).
  Give it a new name when what is kept changes shape: the entries of the release before stay in
  the shared cache until they expire;
- who asks (`user`): their id, agency and whether they are a superuser, because what a person may
  see comes from their memberships, their agency and their groups. Pass `user=None` only for what
  reads the same to everyone who may open the page;
- a stamp of every table the page reads (core.stamps: one query), so a change to any of them builds
  the page again. Entries also expire after `seconds`, which bounds how long a new template could
  show old markup after a release.

Keep out of the cached parts what is read live: the signed-in person's name, messages, CSRF tokens
(so only GET forms in a cached fragment), and anything the stamp cannot see (core.stamps says what).
Cache only what is expensive: a cached part costs the stamp and a read of the cache. Who may open
the page is asked live, before `cached`, unless every table that decides it is among the feeds,
every change to them is one the stamp sees, and the entry is built only for someone who may: then
the answer can be kept with the page (an action's page: actions/views/actions.py).

Two layers: the shared cache (PostgreSQL, every app server's) and, in front of it, each process's
memory of the entries it last read or built (`MEMORY_BYTES` at most, the least recently used
forgotten first, each for `seconds` as in the shared cache). The memory needs no telling when data
changes: the key holds the stamp, read live on every request, so a change of data asks for another
key. A page read from memory costs the stamp alone, and nothing to unpickle. `cache.clear()` empties
both (core.cache.DatabaseCache); tests empty the memory before each test, as the database's rollback
empties the shared cache. What `cached` returns may be the very object another request gets: read
it, never change it."""

import hashlib
import threading
import time
from collections import OrderedDict

from django.apps import apps
from django.core.cache import cache

from .stamps import declare, stamp

SECONDS = 15 * 60
MEMORY_BYTES = 32 * 1024 * 1024  # per process: some hundreds of pages (a home page is about 50 kB)


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
    """The page from this process's memory or the cache, or `build()` it and keep it. One query
    when this process has it (the stamp), two when another had kept it (the stamp and the cache)."""
    k = key(name, models, user, parts)
    value = memory.get(k)
    if value is not None:
        return value
    value = cache.get(k)
    if value is None:
        value = build()
        cache.set(k, value, seconds)
    memory.set(k, value, seconds)
    return value


class Memory:
    """Entries of the page cache kept in this process: at most `limit` bytes of text (roughly
    counted), least recently used forgotten first, each for its `seconds`."""

    def __init__(self, limit):
        self.limit = limit
        self.entries = OrderedDict()  # key: (value, size, expires)
        self.size = 0
        self.lock = threading.Lock()  # threaded servers (runserver, gthread) share a process

    def get(self, k):
        with self.lock:
            entry = self.entries.get(k)
            if entry is None:
                return None
            if entry[2] <= time.monotonic():
                self._forget(k)
                return None
            self.entries.move_to_end(k)
            return entry[0]

    def set(self, k, value, seconds):
        size = _size(value)
        if size > self.limit // 4:  # a page this large would push out too many others
            return
        with self.lock:
            if k in self.entries:
                self._forget(k)
            self.entries[k] = (value, size, time.monotonic() + seconds)
            self.size += size
            while self.size > self.limit:
                self._forget(next(iter(self.entries)))

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0

    def _forget(self, k):
        self.size -= self.entries.pop(k)[1]


def _size(value):
    """Roughly the bytes `value` holds: its text, and a little for everything else."""
    if isinstance(value, str | bytes):
        return 64 + len(value)
    if isinstance(value, dict):
        return 64 + sum(_size(k) + _size(v) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return 64 + sum(_size(each) for each in value)
    return 64


memory = Memory(MEMORY_BYTES)


def feeds(*models):
    """The tables a cached page is built from, as `cached` wants them: declared, so that each new
    database connection comes with their stamp prepared (core.stamps)."""
    return declare(models)


def models_of(*app_labels):
    """Every model of these apps, their many-to-many tables too: the feeds of a page that draws on
    all of them (a stamp of many tables costs more to plan: prefer the few a page reads)."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in app_labels
    ]

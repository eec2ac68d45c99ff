"""Home pages kept in the cache, under a key that changes whenever the data they show does.

A home page counts a board's plans, scorecard, reviews and audit: dozens of queries and tens of
milliseconds, asked by everyone many times a day, for figures that change a few times a day. Each
person's page (rendered, less what is read live: their name, open invitations and the as-at form) is
kept under their id, the day, the date asked for and a stamp of every table the page is counted from
(core.stamps: one query). A change to any of those tables changes the stamp, so the page is built
again; otherwise it is one read of the cache. Entries also expire after HOME_SECONDS, which bounds
how long a new template could show old markup after a release.

The stamp sees every save of a record with an audit trail and every new row. Invitations, whose
answers are saved in place without one, and whose openness passes with time, are read live."""

import hashlib

from django.core.cache import cache

from actions.models import Action, Plan, Theme, Update, UpdateCycle
from audits.models import AuditCycle, Submission
from boards.models import Agency, Board, BoardAgency, BoardMembership
from core.stamps import stamp
from performance.models import Indicator, Measurement, Target
from reviews.models import CaseReview, InformationRequest, ReviewSettings, StatusChange
from subgroups.models import Subgroup, SubgroupMembership

HOME_SECONDS = 15 * 60

# Every table a home page is counted from (their audit trails come with them).
FEEDS = [
    Plan,
    Theme,
    Action,
    Action.owners.through,
    UpdateCycle,
    Update,
    AuditCycle,
    AuditCycle.boards.through,
    AuditCycle.expected.through,
    Submission,
    Indicator,
    Target,
    Measurement,
    CaseReview,
    StatusChange,
    ReviewSettings,
    InformationRequest,
    Board,
    Agency,
    BoardAgency,
    BoardMembership,
    Subgroup,
    SubgroupMembership,
]


def key(user, today, as_at):
    """The cache key of `user`'s home page on `today`, as at `as_at`, given the data as it is now."""
    data = hashlib.sha256(stamp(FEEDS).encode()).hexdigest()[:32]
    who = f"{user.pk}.{user.agency_id}.{int(user.is_superuser)}"
    return f"reports:home:{who}:{today.isoformat()}:{as_at.isoformat() if as_at else ''}:{data}"


def page(user, today, as_at, build):
    """The user's page parts from the cache, or `build()` them and keep them. Two queries when
    kept: the stamp and the cache."""
    k = key(user, today, as_at)
    parts = cache.get(k)
    if parts is None:
        parts = build()
        cache.set(k, parts, HOME_SECONDS)
    return parts

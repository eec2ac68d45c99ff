"""Home pages kept in the cache, under a key that changes whenever the data they show does.

A home page counts a board's plans, scorecard, reviews and audit: dozens of queries and tens of
milliseconds, asked by everyone many times a day, for figures that change a few times a day. Each
person's page (rendered, less what is read live: their name, open invitations and the as-at form) is
kept under their id, the day, the date asked for and a stamp of every table the page is counted from
(core.page_cache; core.stamps: one query). A change to any of those tables changes the stamp, so the
page is built again; otherwise it is one read of the cache. Entries also expire after HOME_SECONDS,
which bounds how long a new template could show old markup after a release.

The stamp sees every save of a record with an audit trail and every new row. Invitations, whose
answers are saved in place without one, and whose openness passes with time, are read live."""

from actions.models import Action, Plan, Theme, Update, UpdateCycle
from audits.models import AuditCycle, Submission
from boards.models import Agency, Board, BoardAgency, BoardMembership
from core.page_cache import cached, feeds
from performance.models import Indicator, Measurement, Target
from reviews.models import CaseReview, InformationRequest, ReviewSettings, StatusChange
from subgroups.models import Subgroup, SubgroupMembership

HOME_SECONDS = 15 * 60

# Every table a home page is counted from (their audit trails come with them).
FEEDS = feeds(
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
)


def page(user, today, as_at, build):
    """The user's page parts from the cache, or `build()` them and keep them (core.page_cache). Two
    queries when kept: the stamp and the cache."""
    return cached("reports:home", FEEDS, user, [today, as_at], build, HOME_SECONDS)

"""core.page_cache: a page is built once while its data stays the same, built again after any change
to the tables it reads, and never shared between two people (unless built for everyone)."""

from actions.models import Action, Plan
from core.page_cache import Memory, cached, key, memory, models_of

from ..factories import ActionFactory

FEEDS = [Plan, Action]


class Builds:
    """A build that counts how often it ran and returns what it was asked to."""

    def __init__(self):
        self.runs = 0

    def __call__(self, value="page"):
        def build():
            self.runs += 1
            return f"{value} {self.runs}"

        return build


def test_a_page_is_built_once_while_its_data_stays_the_same(office, plan):
    build = Builds()
    assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 1"
    assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 1"
    assert build.runs == 1


def test_a_change_to_a_table_it_reads_builds_it_again(office, plan, django_assert_num_queries):
    build = Builds()
    cached("test:page", FEEDS, office, [plan.pk], build())
    plan.name = "Renamed"
    plan.save()  # a save in place: its audit trail gains a row
    assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 2"
    ActionFactory(plan=plan)  # a new row
    assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 3"
    with django_assert_num_queries(1):  # kept in this process: the stamp alone
        assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 3"
    memory.clear()  # as another process, which has not read it yet
    with django_assert_num_queries(2):  # kept in the shared cache: the stamp and the cache
        assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 3"
    assert build.runs == 3


def test_people_never_share_an_entry_and_what_is_asked_tells_entries_apart(office, member, plan):
    build = Builds()
    assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 1"
    assert cached("test:page", FEEDS, member, [plan.pk], build()) == "page 2"
    assert cached("test:page", FEEDS, office, [plan.pk, "?rag=R"], build()) == "page 3"
    assert cached("test:other", FEEDS, office, [plan.pk], build()) == "page 4"
    assert cached("test:page", FEEDS, None, [plan.pk], build()) == "page 5"  # for everyone
    assert build.runs == 5


def test_the_key_tells_apart_a_change_of_agency(lead_x, agency_y, plan):
    before = key("test:page", FEEDS, lead_x, [plan.pk])
    lead_x.agency = agency_y
    assert key("test:page", FEEDS, lead_x, [plan.pk]) != before


def test_models_of_apps_include_their_many_to_many_tables():
    feeds = models_of("actions")
    assert Plan in feeds and Action in feeds and Action.owners.through in feeds
    assert all(model._meta.app_label == "actions" for model in feeds)


def test_a_change_builds_the_page_again_in_a_process_that_kept_it(office, plan):
    """The memory in front of the cache serves no page of data that has since changed."""
    build = Builds()
    assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 1"
    assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 1"  # from memory
    Action.objects.filter(plan=plan).delete()  # no row of Action left: its highest id changes
    ActionFactory(plan=plan)
    assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 2"
    plan.name = "Renamed"
    plan.save()
    assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 3"


def test_clearing_the_cache_empties_the_memory_too(office, plan):
    from django.core.cache import cache

    build = Builds()
    cached("test:page", FEEDS, office, [plan.pk], build())
    cache.clear()
    assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 2"


def test_the_memory_keeps_at_most_its_limit_forgetting_the_least_recently_used():
    kept = Memory(limit=1000)  # each text counts its length and 64
    for k in "abcd":
        kept.set(k, k * 150, 60)  # 856 bytes
    kept.get("a")  # a used since b was kept: b is now the least recently used
    kept.set("e", "e" * 150, 60)  # 1,070 bytes: b goes
    assert kept.get("b") is None
    assert [kept.get(k) for k in "acde"] == [k * 150 for k in "acde"]
    assert kept.size == 856
    kept.set("huge", "h" * 200, 60)  # more than a quarter of the limit: not kept at all
    assert kept.get("huge") is None and kept.size == 856


def test_the_memory_forgets_an_entry_after_its_seconds(monkeypatch):
    import time

    kept = Memory(limit=1000)
    now = time.monotonic()
    monkeypatch.setattr(time, "monotonic", lambda: now)
    kept.set("a", "page", 60)
    monkeypatch.setattr(time, "monotonic", lambda: now + 59)
    assert kept.get("a") == "page"
    monkeypatch.setattr(time, "monotonic", lambda: now + 61)
    assert kept.get("a") is None and kept.size == 0

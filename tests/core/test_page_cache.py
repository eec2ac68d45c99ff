"""core.page_cache: a page is built once while its data stays the same, built again after any change
to the tables it reads, and never shared between two people (unless built for everyone)."""

from actions.models import Action, Plan
from core.page_cache import cached, key, models_of

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
    with django_assert_num_queries(2):  # kept: the stamp and the cache
        assert cached("test:page", FEEDS, office, [plan.pk], build()) == "page 3"


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

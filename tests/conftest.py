"""Role fixtures every test can use: a small board with two subgroups and two agencies, and a person
in each role. The names follow DESIGN.md: office staff, independent chair, a subgroup chair, another
subgroup's chair, agency leads of agencies X and Y, a board member, and office staff of another board."""

import copy
import datetime
import inspect
import io

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor import confirmed_device, two_factor_required
from boards.models import Role
from subgroups.models import MemberRole

from .factories import (
    ActionFactory,
    AgencyFactory,
    AuditCycleFactory,
    BoardAgencyFactory,
    BoardFactory,
    BoardMembershipFactory,
    CriterionFactory,
    FrameworkFactory,
    PlanFactory,
    ResponsibilityFactory,
    StandardFactory,
    SubgroupFactory,
    SubgroupMembershipFactory,
    SubmissionFactory,
    ThemeFactory,
    UpdateCycleFactory,
    UserFactory,
)

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The fixtures a test module may build once for all its tests (`shared_world`, below): their plain
# functions, by name.
SHAREABLE = {}


def shareable(function):
    """@pytest.fixture, for a fixture that a module may also build once for all its tests."""
    SHAREABLE[function.__name__] = function
    return pytest.fixture(function)


def own(name):
    """A @shareable fixture of another module (imported, so registered), as an ordinary fixture of
    this one: built for each test, even where its own module shares it (shared_world)."""
    return pytest.fixture(SHAREABLE[name], name=name)


def pytest_collection_modifyitems(config, items):
    """The order of the run: the browser tests first (the longest: with `--dist worksteal`, as
    `make test` runs, an idle worker takes its share from the end of the other's queue, so the two end
    together), then the tests that need an empty database, then those that read the shared demo (`demo_board`,
    below), one after another, so each worker loads the demo about once rather than each time a
    test of another kind came between two that read it. Tests marked `postgresql` are skipped on
    SQLite, and the summary (-rs) says why."""
    from django.db import connection

    def place(item):
        if "browser" in item.keywords:
            return 0
        return 2 if "demo_board" in getattr(item, "fixturenames", ()) else 1

    items.sort(key=place)  # stable: within each part, the order they were collected in
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL (CI runs it)")
    for item in items:
        if "postgresql" in item.keywords:
            item.add_marker(skip)


@shareable
def board(db):
    return BoardFactory(name="Testshire Safeguarding Children Partnership", short_name="TSCP")


@shareable
def agency_x(board):
    return BoardAgencyFactory(board=board, agency=AgencyFactory(name="Testshire Police")).agency


@shareable
def agency_y(board):
    return BoardAgencyFactory(board=board, agency=AgencyFactory(name="Testshire NHS Trust")).agency


@shareable
def subgroup(board):
    group = SubgroupFactory(board=board, name="Performance and Quality Assurance", short_name="PQA")
    ResponsibilityFactory(subgroup=group, number=1, text="Collect and analyse performance data")
    return group


@shareable
def other_subgroup(board):
    return SubgroupFactory(board=board, name="Learning and Improvement", short_name="L&I")


@shareable
def plan(board):
    return PlanFactory(board=board, name="Business Plan 2016-19")


@shareable
def cycle(plan):
    return UpdateCycleFactory(plan=plan, name="April updates")


@shareable
def action(plan, subgroup):
    """An action owned by `subgroup` (chaired by `subgroup_chair`), due long ago and not complete."""
    theme = ThemeFactory(plan=plan, number=1, title="Leadership and Governance")
    return ActionFactory(
        plan=plan, theme=theme, ref="1.1", owners=[subgroup], due_date=datetime.date(2017, 7, 31)
    )


@shareable
def audit_cycle(board, agency_x, agency_y):
    """An open Section 11 cycle of two standards (two criteria, then one) expecting agencies X and Y."""
    cycle = AuditCycleFactory(
        boards=[board], expected=[agency_x, agency_y], framework=FrameworkFactory(board=board)
    )
    first = StandardFactory(
        framework=cycle.framework, number=1, title="A clear line of accountability"
    )
    CriterionFactory(standard=first, number=1, text="Commissioning requires safeguarding")
    CriterionFactory(standard=first, number=2, text="A senior lead is named")
    second = StandardFactory(framework=cycle.framework, number=2, title="Safe recruitment")
    CriterionFactory(standard=second, number=1, text="Staff checks are reviewed regularly")
    return cycle


@shareable
def submission(audit_cycle, agency_x):
    """Agency X's draft submission."""
    return SubmissionFactory(cycle=audit_cycle, agency=agency_x)


def board_person(board, role, **user_fields):
    return BoardMembershipFactory(board=board, role=role, user=UserFactory(**user_fields)).user


@shareable
def office(board):
    return board_person(board, Role.OFFICE, name="Olive Office")


@shareable
def chair(board):
    return board_person(board, Role.CHAIR, name="Ian Chair")


@shareable
def member(board):
    return board_person(board, Role.MEMBER, name="Mo Member")


@shareable
def subgroup_chair(subgroup, agency_y):
    user = UserFactory(name="Sue Chair", agency=agency_y)
    SubgroupMembershipFactory(subgroup=subgroup, user=user, role=MemberRole.CHAIR, agency=agency_y)
    return user


@shareable
def other_chair(other_subgroup):
    user = UserFactory(name="Otto Chair")
    SubgroupMembershipFactory(subgroup=other_subgroup, user=user, role=MemberRole.CHAIR)
    return user


@shareable
def lead_x(board, agency_x):
    return board_person(board, Role.AGENCY_LEAD, name="Lee Lead", agency=agency_x)


@shareable
def lead_y(board, agency_y):
    return board_person(board, Role.AGENCY_LEAD, name="Yan Lead", agency=agency_y)


# The other board: a second, populated board beside `board`, with its own agency, subgroup and plan
# with an action, and a person in each role. None of them may see anything of `board`.


@shareable
def other_board(db):
    return BoardFactory(name="Elsewhere Safeguarding Adults Board", short_name="ESAB")


@shareable
def other_agency(other_board):
    agency = AgencyFactory(name="Elsewhere Constabulary")
    return BoardAgencyFactory(board=other_board, agency=agency).agency


@shareable
def other_board_subgroup(other_board):
    return SubgroupFactory(board=other_board, name="Elsewhere Quality Group", short_name="EQG")


@shareable
def other_board_action(other_board, other_board_subgroup):
    """An action of the other board's plan, owned by its subgroup."""
    plan = PlanFactory(board=other_board, name="Elsewhere Strategic Plan")
    return ActionFactory(plan=plan, ref="1.1", owners=[other_board_subgroup])


@shareable
def outsider(other_board):
    """Office staff of the other board: sees nothing of `board`."""
    return board_person(other_board, Role.OFFICE, name="Ellis Else")


@shareable
def other_board_chair(other_board):
    return board_person(other_board, Role.CHAIR, name="Ola Chair")


@shareable
def other_board_member(other_board):
    return board_person(other_board, Role.MEMBER, name="Eve Member")


@shareable
def other_board_lead(other_board, other_agency):
    return board_person(other_board, Role.AGENCY_LEAD, name="Ed Lead", agency=other_agency)


@shareable
def other_board_subgroup_chair(other_board_action, other_board_subgroup, other_agency):
    """Chair of the other board's subgroup, which owns the other board's action."""
    user = UserFactory(name="Esme Chair", agency=other_agency)
    SubgroupMembershipFactory(
        subgroup=other_board_subgroup, user=user, role=MemberRole.CHAIR, agency=other_agency
    )
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(name="Sys Admin", is_staff=True, is_superuser=True)


# The roles of `board`, and `outsider` (the other board's office).
BOARD_ROLES = [
    "anonymous",
    "office",
    "chair",
    "subgroup_chair",
    "other_chair",
    "lead_x",
    "lead_y",
    "member",
    "outsider",
]
# The other roles of the other board, each with its counterpart at `board`.
OTHER_BOARD_ROLES = {
    "other_board_chair": "chair",
    "other_board_subgroup_chair": "subgroup_chair",
    "other_board_lead": "lead_x",
    "other_board_member": "member",
}
# Every role of both boards.
ROLES = [*BOARD_ROLES, *OTHER_BOARD_ROLES]


@pytest.fixture
def login_as(client, request):
    """login_as("office") logs the test client in as that role's fixture (or stays anonymous);
    login_as(user) as that user."""

    def login(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role) if isinstance(role, str) else role)
        return client

    return login


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing takes ~0.3 s a password; tests create dozens of people."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Background tasks (django-tasks) run at once, in the process that queues them: in production
    the database is the queue and `manage.py db_worker` runs them. Notifications are queued when a
    transaction commits (tests/notifications use django_capture_on_commit_callbacks)."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def pages_forgotten():
    """Each test starts with no page in this process's memory (core.page_cache), as the rollback of
    the test before leaves none in the shared cache: on SQLite a rolled-back test's ids come again,
    and with them the stamps its pages were kept under."""
    from core.page_cache import memory

    memory.clear()


class TwoFactorClient(Client):
    """The test client. `force_login` also completes two-factor sign-in for people who need it
    (office staff, administrators), as if they had entered their code: they get a confirmed device
    and the session names it, the way django_otp.login does. Plain `Client()` does not."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if two_factor_required(user):
            device = confirmed_device(user) or TOTPDevice.objects.create(
                user=user, name="Test authenticator", confirmed=True
            )
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()


@pytest.fixture
def client():
    return TwoFactorClient()


class OnceTransaction:
    """Records built once and kept for a run of consecutive tests that use them: the Cumbria demo
    (`demo_board`) and a module's shared world (`shared_world`).

    Building them takes seconds; many tests read them. The first of these tests builds them inside
    an outer transaction, and every test then runs in its own savepoint within it (pytest-django's
    `db` nests), so each test still starts from the records as built and its changes are rolled
    back. At most one is open at a time: opening one rolls back the other, and the first test that
    uses none of them rolls the open one back before any of its fixtures is set up
    (`pytest_runtest_setup` below), so the database is empty again for it, as before; the end of
    the run does the same. (A module with a module-scoped transaction of its own, like
    tests/demo/test_scale.py, must use neither.)"""

    current = None  # the one open

    def __init__(self, fixture, build):
        self.fixture = fixture  # the tests whose fixtures include this one use these records
        self.build = build
        self.atomic = self.blocker = self.value = None

    def open(self, django_db_blocker):
        if OnceTransaction.current is self:
            return
        if OnceTransaction.current is not None:
            OnceTransaction.current.close()
        from django.db import connection, transaction

        self.blocker = django_db_blocker
        with django_db_blocker.unblock():
            # The test's own transaction must begin inside this one, or its end would take these
            # records with it: `@pytest.mark.django_db` begins it before any fixture of ours.
            assert not connection.in_atomic_block, (
                f"a test using {self.fixture} must not be marked django_db: it has the database"
            )
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            OnceTransaction.current = self
            try:
                self.value = self.build()
            except BaseException:
                self.close()
                raise

    def close(self):
        if self.atomic is None:
            return
        from django.db import transaction

        with self.blocker.unblock():
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = self.value = None
        OnceTransaction.current = None


def load_demo():
    from django.core.management import call_command
    from django.test.utils import override_settings

    # DEBUG on: loaddemo keeps the demo passwords only then; fast hashing as every test.
    with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHERS):
        call_command("loaddemo", stdout=io.StringIO())


DEMO = OnceTransaction("demo_board", load_demo)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    current = OnceTransaction.current
    if current is not None and current.fixture not in item.fixturenames:
        current.close()


@pytest.fixture(scope="session")
def _once_transactions(django_db_setup):
    yield
    if OnceTransaction.current is not None:
        OnceTransaction.current.close()  # the end of the run


@pytest.fixture(autouse=True)
def _demo_loaded_once(request, django_db_blocker):
    """Opens the shared demo before a test that uses `demo_board`, before that test's own
    transaction begins."""
    if "demo_board" in request.fixturenames:
        request.getfixturevalue("_once_transactions")
        DEMO.open(django_db_blocker)


def shared_world(*names):
    """The fixtures of a test module whose tests all start from the same records: the fixtures
    `names` (made with @shareable) and those they need are built once (OnceTransaction), before the
    module's first test, and each test gets its own copy of their objects. Every test of the module
    uses the world (its fixture `_shared_world_open` is autouse). In the module, after any
    @shareable fixture it defines: `globals().update(shared_world("objects", ...))`."""
    from django.test.utils import override_settings

    def needs(name):
        if name not in SHAREABLE:
            raise LookupError(f"shared_world: {name} is not a @shareable fixture")
        return list(inspect.signature(SHAREABLE[name]).parameters)

    def build():
        made = {"db": None}  # `db`: the open transaction

        def make(name):
            if name not in made:
                made[name] = SHAREABLE[name](**{need: make(need) for need in needs(name)})
            return made[name]

        # As in a test: fast password hashing, tasks run at once.
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS, TASKS=IMMEDIATE_TASKS):
            for name in names:
                make(name)
        del made["db"]
        return made

    def with_needs(name, found):
        for need in needs(name):
            if need != "db":
                with_needs(need, found)
        found.setdefault(name)
        return found

    everything = {}
    for name in names:
        with_needs(name, everything)
    world = OnceTransaction("_shared_world_open", build)

    @pytest.fixture(autouse=True)
    def _shared_world_open(_once_transactions, django_db_blocker):
        world.open(django_db_blocker)  # before the test's own transaction (`db`) begins

    @pytest.fixture
    def _shared_world(_shared_world_open, db):
        # A copy for each test: what a test does to its objects is not seen by the next.
        return copy.deepcopy(world.value)

    def shared(name):
        @pytest.fixture(name=name)
        def fixture(_shared_world):
            return _shared_world[name]

        return fixture

    return {
        "_shared_world_open": _shared_world_open,
        "_shared_world": _shared_world,
        **{name: shared(name) for name in everything},
    }


@pytest.fixture
def demo_board(_once_transactions, db, settings):
    """The Cumbria demo, as `make run` loads it (DEBUG on, for its demo passwords)."""
    from boards.models import Board

    settings.DEBUG = True
    return Board.objects.get(short_name="Cumbria LSCB")


# Performance: an indicator of `board` with a 2016-17 target and its 31 March 2017 figure.
@shareable
def indicator(board):
    from performance.models import Indicator, Polarity

    return Indicator.objects.create(
        board=board,
        code="CS2.0",
        description="S47 enquiries completed within 6 working days",
        area="Child protection",
        polarity=Polarity.HIGH,
    )


@shareable
def target(indicator):
    return indicator.targets.create(
        starts=datetime.date(2016, 4, 1), ends=datetime.date(2017, 3, 31), value=85, tolerance=5
    )


@shareable
def measurement(indicator, target):
    return indicator.measurements.create(period_end=datetime.date(2017, 3, 31), value="82.1")


@shareable
def case_review(board):
    """A local child safeguarding practice review of `board` with one lesson and one recommendation."""
    from .reviews_factories import CaseReviewFactory, LessonFactory, RecommendationFactory

    review = CaseReviewFactory(board=board, reference="Child Q")
    LessonFactory(review=review, number=1)
    RecommendationFactory(review=review, number=1)
    return review


try:
    from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations

    TRUNCATE = PostgresOperations.sql_flush
except ImportError:  # no psycopg: SQLite only
    TRUNCATE = None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database is made from the models (`--nomigrations`: tests/test_migrations.py applies
    the migrations), so the cache table their migration makes is made here. On PostgreSQL, the test
    database does not wait for each commit to reach the disk: it needs no durability, and the
    browser tests commit on every request."""
    from django.core.management import call_command
    from django.db import connection

    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)
    if connection.vendor != "postgresql":
        return
    name = connection.ops.quote_name(connection.settings_dict["NAME"])
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f"ALTER DATABASE {name} SET synchronous_commit TO off")
        cursor.execute("SET synchronous_commit TO off")
    type(connection.ops).sql_flush = delete_instead_of_truncate


def delete_instead_of_truncate(ops, style, tables, *, reset_sequences=False, allow_cascade=False):
    """How the database is emptied after each browser (transactional) test on PostgreSQL: DELETE,
    which on tables of a few thousand rows takes a tenth of the time TRUNCATE of every table does.
    Every table is emptied, so the order does not matter and no foreign key needs checking."""
    if reset_sequences or allow_cascade:
        return TRUNCATE(
            ops, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    delete = style.SQL_KEYWORD("DELETE FROM")
    return [
        *without_foreign_key_checks(ops.connection),
        *(f"{delete} {style.SQL_FIELD(ops.quote_name(table))};" for table in tables),
    ]


def without_foreign_key_checks(connection):
    """For a transaction that empties every table (each row's foreign keys need no checking when
    every row goes) or fills them with rows copied out of a consistent database: PostgreSQL then
    skips the check of each row's foreign keys, which took most of the time. Only a superuser (as
    in CI) may; for anyone else, the checks run as usual."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        if not cursor.fetchone()[0]:
            return []
    return ["SET LOCAL session_replication_role = replica;"]

"""Role fixtures every test can use: a small board with two subgroups and two agencies, and a person
in each role. The names follow DESIGN.md: office staff, independent chair, a subgroup chair, another
subgroup's chair, agency leads of agencies X and Y, a board member, and office staff of another board."""

import datetime
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


def pytest_collection_modifyitems(config, items):
    """The order of the run: the browser tests first (the longest, so the two workers end together),
    then the tests that need an empty database, then those that read the shared demo (`demo_board`,
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


@pytest.fixture
def board(db):
    return BoardFactory(name="Testshire Safeguarding Children Partnership", short_name="TSCP")


@pytest.fixture
def agency_x(board):
    return BoardAgencyFactory(board=board, agency=AgencyFactory(name="Testshire Police")).agency


@pytest.fixture
def agency_y(board):
    return BoardAgencyFactory(board=board, agency=AgencyFactory(name="Testshire NHS Trust")).agency


@pytest.fixture
def subgroup(board):
    group = SubgroupFactory(board=board, name="Performance and Quality Assurance", short_name="PQA")
    ResponsibilityFactory(subgroup=group, number=1, text="Collect and analyse performance data")
    return group


@pytest.fixture
def other_subgroup(board):
    return SubgroupFactory(board=board, name="Learning and Improvement", short_name="L&I")


@pytest.fixture
def plan(board):
    return PlanFactory(board=board, name="Business Plan 2016-19")


@pytest.fixture
def cycle(plan):
    return UpdateCycleFactory(plan=plan, name="April updates")


@pytest.fixture
def action(plan, subgroup):
    """An action owned by `subgroup` (chaired by `subgroup_chair`), due long ago and not complete."""
    theme = ThemeFactory(plan=plan, number=1, title="Leadership and Governance")
    return ActionFactory(
        plan=plan, theme=theme, ref="1.1", owners=[subgroup], due_date=datetime.date(2017, 7, 31)
    )


@pytest.fixture
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


@pytest.fixture
def submission(audit_cycle, agency_x):
    """Agency X's draft submission."""
    return SubmissionFactory(cycle=audit_cycle, agency=agency_x)


def board_person(board, role, **user_fields):
    return BoardMembershipFactory(board=board, role=role, user=UserFactory(**user_fields)).user


@pytest.fixture
def office(board):
    return board_person(board, Role.OFFICE, name="Olive Office")


@pytest.fixture
def chair(board):
    return board_person(board, Role.CHAIR, name="Ian Chair")


@pytest.fixture
def member(board):
    return board_person(board, Role.MEMBER, name="Mo Member")


@pytest.fixture
def subgroup_chair(subgroup, agency_y):
    user = UserFactory(name="Sue Chair", agency=agency_y)
    SubgroupMembershipFactory(subgroup=subgroup, user=user, role=MemberRole.CHAIR, agency=agency_y)
    return user


@pytest.fixture
def other_chair(other_subgroup):
    user = UserFactory(name="Otto Chair")
    SubgroupMembershipFactory(subgroup=other_subgroup, user=user, role=MemberRole.CHAIR)
    return user


@pytest.fixture
def lead_x(board, agency_x):
    return board_person(board, Role.AGENCY_LEAD, name="Lee Lead", agency=agency_x)


@pytest.fixture
def lead_y(board, agency_y):
    return board_person(board, Role.AGENCY_LEAD, name="Yan Lead", agency=agency_y)


# The other board: a second, populated board beside `board`, with its own agency, subgroup and plan
# with an action, and a person in each role. None of them may see anything of `board`.


@pytest.fixture
def other_board(db):
    return BoardFactory(name="Elsewhere Safeguarding Adults Board", short_name="ESAB")


@pytest.fixture
def other_agency(other_board):
    agency = AgencyFactory(name="Elsewhere Constabulary")
    return BoardAgencyFactory(board=other_board, agency=agency).agency


@pytest.fixture
def other_board_subgroup(other_board):
    return SubgroupFactory(board=other_board, name="Elsewhere Quality Group", short_name="EQG")


@pytest.fixture
def other_board_action(other_board, other_board_subgroup):
    """An action of the other board's plan, owned by its subgroup."""
    plan = PlanFactory(board=other_board, name="Elsewhere Strategic Plan")
    return ActionFactory(plan=plan, ref="1.1", owners=[other_board_subgroup])


@pytest.fixture
def outsider(other_board):
    """Office staff of the other board: sees nothing of `board`."""
    return board_person(other_board, Role.OFFICE, name="Ellis Else")


@pytest.fixture
def other_board_chair(other_board):
    return board_person(other_board, Role.CHAIR, name="Ola Chair")


@pytest.fixture
def other_board_member(other_board):
    return board_person(other_board, Role.MEMBER, name="Eve Member")


@pytest.fixture
def other_board_lead(other_board, other_agency):
    return board_person(other_board, Role.AGENCY_LEAD, name="Ed Lead", agency=other_agency)


@pytest.fixture
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
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


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


class DemoTransaction:
    """The Cumbria demo, loaded once and kept for a run of consecutive tests that use it.

    Loading the demo takes seconds; about fifty tests read it. The first of them loads it inside an
    outer transaction, and every test then runs in its own savepoint within it (pytest-django's `db`
    nests), so each test still starts from the demo as loaded and its changes are rolled back. The
    first test that does not use the demo rolls the outer transaction back before any of its
    fixtures is set up (`pytest_runtest_setup` below), so the database is empty again for it, as
    before; the end of the run does the same. (A module with a module-scoped transaction of its own,
    like tests/demo/test_scale.py, must not also use `demo_board`.)"""

    def __init__(self):
        self.atomic = self.blocker = None

    def open(self, django_db_blocker):
        if self.atomic is not None:
            return
        from django.core.management import call_command
        from django.db import transaction
        from django.test.utils import override_settings

        self.blocker = django_db_blocker
        with django_db_blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            try:
                # DEBUG on: loaddemo keeps the demo passwords only then; fast hashing as every test.
                with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHERS):
                    call_command("loaddemo", stdout=io.StringIO())
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
        self.atomic = None


DEMO = DemoTransaction()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if "demo_board" not in item.fixturenames:
        DEMO.close()


@pytest.fixture(scope="session")
def _demo_transaction(django_db_setup):
    yield DEMO
    DEMO.close()  # the end of the run


@pytest.fixture(autouse=True)
def _demo_loaded_once(request, django_db_blocker):
    """Opens the shared demo before a test that uses `demo_board`, before that test's own
    transaction begins."""
    if "demo_board" in request.fixturenames:
        request.getfixturevalue("_demo_transaction").open(django_db_blocker)


@pytest.fixture
def demo_board(_demo_transaction, db, settings):
    """The Cumbria demo, as `make run` loads it (DEBUG on, for its demo passwords)."""
    from boards.models import Board

    settings.DEBUG = True
    return Board.objects.get(short_name="Cumbria LSCB")


# Performance: an indicator of `board` with a 2016-17 target and its 31 March 2017 figure.
@pytest.fixture
def indicator(board):
    from performance.models import Indicator, Polarity

    return Indicator.objects.create(
        board=board,
        code="CS2.0",
        description="S47 enquiries completed within 6 working days",
        area="Child protection",
        polarity=Polarity.HIGH,
    )


@pytest.fixture
def target(indicator):
    return indicator.targets.create(
        starts=datetime.date(2016, 4, 1), ends=datetime.date(2017, 3, 31), value=85, tolerance=5
    )


@pytest.fixture
def measurement(indicator, target):
    return indicator.measurements.create(period_end=datetime.date(2017, 3, 31), value="82.1")


@pytest.fixture
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

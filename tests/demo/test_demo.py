"""`manage.py loaddemo`: the Cumbria LSCB of the 2016-17 annual report, loadable any number of times."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import User
from boards.models import Agency, Board, BoardAgency, BoardLink, Role
from demo.boards import DEMO_PASSWORD, DEMO_SCHOOL
from subgroups.models import MemberRole, Subgroup

from ..factories import AgencyFactory, BoardAgencyFactory, BoardFactory

BOARD = "Cumbria Local Safeguarding Children Board"

SECTION_5_AGENCIES = [
    "Cumbria County Council, Children's Services",
    "Cumbria Clinical Commissioning Group",
    "Cumbria Partnership NHS Foundation Trust",
    "University Hospitals of Morecambe Bay",
    "North Cumbria University Hospitals",
    "Cumbria Constabulary",
    "Secondary Head teachers Association",
    "Primary Head teachers Association",
    "Cumbria District/Borough Councils",
    "National Probation Service",
    "Cumbria & Lancashire Community Rehabilitation Company",
    "Public Health",
    "NHS England",
    "Voluntary Sector representative",
    "Barnardo's",
    "CAFCASS, Cumbria",
    "Youth Offending Service",
    "Lay Members",
]

LINKED_BOARDS = [
    "Cumbria Health and Well-being Board",
    "Cumbria Children's Trust Board",
    "Cumbria Safeguarding Adults Board",
    "Safer Cumbria Partnership",
    "Children's Improvement Board",
]

SECTION_11_GROUPS = [
    "Business Group",
    "Policy and Procedures Subgroup",
    "Communication, Engagement and Participation Subgroup",
    "Case Review Group",
    "Child Death Overview Panel",
    "Learning and Improvement Subgroup",
    "Performance Management and Quality Assurance Group",
    "Education Subgroup",
    "Health Subgroup",
    "Safeguarding Hub Programme Board",
    "Early Help Subgroup",
    "Child Sexual Exploitation/Missing From Home Subgroup",
    "Neglect Task and Finish Group",
    "Domestic Abuse Task and Finish Group",
]

DEMO_USERS = [
    "office@demo.lscb.test",
    "chair@demo.lscb.test",
    "pmqag.chair@demo.lscb.test",
    "landi.chair@demo.lscb.test",
    "police.lead@demo.lscb.test",
    "school.lead@demo.lscb.test",
    "member@demo.lscb.test",
]


def load_demo():
    call_command("loaddemo", stdout=io.StringIO())


@pytest.fixture
def demo(demo_board):
    return demo_board


def group(name):
    return Subgroup.objects.get(board__name=BOARD, name=name)


def test_board(demo):
    assert demo.short_name == "Cumbria LSCB"
    assert demo.area == "Cumbria"


def test_agencies_represented_at_the_board_and_the_demo_school(demo):
    represented = BoardAgency.objects.filter(board=demo, represented=True)
    assert sorted(represented.values_list("agency__name", flat=True)) == sorted(SECTION_5_AGENCIES)
    others = BoardAgency.objects.filter(board=demo, represented=False).exclude(
        agency__name__startswith="Demo "
    )
    assert list(others.values_list("agency__name", flat=True)) == [DEMO_SCHOOL["name"]]


def test_generated_partners_for_the_section_11_returns_are_marked_demo(demo):
    generated = BoardAgency.objects.filter(board=demo, agency__name__startswith="Demo ")
    assert generated.filter(agency__name__startswith="Demo school").count() == 240
    assert generated.filter(agency__name__startswith="Demo GP practice").count() == 50
    assert not generated.filter(represented=True).exists()


def test_linked_boards(demo):
    links = BoardLink.objects.filter(board=demo)
    assert sorted(links.values_list("other__name", flat=True)) == sorted(LINKED_BOARDS)
    assert all(link.description for link in links)


def test_every_section_11_group_with_its_responsibilities(demo):
    assert demo.subgroups.count() == 21
    for name in SECTION_11_GROUPS:
        assert group(name).responsibilities.exists(), name
    pmqag = group("Performance Management and Quality Assurance Group")
    assert pmqag.responsibilities.count() == 6
    assert group("Learning and Improvement Subgroup").responsibilities.count() == 8


def test_quality_assurance_groups_report_to_pmqag(demo):
    pmqag = group("Performance Management and Quality Assurance Group")
    chairs = {
        "Quality Assurance Group North & Eden": "Cumbria Constabulary",
        "Quality Assurance Group South": "Cumbria County Council, Children's Services",
        "Quality Assurance Group West": "North Cumbria University Hospitals",
    }
    for name, chair in chairs.items():
        qag = group(name)
        assert (qag.parent, qag.chair_agency.name) == (pmqag, chair), name


def test_cse_groups_report_to_the_cse_mfh_group(demo):
    cse_mfh = group("Child Sexual Exploitation/Missing From Home Subgroup")
    assert group("CSE Working Group").parent == cse_mfh
    assert group("CSE Oversight Group").parent == cse_mfh


def test_demo_users_and_their_roles(demo):
    assert set(User.objects.filter(email__in=DEMO_USERS).values_list("email", flat=True)) == set(
        DEMO_USERS
    )
    office = User.objects.get(email="office@demo.lscb.test")
    assert office.board_memberships.get(board=demo).role == Role.OFFICE
    pmqag_chair = User.objects.get(email="pmqag.chair@demo.lscb.test")
    pmqag = group("Performance Management and Quality Assurance Group")
    assert pmqag_chair.subgroup_memberships.get(subgroup=pmqag).role == MemberRole.CHAIR
    police = User.objects.get(email="police.lead@demo.lscb.test")
    assert police.board_memberships.get(board=demo).role == Role.AGENCY_LEAD
    assert police.agency.name == "Cumbria Constabulary"


@pytest.mark.parametrize("email", DEMO_USERS)
def test_demo_users_sign_in_with_the_demo_password(demo, client, email):
    response = client.post("/login/", {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.url == "/"


def row_counts():
    """Rows of every table, the history tables included."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_loading_twice_changes_nothing(demo):
    before = row_counts()
    # Agencies from the report have a history; generated ones are bulk-created without one.
    assert (
        before["boards.HistoricalAgency"]
        == Agency.objects.exclude(name__startswith="Demo ").count()
    )
    load_demo()
    assert row_counts() == before


def sign_in_refused(client, email):
    response = client.post("/login/", {"username": email, "password": DEMO_PASSWORD})
    return response.status_code == 200 and "_auth_user_id" not in client.session


def test_without_debug_demo_users_have_no_password(db, settings, client):
    settings.DEBUG = False
    load_demo()
    users = User.objects.filter(email__in=DEMO_USERS)
    assert users.count() == len(DEMO_USERS)
    assert not any(user.has_usable_password() for user in users)
    assert sign_in_refused(client, "office@demo.lscb.test")


def test_reloading_without_debug_takes_the_demo_password_away(demo, settings, client):
    settings.DEBUG = False
    load_demo()
    assert not User.objects.get(email="office@demo.lscb.test").has_usable_password()
    assert sign_in_refused(client, "office@demo.lscb.test")


def test_performance_indicators_targets_and_figures(demo):
    from performance.models import Indicator, Measurement, Target

    assert Indicator.objects.filter(board=demo, on_scorecard=True).count() == 48
    assert Indicator.objects.filter(board=demo, on_scorecard=False).count() == 11
    # 2016-17: 48 and CLA-NUM's; 2017-18 (illustrative): the 48 rolled over
    assert Target.objects.filter(indicator__board=demo).count() == 49 + 48
    # 31 March 2017, the earlier series, and 14 illustrative figures at 30 June 2017
    assert Measurement.objects.filter(indicator__board=demo).count() == 48 + 71 + 14


def test_another_boards_agencies_of_the_same_names_stay_theirs(db, settings):
    """Agency names are unique per board: loading the demo beside a board that already has a
    "Cumbria Constabulary" and a "Demo school 001" makes the demo board its own, and leaves theirs."""
    elsewhere = BoardFactory(name="Elsewhere Safeguarding Adults Board")
    theirs = [
        BoardAgencyFactory(board=elsewhere, agency=AgencyFactory(name=name)).agency
        for name in ("Cumbria Constabulary", "Demo school 001")
    ]
    settings.DEBUG = True
    load_demo()
    demo = Board.objects.get(name=BOARD)
    for agency in theirs:
        assert list(agency.boards.all()) == [elsewhere]
        assert demo.agencies.filter(name=agency.name).exclude(pk=agency.pk).count() == 1
    load_demo()
    assert Agency.objects.filter(name="Cumbria Constabulary").count() == 2

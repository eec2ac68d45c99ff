"""An agency's Section 11 improvement actions are read by the board office and by that agency's
leads, who update them like any action owner. Everyone else of the board sees them counted by
standard, never their texts; another board's office sees nothing."""

import importlib
from datetime import date
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.urls import reverse

from actions.models import Action, PlanKind, Update
from actions.updating import record_update
from audits.models import Answer, Rating
from core.rag import Rag
from reports.annual import business_plan

from ..conftest import ROLES
from ..factories import ActionFactory, PlanFactory, SubmissionFactory, ThemeFactory
from ..helpers import page

X_TEXT = "Testshire Police: Add safeguarding clauses to every new contract"
Y_TEXT = "Agency Y: Name a senior lead for safeguarding"
BOARD_TEXT = "Report the findings to the board"


@pytest.fixture
def audit_plan(board, agency_x, agency_y, request):
    for role in ROLES[1:]:
        request.getfixturevalue(role)  # every role exists: others are real people
    plan = PlanFactory(
        board=board, name="Section 11 audit: improvement actions", kind=PlanKind.AUDIT
    )
    first = ThemeFactory(plan=plan, number=1, title="A clear line of accountability")
    second = ThemeFactory(plan=plan, number=2, title="Safe recruitment")
    x = ActionFactory(
        plan=plan, theme=first, ref=f"1.1/{agency_x.pk}", text=X_TEXT, agency=agency_x
    )
    ActionFactory(
        plan=plan,
        theme=first,
        ref=f"1.2/{agency_y.pk}",
        text=Y_TEXT,
        agency=agency_y,
        rag=Rag.COMPLETE,
    )
    ActionFactory(plan=plan, theme=second, ref=f"2.1/{agency_y.pk}", text=Y_TEXT, agency=agency_y)
    ActionFactory(plan=plan, theme=second, ref="2.9", text=BOARD_TEXT)
    return SimpleNamespace(plan=plan, x=x)


# Who reads agency X's improvement action (its page and its update form).
READS_X = {
    **dict.fromkeys(ROLES, 404),
    "anonymous": 302,
    "office": 200,
    "lead_x": 200,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["actions:action", "actions:update"])
def test_only_the_office_and_the_agency_reach_its_improvement_action(
    login_as, audit_plan, role, name
):
    response = login_as(role).get(reverse(name, args=[audit_plan.x.pk]))
    assert response.status_code == READS_X[role], f"{role} {name}"


# What each role reads on the plan page and in its exports: the texts of the agencies' actions.
SEES = {
    "office": {X_TEXT, Y_TEXT, BOARD_TEXT},
    "lead_x": {X_TEXT, BOARD_TEXT},
    "lead_y": {Y_TEXT, BOARD_TEXT},
    "chair": {BOARD_TEXT},
    "member": {BOARD_TEXT},
    "subgroup_chair": {BOARD_TEXT},  # works for agency Y, but is not its lead at the board
    "other_chair": {BOARD_TEXT},
}


@pytest.mark.parametrize("role", SEES)
def test_the_plan_page_and_its_exports_list_only_what_the_role_may_read(login_as, audit_plan, role):
    client = login_as(role)
    html = page(client, audit_plan.plan.get_absolute_url())
    csv = client.get(reverse("actions:export", args=[audit_plan.plan.pk, "csv"])).content.decode()
    for text in (X_TEXT, Y_TEXT, BOARD_TEXT):
        assert (text in html) == (text in SEES[role]), f"{role} page: {text}"
        assert (text in csv) == (text in SEES[role]), f"{role} CSV: {text}"
    if role != "office":  # the rest of the board sees the agencies' actions counted, by standard
        counts = html[html.index("Agencies' improvement actions") :]
        counts = " ".join(counts[: counts.index("</table>")].split())
        assert "1. A clear line of accountability</th> <td" in counts
        assert '>2</td> <td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in counts
        assert "2. Safe recruitment" in counts


def test_another_boards_office_sees_nothing(login_as, audit_plan, outsider):
    client = login_as("outsider")
    assert client.get(audit_plan.plan.get_absolute_url()).status_code == 404
    export = reverse("actions:export", args=[audit_plan.plan.pk, "csv"])
    assert client.get(export).status_code == 404
    assert not Action.objects.visible_to(outsider).filter(plan=audit_plan.plan).exists()


def test_the_agencys_lead_updates_it_and_finds_it_among_their_actions(
    login_as, audit_plan, lead_x, lead_y
):
    client = login_as("lead_x")
    assert X_TEXT in page(client, reverse("actions:mine"))
    assert Y_TEXT not in page(client, reverse("actions:mine"))
    action = audit_plan.x
    response = client.post(
        reverse("actions:update", args=[action.pk]),
        {
            "text": "Clauses drafted",
            "rag": "G",
            "forecast_rag": "G",
            "comment": "On track",
            "version": action.version,
        },
    )
    assert response.status_code == 302
    assert Update.objects.get(action=action).author == lead_x
    assert Y_TEXT in page(login_as("lead_y"), reverse("actions:mine"))
    assert X_TEXT not in page(login_as("lead_y"), reverse("actions:mine"))


def test_the_annual_report_counts_the_agencies_actions_without_listing_them(
    audit_plan, board, office
):
    done = audit_plan.plan.actions.get(rag=Rag.COMPLETE)  # its RAG as at a date comes from updates
    record_update(done, author=office, text="Clauses added", rag=Rag.COMPLETE, comment="Done")
    section = SimpleNamespace(plan_id=audit_plan.plan.pk, plan=audit_plan.plan)
    report = SimpleNamespace(
        board=board, period_start=date(2016, 4, 1), period_end=date(2099, 3, 31)
    )
    built = business_plan(section, report, office)
    cells = {cell for table in built["tables"] for row in table["rows"] for cell in row}
    assert BOARD_TEXT in cells
    assert not {X_TEXT, Y_TEXT} & cells
    assert "3 of them are agencies' own improvement actions (1 complete)" in " ".join(
        built["paragraphs"]
    )


def test_existing_improvement_actions_learn_their_agency_from_their_answer(audit_cycle, agency_x):
    submission = SubmissionFactory(cycle=audit_cycle, agency=agency_x)
    action = ActionFactory(plan=PlanFactory(board=audit_cycle.boards.get(), kind=PlanKind.AUDIT))
    criterion = audit_cycle.framework.standards.get(number=1).criteria.get(number=1)
    Answer.objects.create(
        submission=submission, criterion=criterion, rating=Rating.NOT_MET, action=action
    )
    board_wide = ActionFactory(plan=action.plan)
    module = importlib.import_module("audits.migrations.0007_backfill_improvement_action_agency")
    module.backfill(apps, None)
    action.refresh_from_db()
    board_wide.refresh_from_db()
    assert (action.agency, board_wide.agency) == (agency_x, None)

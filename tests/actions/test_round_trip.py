"""Export a plan, import the file as a new plan, get the same actions: CSV and XLSX."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import User
from actions.importing import parse
from actions.models import Action, Plan, Update
from core.spreadsheets import read_table

from ..helpers import date_fields

DEMO_PLAN = "LSCB Business Plan 2016-19"


@pytest.fixture
def demo_plan(demo_board):
    return Plan.objects.get(name=DEMO_PLAN)


def snapshot(plan):
    return {
        action.ref: (
            (action.theme.number, action.theme.title) if action.theme else None,
            action.text,
            sorted(group.name for group in action.owners.all()),
            action.named_owners,
            action.due_date,
            action.due_note,
            action.outcome,
            action.rag,
            action.updates.first().text if action.updates.exists() else "",
            sorted(other.ref for other in action.related.all()),
        )
        for action in plan.actions.all()
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_actions(client, demo_plan, fmt):
    office = User.objects.get(email="office@demo.lscb.test")
    client.force_login(office)
    exported = client.get(f"/plans/{demo_plan.pk}/export.{fmt}")
    assert exported.status_code == 200
    upload = {"name": f"Round trip {fmt}", "kind": "business"}
    upload["file"] = SimpleUploadedFile(f"plan.{fmt}", exported.content)
    checked = client.post(f"/boards/{demo_plan.board_id}/plans/import/", upload)
    assert checked.status_code == 200, checked.content.decode()[:2000]
    # the updates column is named for the latest round anyone updated in (the demo's April 2018)
    assert checked.context["form"]["name"].initial == "April 2018 updates"
    cycle = {"step": "confirm", "name": "April 2018 updates"}
    cycle |= {
        **date_fields("opens", date(2017, 3, 1)),
        **date_fields("deadline", date(2017, 4, 28)),
    }
    response = client.post(f"/boards/{demo_plan.board_id}/plans/import/", cycle)
    assert response.status_code == 302, response.content.decode()[:2000]
    copy = Plan.objects.get(name=f"Round trip {fmt}")
    assert copy.actions.count() == 62
    assert snapshot(copy) == snapshot(demo_plan)
    cycle = copy.cycles.get()
    assert (cycle.name, cycle.opens, cycle.deadline) == (
        "April 2018 updates",
        date(2017, 3, 1),
        date(2017, 4, 28),
    )
    assert set(Update.objects.filter(action__plan=copy).values_list("cycle", flat=True)) == {
        cycle.pk
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_neutralise_formulas_and_import_them_back(client, demo_plan, fmt):
    Action.objects.filter(plan=demo_plan, ref="1.1").update(text='=HYPERLINK("http://evil")')
    client.force_login(User.objects.get(email="office@demo.lscb.test"))
    exported = client.get(f"/plans/{demo_plan.pk}/export.{fmt}").content
    rows = read_table(f"plan.{fmt}", exported)
    assert rows[1][2] == '\'=HYPERLINK("http://evil")'
    parsed = parse(rows, demo_plan.board)
    assert parsed.rows[0].text == '=HYPERLINK("http://evil")'

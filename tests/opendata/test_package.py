"""The board's package: it validates, it names people by name, role and agency only, and a board
exported, imported into an empty database and exported again gives the same package."""

import csv
import io
import json
import zipfile

import pytest
from frictionless import validate

from opendata import exporting


def package(board, tmp_path, name="board.zip"):
    path = tmp_path / name
    with open(path, "wb") as out:
        exporting.write(board, out)
    return path


def table(path, name):
    with zipfile.ZipFile(path) as zf:
        return list(csv.DictReader(io.TextIOWrapper(zf.open(f"data/{name}.csv"), "utf-8")))


def test_demo_package_validates(demo_board, tmp_path):
    path = package(demo_board, tmp_path)
    report = validate(str(path))
    assert report.valid, report.flatten(["type", "note"])[:10]
    assert len(table(path, "actions")) > 10


def rewritten(path, name, change):
    """A copy of the package with data/`name`.csv changed by `change(text)`."""
    out = path.with_name("changed.zip")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.namelist():
            data = source.read(item)
            if item == f"data/{name}.csv":
                data = change(data.decode()).encode()
            target.writestr(item, data)
    return out


@pytest.mark.django_db
def test_people_are_named_by_name_role_and_agency_only(records, tmp_path, office, lead_x):
    path = package(records, tmp_path)
    assert list(table(path, "people")[0]) == ["id", "name", "agency"]
    assert {"Olive Office", lead_x.name} <= {p["name"] for p in table(path, "people")}
    assert {m["role"] for m in table(path, "board_memberships")} >= {"office", "agency_lead"}
    with zipfile.ZipFile(path) as zf:
        everything = b"".join(zf.read(n) for n in zf.namelist() if n.endswith(".csv")).decode()
    for user in (office, lead_x):
        assert user.email not in everything
    assert "password" not in everything and "pbkdf2" not in everything


@pytest.mark.django_db
def test_nothing_of_another_board(records, tmp_path, other_board_action, other_agency, outsider):
    path = package(records, tmp_path)
    assert other_agency.name not in {a["name"] for a in table(path, "agencies")}
    assert outsider.name not in {p["name"] for p in table(path, "people")}
    assert str(other_board_action.plan_id) not in {a["plan"] for a in table(path, "actions")}
    assert [b["name"] for b in table(path, "boards")] == [records.name]


@pytest.mark.django_db
def test_the_package_describes_types_and_keys(records, tmp_path):
    with zipfile.ZipFile(package(records, tmp_path)) as zf:
        descriptor = json.loads(zf.read("datapackage.json"))
    actions = next(r for r in descriptor["resources"] if r["name"] == "actions")
    types = {f["name"]: f["type"] for f in actions["schema"]["fields"]}
    assert types["due_date"] == "date" and types["created"] == "datetime"
    assert actions["schema"]["primaryKey"] == ["id"]
    plan = next(k for k in actions["schema"]["foreignKeys"] if k["fields"] in ("plan", ["plan"]))
    assert plan["reference"]["resource"] == "plans"


def test_every_model_of_the_board_s_apps_is_in_the_package_or_left_out_with_a_reason():
    from django.apps import apps

    from opendata.tables import ALL, LEFT_OUT

    apps_of_boards = {"accounts", "boards", "subgroups", "actions", "audits", "reviews"}
    apps_of_boards |= {"performance", "datasets", "notifications", "learning", "reports", "api"}
    written = {table.model for table in ALL}
    missing = {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in apps_of_boards
        and model not in written
        and not model.__name__.startswith("Historical")
    }
    assert missing == set(LEFT_OUT), "add each to opendata.tables.TABLES or LEFT_OUT"

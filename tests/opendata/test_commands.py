"""exportboard and importboard: a bad package is refused with a clear message and nothing made."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from actions.models import Action
from boards.models import Board

from .test_package import package, rewritten, table


def counts():
    return Board.objects.count(), User.objects.count(), Action.objects.count()


@pytest.mark.django_db
def test_exportboard_writes_a_package_that_validates(records, tmp_path, capsys):
    path = tmp_path / "out.zip"
    call_command("exportboard", records.short_name, str(path), "--validate")
    assert "The package validates." in capsys.readouterr().out
    assert table(path, "boards")[0]["name"] == records.name


@pytest.mark.django_db
def test_exportboard_needs_a_board(records, tmp_path):
    with pytest.raises(CommandError, match="No single board"):
        call_command("exportboard", "Nowhere", str(tmp_path / "out.zip"))


@pytest.mark.django_db
def test_a_package_that_does_not_validate_is_refused(records, tmp_path):
    path = package(records, tmp_path)
    bad = rewritten(path, "actions", lambda text: text.replace("2017-07-31", "31/07/2017"))
    records.name = "Renamed so the board itself would not clash"
    records.save()
    before = counts()
    with pytest.raises(CommandError, match="Nothing was imported.*does not validate"):
        call_command("importboard", str(bad))
    assert counts() == before


@pytest.mark.django_db
def test_a_board_already_here_is_refused_and_nothing_is_made(records, tmp_path):
    path = package(records, tmp_path)
    before = counts()
    with pytest.raises(CommandError, match="already here"):
        call_command("importboard", str(path))
    assert counts() == before  # the people made before the board was reached are gone again


@pytest.mark.django_db
def test_not_a_package(tmp_path, db):
    path = tmp_path / "notes.zip"
    path.write_text("not a zip")
    with pytest.raises(CommandError, match="not a zip file"):
        call_command("importboard", str(path))


@pytest.mark.django_db
def test_importboard_recreates_the_board(records, action, tmp_path, capsys):
    path = package(records, tmp_path)
    records.name = "The old copy"
    records.save()
    call_command("importboard", str(path))
    assert "no password yet" in capsys.readouterr().out
    copy = Board.objects.get(name=table(path, "boards")[0]["name"])
    imported = Action.objects.get(plan__board=copy, ref=action.ref)
    assert imported.updates.get().text == "Started"
    assert imported.history.count() == action.history.count()
    person = User.objects.get(name="Olive Office", board_memberships__board=copy)
    assert not person.has_usable_password()

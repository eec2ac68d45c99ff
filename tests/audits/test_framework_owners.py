"""Frameworks belong to a board (its office edits them and may share them) or to the deployment-wide
library (system administrators edit it; every office reads and copies it). Another board's office
neither reads nor changes a board's framework unless the owner shares it."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from audits.models import Framework

from ..factories import AuditCycleFactory, BoardFactory, CriterionFactory, StandardFactory
from ..helpers import date_fields, errors_of, page


def framework_with_a_criterion(board, name="Local standards"):
    criterion = CriterionFactory(
        standard=StandardFactory(
            framework=Framework.objects.create(board=board, name=name, version="1")
        )
    )
    return criterion.standard.framework


def change_urls(framework):
    standard = framework.standards.get()
    criterion = standard.criteria.get()
    return [
        reverse("audits:framework_edit", args=[framework.pk]),
        reverse("audits:framework_share", args=[framework.pk]),
        reverse("audits:standard_add", args=[framework.pk]),
        reverse("audits:standard_edit", args=[standard.pk]),
        reverse("audits:standard_delete", args=[standard.pk]),
        reverse("audits:criterion_add", args=[standard.pk]),
        reverse("audits:criterion_edit", args=[criterion.pk]),
        reverse("audits:criterion_delete", args=[criterion.pk]),
    ]


def test_another_boards_office_neither_reads_nor_changes_a_boards_draft(login_as, board):
    framework = framework_with_a_criterion(board)
    client = login_as("outsider")
    assert client.get(framework.get_absolute_url()).status_code == 404
    assert "Local standards" not in page(client, reverse("audits:frameworks"))
    for url in change_urls(framework):
        response = client.post(url, {"name": "Renamed", "version": "9", "submit": "Yes, delete"})
        assert response.status_code == 404, url
    framework.refresh_from_db()
    assert (framework.name, framework.standards.count()) == ("Local standards", 1)


def test_the_boards_people_read_it_and_only_its_office_changes_it(login_as, board):
    framework = framework_with_a_criterion(board)
    assert "Local standards" in page(login_as("member"), framework.get_absolute_url())
    assert login_as("member").post(change_urls(framework)[0], {}).status_code == 403
    client = login_as("office")
    response = client.post(change_urls(framework)[0], {"name": "Ours", "version": "1"})
    assert response.status_code == 302
    framework.refresh_from_db()
    assert (framework.name, framework.board) == ("Ours", board)


def test_the_library_is_read_and_copied_by_every_office_and_edited_by_administrators(
    login_as, office, outsider, admin_user, board
):
    library = framework_with_a_criterion(None, name="National standards")
    for role in ("office", "outsider", "member"):
        assert "National standards" in page(login_as(role), library.get_absolute_url())
    client = login_as("outsider")
    for url in change_urls(library):
        assert client.post(url, {"name": "Mine", "version": "9"}).status_code == 403, url
    # The outsider copies it into their own board: the copy is theirs to edit.
    copy_url = reverse("audits:framework_copy", args=[library.pk])
    assert "Copy it into your board" in page(client, library.get_absolute_url())
    theirs = outsider.board_memberships.get().board
    response = client.post(copy_url, {"board": theirs.pk, "version": "1"})
    copy = Framework.objects.get(board=theirs)
    assert response.url == copy.get_absolute_url()
    assert (copy.name, copy.previous, copy.standards.get().criteria.get().text) == (
        "National standards",
        library,
        library.standards.get().criteria.get().text,
    )
    # The same version into the same board twice is refused with the reason.
    errors = errors_of(client.post(copy_url, {"board": theirs.pk, "version": "1"}))
    assert errors["version"] == [f"{theirs.short_name} already has National standards 1"]
    assert client.post(change_urls(copy)[0], {"name": "Ours", "version": "1"}).status_code == 302
    # An office copies only into a board it manages.
    errors = errors_of(login_as("office").post(copy_url, {"board": theirs.pk, "version": "2"}))
    assert "board" in errors
    # System administrators edit the library.
    response = login_as(admin_user).post(
        change_urls(library)[0], {"name": "National standards", "version": "2"}
    )
    assert response.status_code == 302
    library.refresh_from_db()
    assert (library.version, library.board) == ("2", None)


def test_an_office_shares_its_framework_and_the_other_board_uses_but_does_not_change_it(
    login_as, board, outsider
):
    framework = framework_with_a_criterion(board)
    theirs = outsider.board_memberships.get().board
    cycle_add = reverse("audits:cycle_add")
    assert str(framework) not in page(login_as("outsider"), cycle_add)
    response = login_as("office").post(
        reverse("audits:framework_share", args=[framework.pk]), {"shared_with": [theirs.pk]}
    )
    assert response.status_code == 302
    assert list(framework.shared_with.all()) == [theirs]
    client = login_as("outsider")
    assert "Local standards" in page(client, framework.get_absolute_url())
    assert str(framework) in page(client, cycle_add)
    for url in change_urls(framework):
        assert client.post(url, {"name": "Renamed", "version": "9"}).status_code == 403, url


def test_the_cycle_form_refuses_a_framework_the_office_may_not_use(login_as, board, outsider):
    framework = framework_with_a_criterion(board)
    theirs = outsider.board_memberships.get().board
    data = {
        "name": "Section 11 audit",
        "framework": framework.pk,
        "boards": [theirs.pk],
        "sectors": ["police"],
        **date_fields("opens", __import__("datetime").date(2017, 1, 1)),
        **date_fields("closes", __import__("datetime").date(2017, 3, 1)),
    }
    errors = errors_of(login_as("outsider").post(reverse("audits:cycle_add"), data))
    assert "framework" in errors
    assert not framework.cycles.exists()


def test_the_board_field_offers_only_the_offices_boards(login_as, board, outsider):
    html = page(login_as("office"), reverse("audits:framework_add"))
    assert board.name in html
    assert outsider.board_memberships.get().board.name not in html


@pytest.fixture
def owners():
    """The data migration's step that gives existing frameworks their owner."""
    module = importlib.import_module("audits.migrations.0008_framework_owner_board")
    return lambda: module.owners(apps, None)


def test_existing_frameworks_belong_to_their_one_board_or_stay_in_the_library(board, owners):
    other = BoardFactory(name="Other Safeguarding Board")
    one = AuditCycleFactory(boards=[board]).framework
    AuditCycleFactory(boards=[board], framework=one)
    several = AuditCycleFactory(boards=[board]).framework
    AuditCycleFactory(boards=[other], framework=several)
    national = AuditCycleFactory(boards=[board, other]).framework
    unused = Framework.objects.create(name="Unused", version="1")
    owners()
    found = dict(Framework.objects.values_list("pk", "board"))
    assert found == {one.pk: board.pk, several.pk: None, national.pk: None, unused.pk: None}

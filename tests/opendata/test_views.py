"""The office's open data page and its download: the office of the board only."""

import io
import zipfile

import pytest
from django.urls import reverse


def urls(board):
    return [
        reverse("opendata:export", args=[board.pk]),
        reverse("opendata:download", args=[board.pk]),
    ]


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, board):
    for url in urls(board):
        assert client.get(url).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["chair", "member", "lead_x", "subgroup_chair"])
def test_the_board_s_other_people_may_not(login_as, board, role):
    for url in urls(board):
        assert login_as(role).get(url).status_code == 403


@pytest.mark.django_db
def test_another_board_s_office_sees_nothing(login_as, board, outsider):
    for url in urls(board):
        assert login_as("outsider").get(url).status_code == 404


@pytest.mark.django_db
def test_the_board_page_offers_it_to_the_office_only(login_as, board, office, member):
    page = reverse("boards:board", args=[board.pk])
    assert "Download everything as open data" in login_as("office").get(page).content.decode()
    assert "Download everything as open data" not in login_as("member").get(page).content.decode()


@pytest.mark.django_db
def test_the_office_downloads_the_package(login_as, board, action, office):
    page = login_as("office").get(reverse("opendata:export", args=[board.pk]))
    assert page.status_code == 200
    assert "data/actions.csv" in page.content.decode()
    response = login_as("office").get(reverse("opendata:download", args=[board.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "open-data" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        assert "datapackage.json" in zf.namelist()
        assert action.ref in zf.read("data/actions.csv").decode()

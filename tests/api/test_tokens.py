"""Tokens: made by their person, shown once, kept hashed, revoked; unknown or revoked tokens 401;
every request recorded and logged; each token rate-limited."""

import hashlib
import logging

import pytest
from django.core.management import call_command
from django.urls import reverse

from api.models import ApiRequest, ApiToken
from api.tokens import issue, revoke

from .tokens import bearer

BOARDS = "/api/boards/"


def test_a_token_is_kept_only_as_its_sha256(member):
    token, key = issue(member, "Power BI")
    assert key.startswith("lscb_") and len(key) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {stored.key_hash, stored.prefix, stored.name}
    assert key.startswith(stored.prefix)


def test_a_token_reads_as_its_person(client, member, board, other_board):
    answer = client.get(BOARDS, **bearer(member))
    assert answer.status_code == 200
    assert [b["name"] for b in answer.json()["results"]] == [board.name]


@pytest.mark.parametrize(
    "header",
    ["", "Bearer lscb_not-a-token", "Bearer", "Bearer two words", "Token lscb_x", "Basic eDp5"],
)
def test_no_token_or_an_unknown_one_is_401(client, member, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    answer = client.get(BOARDS, **extra)
    assert answer.status_code == 401
    assert answer["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_revoked_token_is_401_and_its_use_is_recorded(client, member):
    token, key = issue(member, "Old")
    revoke(token)
    answer = client.get(BOARDS, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert answer.status_code == 401
    assert list(token.requests.values_list("path", "status")) == [(BOARDS, 401)]


def test_a_closed_accounts_token_is_401(client, member):
    extra = bearer(member)
    member.is_active = False
    member.save()
    assert client.get(BOARDS, **extra).status_code == 401


def test_a_signed_in_session_is_not_a_token(client, member):
    client.force_login(member)
    assert client.get(BOARDS).status_code == 401


def test_each_request_is_recorded_and_logged(client, member, caplog):
    token, key = issue(member, "Excel")
    with caplog.at_level(logging.INFO, logger="api.requests"):
        client.get(BOARDS + "?page=1", HTTP_AUTHORIZATION=f"Bearer {key}")
        client.get("/api/plans/999999/", HTTP_AUTHORIZATION=f"Bearer {key}")
    rows = list(ApiRequest.objects.filter(token=token).order_by("at", "pk"))
    assert [(r.method, r.path, r.status) for r in rows] == [
        ("GET", BOARDS + "?page=1", 200),
        ("GET", "/api/plans/999999/", 404),
    ]
    token.refresh_from_db()
    assert token.last_used is not None
    lines = [r.getMessage() for r in caplog.records if r.name == "api.requests"]
    assert lines[0].startswith(f"api token={token.pk} GET {BOARDS}?page=1 200 ")


def test_the_api_is_read_only(client, member):
    extra = bearer(member)
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(BOARDS, **extra).status_code == 405


def test_requests_are_limited_per_token(client, member, settings):
    settings.API_RATE = "3/minute"
    first, second = bearer(member, "one"), bearer(member, "two")
    answers = [client.get(BOARDS, **first).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.get(BOARDS, **second).status_code == 200  # another token, its own count
    limited = client.get(BOARDS, **first)
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0


def test_the_schema_generates_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yaml")
    assert "/api/boards/{board_pk}/scorecard/series/" in (tmp_path / "s.yaml").read_text()


def test_schema_and_docs_need_no_token(client):
    assert client.get(reverse("api:schema")).json()["info"]["version"] == "1"
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    assert "GET /api/section-11/returns/" in docs.content.decode()


# The tokens page: a person's own tokens only.


def test_making_a_token_shows_it_once(client, member):
    client.force_login(member)
    page = client.post(reverse("api:tokens"), {"name": "Power BI scorecard"})
    assert page.status_code == 200
    token = ApiToken.objects.get(user=member)
    key = page.context["new_key"]
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key in page.content.decode() and "no-store" in page["Cache-Control"]
    again = client.get(reverse("api:tokens")).content.decode()
    assert "Power BI scorecard" in again and key not in again


def test_a_token_needs_a_name(client, member):
    client.force_login(member)
    page = client.post(reverse("api:tokens"), {"name": "  "})
    assert "Enter what the token is for" in page.content.decode()
    assert not ApiToken.objects.exists()


def test_a_person_holds_at_most_twenty_tokens(client, member):
    for n in range(20):
        issue(member, f"t{n}")
    client.force_login(member)
    page = client.post(reverse("api:tokens"), {"name": "One more"})
    assert "revoke one you no longer use first" in page.content.decode()
    assert ApiToken.objects.filter(user=member).count() == 20


def test_revoking_a_token(client, member):
    token, key = issue(member, "Excel")
    client.force_login(member)
    url = reverse("api:token_revoke", args=[token.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"submit": "Yes, revoke it"}).status_code == 302
    token.refresh_from_db()
    assert token.revoked is not None
    assert client.get(url).status_code == 404  # already revoked
    client.logout()
    assert client.get(BOARDS, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_nobody_sees_or_revokes_anyone_elses_token(client, member, office, outsider):
    token, _ = issue(member, "Member's")
    for person in (office, outsider):
        client.force_login(person)
        assert "Member's" not in client.get(reverse("api:tokens")).content.decode()
        url = reverse("api:token_revoke", args=[token.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"submit": "Yes, revoke it"}).status_code == 404
    token.refresh_from_db()
    assert token.revoked is None


def test_anonymous_people_are_sent_to_sign_in(client, member):
    token, _ = issue(member, "x")
    assert client.get(reverse("api:tokens")).status_code == 302
    url = reverse("api:token_revoke", args=[token.pk])
    assert client.post(url, {"submit": "Yes, revoke it"}).status_code == 302
    assert ApiToken.objects.get().revoked is None


def test_the_record_of_requests_is_kept_for_a_year_then_forgotten(member, settings):
    from datetime import timedelta
    from io import StringIO

    from django.utils import timezone

    token, _ = issue(member, "Power BI")
    now = timezone.now()
    ages = {"old": 366, "a year": 364, "today": 0}
    for path, days in ages.items():
        ApiRequest.objects.create(
            token=token, method="GET", path=path, status=200, at=now - timedelta(days=days)
        )
    out = StringIO()
    call_command("forget_api_requests", stdout=out)
    assert "1 API request(s) forgotten" in out.getvalue()
    assert set(ApiRequest.objects.values_list("path", flat=True)) == {"a year", "today"}
    settings.API_REQUEST_LOG_DAYS = 30
    call_command("forget_api_requests", stdout=StringIO())
    assert list(ApiRequest.objects.values_list("path", flat=True)) == ["today"]

"""The Django admin is the system administrators' alone. Every admin URL of every registered model
(the list comes from admin.site._registry: a model registered tomorrow is covered too), requested
as every role of both boards, is refused and changes nothing; the system administrator, past
two-factor sign-in (as the client fixture signs people in), gets in.

Proved in two steps rather than by sending every URL as every role (about 1,200 requests a role):
every admin URL, sent by office staff, asks the admin's gate (SystemAdminSite.has_permission) and
is refused, changing nothing; and the gate, asked by real requests of every kind from every role of
both boards, says no to each of them, again changing nothing. A URL that let anyone past without
asking the gate fails the first; a gate that let any role in fails the second."""

from datetime import UTC, datetime
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import AnonymousUser, Group
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Update
from audits.models import Submission
from boards.admin_site import SystemAdminSite
from boards.models import BoardLink
from notifications.models import Event, Notification
from notifications.notifying import send_notification
from reviews.models import LearningTheme, ReviewSettings

from .conftest import ROLES, TwoFactorClient
from .learning.records import every_learning_record

REGISTRY = admin.site._registry
MODELS = sorted(REGISTRY, key=lambda model: model._meta.label)


@pytest.fixture
def records(request, board, agency_x, action, cycle, submission, measurement, case_review):
    """Every role of both boards, and at least one record of every registered model."""
    for role in ROLES[1:]:
        request.getfixturevalue(role)
    request.getfixturevalue("admin_user")
    other_board = request.getfixturevalue("other_board")
    request.getfixturevalue("other_board_action")
    chair = request.getfixturevalue("subgroup_chair")
    Update.objects.create(action=action, cycle=cycle, text="On track", rag="G", author=chair)
    LearningTheme.objects.create(board=board, name="Neglect")
    ReviewSettings.objects.create(board=board, case_review_group=action.owners.get())
    BoardLink.objects.create(board=board, other=other_board, description="A shared business unit")
    every_learning_record(board, agency_x, request.getfixturevalue("office"))
    Group.objects.create(name="Auditors")
    TOTPDevice.objects.create(user=request.getfixturevalue("office"), name="Phone", confirmed=True)
    now = datetime(2017, 3, 31, tzinfo=UTC)
    seen = {"user_agent": "test", "ip_address": "127.0.0.1", "username": "x@example.test"}
    seen |= {"http_accept": "text/html", "path_info": "/login/", "attempt_time": now}
    AccessAttempt.objects.create(**seen, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**seen)
    AccessFailureLog.objects.create(**seen)
    told = Notification.objects.create(
        recipient=chair, event=Event.ACTION_ASSIGNED, subject="Action 1.1", body="Yours now"
    )
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        send_notification.enqueue(told.pk)  # a task waiting in the database queue
    found = {model: model._default_manager.order_by("pk").first() for model in MODELS}
    missing = [model._meta.label for model, obj in found.items() if obj is None]
    assert not missing, f"add a record of {missing} to this fixture"
    return found


def as_admin(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def form_data(model_admin, obj, request):
    """What the admin's change form of `obj` would post, with every text changed."""
    form = model_admin.get_form(request, obj)(instance=obj)
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled or value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(field, forms.CharField) and isinstance(value, str):
            value = f"{value} (changed)"
        data[name] = value
    return data


def autocomplete_fields(model):
    """Relations whose target's admin can be searched: each has an autocomplete URL."""
    for field in model._meta.get_fields():
        target = getattr(field, "related_model", None)
        if field.concrete and target in REGISTRY and REGISTRY[target].search_fields:
            yield field.name


def admin_requests(model, obj, request):
    """(kind, method, url, data) for every admin URL of `model`, about `obj`."""
    opts = model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    model_admin = REGISTRY[model]
    changed = form_data(model_admin, obj, request)
    changelist = reverse(f"{name}_changelist")
    change = reverse(f"{name}_change", args=[obj.pk])
    delete = reverse(f"{name}_delete", args=[obj.pk])
    bulk = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    yield "app index", "GET", reverse("admin:app_list", args=[opts.app_label]), None
    yield "changelist", "GET", changelist, None
    yield "bulk action", "POST", changelist, bulk
    yield "add", "GET", reverse(f"{name}_add"), None
    yield "add", "POST", reverse(f"{name}_add"), changed
    yield "change", "GET", change, None
    yield "change", "POST", change, changed
    yield "delete", "GET", delete, None
    yield "delete", "POST", delete, {"post": "yes"}
    yield "history", "GET", reverse(f"{name}_history", args=[obj.pk]), None
    if isinstance(model_admin, SimpleHistoryAdmin):
        version = getattr(obj, opts.simple_history_manager_attribute).earliest("history_id")
        url = reverse(f"{name}_simple_history", args=[obj.pk, version.history_id])
        yield "history detail", "GET", url, None
        yield "history detail", "POST", url, changed
    for field in autocomplete_fields(model):
        query = {"app_label": opts.app_label, "model_name": opts.model_name, "field_name": field}
        yield "autocomplete", "GET", f"{reverse('admin:autocomplete')}?{urlencode(query)}", None


def every_admin_request(records, admin_user):
    request = as_admin(admin_user)
    yield "index", "GET", reverse("admin:index"), None
    for model, obj in records.items():
        yield from admin_requests(model, obj, request)


def tables():
    """The registered models, their inlines' models, many-to-many tables and histories, and the
    admin's own log."""
    models = {LogEntry}
    for model, model_admin in REGISTRY.items():
        models.add(model)
        models.update(inline.model for inline in model_admin.inlines)
    for model in list(models):
        models.update(field.remote_field.through for field in model._meta.many_to_many)
        if hasattr(model._meta, "simple_history_manager_attribute"):
            models.add(getattr(model, model._meta.simple_history_manager_attribute).model)
    return models


def snapshot():
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values()) for model in tables()
    }


def refused(response):
    if response.status_code == 302:
        return response.url.startswith("/admin/login/")
    return response.status_code == 403


def send(client, method, url, data):
    return client.get(url) if method == "GET" else client.post(url, data)


def test_every_registered_model_is_covered(records, admin_user):
    request = as_admin(admin_user)
    kinds = {kind for kind, *_ in admin_requests(LearningTheme, records[LearningTheme], request)}
    assert len(MODELS) >= 20
    assert {"bulk action", "history detail", "autocomplete"} <= kinds


@pytest.fixture
def gate(monkeypatch):
    """The admin gate's answers, as (user's pk, answer), since the list was last cleared."""
    answers = []
    ask = SystemAdminSite.has_permission

    def has_permission(site, request):
        answer = ask(site, request)
        answers.append((request.user.pk, answer))
        return answer

    assert isinstance(admin.site._wrapped, SystemAdminSite)
    monkeypatch.setattr(SystemAdminSite, "has_permission", has_permission)
    return answers


def shut_out(client, requests, gate, user):
    """What of `requests`, sent by `client` as `user`, was let in or not refused by the gate."""
    let_in = []
    for kind, method, url, data in requests:
        gate.clear()
        response = send(client, method, url, data)
        if not refused(response):
            let_in.append(f"{kind}: {method} {url} answered {response.status_code}")
        elif gate != [(user.pk, False)]:
            let_in.append(f"{kind}: {method} {url}: the gate answered {gate}")
    return let_in


def test_every_admin_url_is_shut_at_the_gate_and_changes_nothing(
    records, login_as, admin_user, office, gate
):
    """Every admin URL of every model, sent by office staff (signed in with two factors, the
    application's widest role), asks the gate, is refused and changes nothing."""
    client = login_as("office")  # before the snapshot: signing in records the time and the login
    before = snapshot()
    assert shut_out(client, list(every_admin_request(records, admin_user)), gate, office) == []
    assert snapshot() == before


def test_the_gate_shuts_out_every_role_of_both_boards(records, request, admin_user, gate):
    """Every role of both boards sends a request of each kind and method (each role a different
    model's): the gate refuses each of them, and nothing changes."""
    clients = {}
    for role in ROLES:  # all signed in before the snapshot
        clients[role] = client = TwoFactorClient()
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
    by_kind = {}
    for kind, method, url, data in every_admin_request(records, admin_user):
        by_kind.setdefault((kind, method), []).append((kind, method, url, data))
    before = snapshot()
    let_in = {}
    for n, (role, client) in enumerate(clients.items()):
        sample = [each[n * len(each) // len(ROLES)] for each in by_kind.values()]
        user = request.getfixturevalue(role) if role != "anonymous" else AnonymousUser()
        let_in[role] = shut_out(client, sample, gate, user)
    assert let_in == dict.fromkeys(ROLES, [])
    assert snapshot() == before


def test_the_system_administrator_reaches_every_admin_url(records, login_as, admin_user):
    client = login_as("admin_user")
    request = as_admin(admin_user)
    wrong = []
    for kind, method, url, _ in every_admin_request(records, admin_user):
        if method != "GET":
            continue
        model = next(
            (m for m in REGISTRY if f"/{m._meta.app_label}/{m._meta.model_name}/" in url), None
        )
        expected = 200
        if kind == "add" and not REGISTRY[model].has_add_permission(request):
            expected = 403
        if kind == "delete" and not REGISTRY[model].has_delete_permission(request, records[model]):
            expected = 403
        status = client.get(url).status_code
        if status != expected:
            wrong.append(f"{kind}: GET {url} answered {status}, not {expected}")
    assert wrong == []


def admin_posts(records, admin_user, model, kind):
    return [
        (url, data)
        for each, method, url, data in admin_requests(model, records[model], as_admin(admin_user))
        if each == kind and method == "POST"
    ]


@pytest.mark.parametrize("kind", ["change", "history detail", "add"])
def test_the_posts_others_send_change_records_for_a_system_administrator(
    records, login_as, admin_user, kind
):
    """So the refusals above are of requests that would change something."""
    client = login_as("admin_user")
    [(url, data)] = admin_posts(records, admin_user, LearningTheme, kind)
    assert client.post(url, data).status_code == 302
    assert LearningTheme.objects.filter(name="Neglect (changed)").exists()


@pytest.mark.parametrize("kind", ["delete", "bulk action"])
def test_the_deletes_others_send_delete_for_a_system_administrator(
    records, login_as, admin_user, kind
):
    client = login_as("admin_user")
    [(url, data)] = admin_posts(records, admin_user, LearningTheme, kind)
    assert client.post(url, data).status_code == 302
    assert not LearningTheme.objects.exists()


def test_a_section_11_return_cannot_be_reverted_even_by_a_system_administrator(
    records, login_as, admin_user, submission
):
    """Returns are read-only in the admin; simple-history would save a posted revert anyway."""
    client = login_as("admin_user")
    [(url, data)] = admin_posts(records, admin_user, Submission, "history detail")
    before = snapshot()
    assert client.get(url).status_code == 200
    assert client.post(url, {**data, "status": "accepted"}).status_code == 403
    assert snapshot() == before


def test_office_staff_are_sent_to_the_admin_sign_in(login_as):
    response = login_as("office").get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_inactive_system_administrators_are_refused(login_as, admin_user):
    client = login_as("admin_user")
    admin_user.is_active = False
    admin_user.save()
    assert refused(client.get("/admin/"))

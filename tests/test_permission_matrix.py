"""Every named URL, requested as every role, answers what this matrix says.

A new URL without a row here fails `test_every_url_has_a_row`: decide who may see it before it ships.
Statuses: 200 ok, 302 redirect (anonymous to sign in), 403 visible but not allowed, 404 not visible,
405 method not allowed (GET on a POST-only URL).
"""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from boards.models import Invitation, Role
from reports import annual
from reports.models import AnnualReport

from .conftest import ROLES
from .factories import CriterionFactory, FrameworkFactory, StandardFactory

ANON_REDIRECT = {"anonymous": 302}
EVERYONE = dict.fromkeys(ROLES, 200)
SIGNED_IN = {**EVERYONE, **ANON_REDIRECT}
# Visible to the board's people; office staff of another board get 404.
BOARD_READERS = {**SIGNED_IN, "outsider": 404}
# Only the board's office staff may change it.
BOARD_OFFICE = {**dict.fromkeys(ROLES, 403), **ANON_REDIRECT, "office": 200, "outsider": 404}

# Office staff of any board (shared things such as frameworks of standards).
OFFICE_ANYWHERE = {**BOARD_OFFICE, "outsider": 200}

# An agency's own records: its lead and the board office; everyone else 404 (not 403).
AGENCY_X_ONLY = {**dict.fromkeys(ROLES, 404), **ANON_REDIRECT, "office": 200, "lead_x": 200}

# The person an invitation is for; everyone else 404.
INVITED_ONLY = {**dict.fromkeys(ROLES, 404), **ANON_REDIRECT, "outsider": 200}

MATRIX = {
    "healthz": ({}, EVERYONE),
    "accessibility": ({}, EVERYONE),
    "privacy": ({}, EVERYONE),
    "login": ({}, {**dict.fromkeys(ROLES, 302), "anonymous": 200}),
    "logout": ({}, dict.fromkeys(ROLES, 405)),
    "password_change": ({}, SIGNED_IN),
    "password_change_done": ({}, SIGNED_IN),
    "password_reset": ({}, EVERYONE),
    "password_reset_done": ({}, EVERYONE),
    "password_reset_confirm": ({"uidb64": "MQ", "token": "bad-token"}, EVERYONE),
    "password_reset_complete": ({}, EVERYONE),
    "home": ({}, SIGNED_IN),
    "boards:board": ({"pk": "board"}, BOARD_READERS),
    "boards:people": ({"pk": "board"}, BOARD_READERS),
    "boards:person_add": ({"pk": "board"}, BOARD_OFFICE),
    "boards:person_remove": ({"pk": "board_membership"}, BOARD_OFFICE),
    "boards:agency_add": ({"pk": "board"}, BOARD_OFFICE),
    "boards:agency_edit": ({"board_pk": "board", "pk": "agency_x"}, BOARD_OFFICE),
    "boards:agency": ({"pk": "agency_x"}, BOARD_READERS),
    # An invitation (to `outsider`, office of another board): only the person invited answers it.
    "boards:invitation": ({"token": "invitation_token"}, INVITED_ONLY),
    "boards:invitation_withdraw": ({"pk": "invitation"}, BOARD_OFFICE),
    "subgroups:subgroup": ({"pk": "subgroup"}, BOARD_READERS),
    "subgroups:add": ({"board_pk": "board"}, BOARD_OFFICE),
    "subgroups:edit": ({"pk": "subgroup"}, BOARD_OFFICE),
    "subgroups:terms_of_reference": ({"pk": "subgroup"}, BOARD_OFFICE),
    "subgroups:member_add": ({"pk": "subgroup"}, BOARD_OFFICE),
    "subgroups:member_edit": ({"pk": "subgroup_membership"}, BOARD_OFFICE),
    "subgroups:member_remove": ({"pk": "subgroup_membership"}, BOARD_OFFICE),
    "actions:plans": ({"board_pk": "board"}, BOARD_READERS),
    "actions:plan": ({"pk": "plan"}, BOARD_READERS),
    "actions:import": ({"board_pk": "board"}, BOARD_OFFICE),
    "actions:export": ({"pk": "plan", "fmt": "xlsx"}, BOARD_READERS),
    "actions:mine": ({}, SIGNED_IN),
    "actions:action": ({"pk": "action"}, BOARD_READERS),
    "actions:plan_add": ({"board_pk": "board"}, BOARD_OFFICE),
    "actions:plan_edit": ({"pk": "plan"}, BOARD_OFFICE),
    "actions:theme_add": ({"pk": "plan"}, BOARD_OFFICE),
    "actions:theme_edit": ({"pk": "theme"}, BOARD_OFFICE),
    "actions:cycle_add": ({"pk": "plan"}, BOARD_OFFICE),
    "actions:cycle_edit": ({"pk": "cycle"}, BOARD_OFFICE),
    "actions:action_add": ({"pk": "plan"}, BOARD_OFFICE),
    "actions:action_edit": ({"pk": "action"}, BOARD_OFFICE),
    "actions:carry_forward": ({"pk": "plan"}, BOARD_OFFICE),
    "actions:history": ({"pk": "plan"}, BOARD_OFFICE),
    "actions:update": ({"pk": "action"}, {**BOARD_OFFICE, "subgroup_chair": 200}),
    "audits:cycles": ({}, SIGNED_IN),
    "audits:cycle": ({"pk": "audit_cycle"}, BOARD_READERS),
    "audits:cycle_add": ({}, OFFICE_ANYWHERE),
    "audits:frameworks": ({}, SIGNED_IN),
    "audits:framework": ({"pk": "framework"}, SIGNED_IN),  # statutory standards: no secrets
    "audits:framework_add": ({}, OFFICE_ANYWHERE),
    # A framework no cycle uses yet; once used, nobody changes it (403, see test_frameworks).
    "audits:framework_edit": ({"pk": "draft_framework"}, OFFICE_ANYWHERE),
    "audits:standard_add": ({"pk": "draft_framework"}, OFFICE_ANYWHERE),
    "audits:standard_edit": ({"pk": "draft_standard"}, OFFICE_ANYWHERE),
    "audits:standard_delete": ({"pk": "draft_standard"}, OFFICE_ANYWHERE),
    "audits:criterion_add": ({"pk": "draft_standard"}, OFFICE_ANYWHERE),
    "audits:criterion_edit": ({"pk": "draft_criterion"}, OFFICE_ANYWHERE),
    "audits:criterion_delete": ({"pk": "draft_criterion"}, OFFICE_ANYWHERE),
    "audits:cycle_edit": ({"pk": "audit_cycle"}, BOARD_OFFICE),
    "audits:report": ({"pk": "audit_cycle"}, BOARD_READERS),
    "audits:report_export": ({"pk": "audit_cycle", "fmt": "csv"}, BOARD_READERS),
    "audits:start": ({"pk": "audit_cycle"}, {**dict.fromkeys(ROLES, 405), **ANON_REDIRECT}),
    "audits:submission": ({"pk": "submission"}, AGENCY_X_ONLY),
    "audits:standard": ({"pk": "submission", "number": 1}, AGENCY_X_ONLY),
    "audits:moderate": (
        {"pk": "submission"},
        {**AGENCY_X_ONLY, "office": 403, "lead_x": 403},
    ),  # a draft
    "audits:review": (
        {"pk": "submission"},
        {**AGENCY_X_ONLY, "office": 403, "lead_x": 403},
    ),  # a draft
    "audits:submit": ({"pk": "submission"}, AGENCY_X_ONLY),
    # Two-factor sign-in: office staff signed in with their code are sent on; others may opt in.
    "two_factor_verify": ({}, dict.fromkeys(ROLES, 302)),
    "two_factor_setup": ({}, {**SIGNED_IN, "office": 302, "outsider": 302}),
    "reports:annual_list": ({"board_pk": "board"}, BOARD_READERS),
    "reports:annual_add": ({"board_pk": "board"}, BOARD_OFFICE),
    "reports:annual": ({"pk": "annual_report"}, BOARD_READERS),
    "reports:annual_edit": ({"pk": "annual_report"}, BOARD_OFFICE),
    "reports:annual_publish": ({"pk": "annual_report"}, BOARD_OFFICE),
    "reports:annual_output": ({"pk": "annual_report", "fmt": "xlsx"}, BOARD_READERS),
    "reports:section_add": ({"pk": "annual_report"}, BOARD_OFFICE),
    "reports:section_edit": ({"pk": "report_section"}, BOARD_OFFICE),
    "reports:section_delete": ({"pk": "report_section"}, BOARD_OFFICE),
    "reports:publication": ({"pk": "publication", "fmt": "html"}, BOARD_READERS),
    # Performance: board readers read the scorecard and indicators; only office staff change them.
    "performance:index": ({}, SIGNED_IN),
    "performance:scorecard": ({"board_pk": "board"}, BOARD_READERS),
    "performance:export": ({"board_pk": "board", "fmt": "xlsx"}, BOARD_READERS),
    "performance:indicator": ({"pk": "indicator"}, BOARD_READERS),
    "performance:indicator_add": ({"board_pk": "board"}, BOARD_OFFICE),
    "performance:indicator_edit": ({"pk": "indicator"}, BOARD_OFFICE),
    "performance:target_add": ({"pk": "indicator"}, BOARD_OFFICE),
    "performance:target_edit": ({"pk": "target"}, BOARD_OFFICE),
    "performance:measurement_add": ({"pk": "indicator"}, BOARD_OFFICE),
    "performance:measurement_edit": ({"pk": "measurement"}, BOARD_OFFICE),
    "performance:override": ({"pk": "measurement"}, BOARD_OFFICE),
    "performance:import": ({"board_pk": "board"}, BOARD_OFFICE),
}

# Case reviews: the board's office staff, chair and members read them; office staff change them (so does
# the case review group: tests/test_reviews.py); agency leads and other groups' members get 404.
REVIEW_READERS = {
    **dict.fromkeys(ROLES, 404),
    **ANON_REDIRECT,
    "office": 200,
    "chair": 200,
    "member": 200,
}
REVIEW_EDITORS = {**REVIEW_READERS, "chair": 403, "member": 403}
MATRIX.update(
    {
        "reviews:list": ({}, SIGNED_IN),
        "reviews:export": ({"fmt": "csv"}, SIGNED_IN),
        "reviews:clocks": ({}, SIGNED_IN),
        "reviews:lessons": ({}, SIGNED_IN),
        "reviews:review": ({"pk": "case_review"}, REVIEW_READERS),
        "reviews:add": ({"board_pk": "board"}, REVIEW_EDITORS),
        "reviews:settings": ({"board_pk": "board"}, REVIEW_EDITORS),
        "reviews:theme_add": ({"board_pk": "board"}, REVIEW_EDITORS),
        "reviews:edit": ({"pk": "case_review"}, REVIEW_EDITORS),
        "reviews:status": ({"pk": "case_review"}, REVIEW_EDITORS),
        "reviews:recategorise": ({"pk": "case_review"}, REVIEW_EDITORS),
        "reviews:lesson_add": ({"pk": "case_review"}, REVIEW_EDITORS),
        "reviews:lesson_edit": ({"pk": "lesson"}, REVIEW_EDITORS),
        "reviews:recommendation_add": ({"pk": "case_review"}, REVIEW_EDITORS),
        "reviews:recommendation_edit": ({"pk": "recommendation"}, REVIEW_EDITORS),
        "reviews:dissemination": ({"pk": "case_review"}, REVIEW_EDITORS),
        "reviews:plan_open": ({"pk": "case_review"}, REVIEW_EDITORS),
        "reviews:history": ({"pk": "case_review"}, REVIEW_EDITORS),
    }
)


def named_urls(patterns=None, namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_a_row():
    names = {name for name in named_urls() if not name.startswith("admin:")}
    assert names - MATRIX.keys() == set(), "add these URLs to the permission matrix"
    assert MATRIX.keys() - names == set(), "these matrix rows name URLs that no longer exist"


@pytest.fixture
def objects(
    board,
    office,
    outsider,
    agency_x,
    subgroup,
    member,
    subgroup_chair,
    action,
    cycle,
    submission,
    measurement,
    case_review,
):
    draft = CriterionFactory(standard=StandardFactory(framework=FrameworkFactory()))
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report",
        period_start=date(2016, 4, 1),
        period_end=date(2017, 3, 31),
    )
    annual.start(report, None)
    invitation = Invitation.objects.create(
        board=board, user=outsider, email=outsider.email, role=Role.MEMBER, offer="Board member"
    )
    return {
        "invitation": invitation.pk,
        "invitation_token": invitation.token,
        "case_review": case_review.pk,
        "lesson": case_review.lessons.get().pk,
        "recommendation": case_review.recommendations.get().pk,
        "annual_report": report.pk,
        "report_section": report.sections.first().pk,
        "publication": annual.publish(report, office).pk,
        "framework": submission.cycle.framework.pk,
        "draft_framework": draft.standard.framework.pk,
        "draft_standard": draft.standard.pk,
        "draft_criterion": draft.pk,
        "indicator": measurement.indicator.pk,
        "target": measurement.indicator.targets.get().pk,
        "measurement": measurement.pk,
        "audit_cycle": submission.cycle.pk,
        "submission": submission.pk,
        "theme": action.theme.pk,
        "cycle": cycle.pk,
        "plan": action.plan.pk,
        "action": action.pk,
        "board": board.pk,
        "agency_x": agency_x.pk,
        "subgroup": subgroup.pk,
        "board_membership": member.board_memberships.get().pk,
        "subgroup_membership": subgroup.memberships.get(user=subgroup_chair).pk,
    }


@pytest.mark.parametrize("name", MATRIX)
@pytest.mark.parametrize("role", ROLES)
def test_matrix(name, role, objects, login_as, request):
    # Every role exists in every test, so "other" roles are real people, not empty tables.
    for each in ROLES[1:]:
        request.getfixturevalue(each)
    kwargs, expected = MATRIX[name]
    url = reverse(name, kwargs={key: objects.get(value, value) for key, value in kwargs.items()})
    response = login_as(role).get(url)
    assert response.status_code == expected[role], f"{role} GET {url}"

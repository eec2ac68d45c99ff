"""Every named URL, requested as every role, answers what this matrix says.

A new URL without a row here fails `test_every_url_has_a_row`: decide who may see it before it ships.
Statuses: 200 ok, 302 redirect (anonymous to sign in), 403 visible but not allowed, 404 not visible,
405 method not allowed (GET on a POST-only URL).
"""

from datetime import date, timedelta
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from actions.models import PlanImport
from actions.updating import record_update
from api.tokens import issue
from audits.models import GoodPractice
from boards.models import (
    Board,
    BoardLink,
    Budget,
    Contribution,
    ImportKind,
    ImportMapping,
    Invitation,
    Role,
    ScrutinyFinding,
    SpendLine,
)
from datasets.models import Dataset, Dimension, Figure, Measure
from performance.models import FigureImport
from reports import annual
from reports.models import AnnualReport
from reviews.models import InformationRequest, LearningTheme

from .api.tokens import api_get
from .conftest import BOARD_ROLES, OTHER_BOARD_ROLES, TwoFactorClient, shareable, shared_world
from .conftest import ROLES as ALL_ROLES
from .factories import BoardFactory, CriterionFactory, FrameworkFactory, StandardFactory
from .learning.records import training_records
from .learning.survey_fixtures import survey_objects
from .quality_factories import AuditRecommendationFactory, FindingFactory, QualityAuditFactory
from .reviews.sar_fixtures import new_sar

# Rows name the roles of `board` and `outsider` (the other board's office); the other board's other
# people follow by rule (with_other_board, below) unless a row names them.
ROLES = BOARD_ROLES
ANON_REDIRECT = {"anonymous": 302}
EVERYONE = dict.fromkeys(ROLES, 200)
SIGNED_IN = {**EVERYONE, **ANON_REDIRECT}
# Visible to the board's people; office staff of another board get 404.
BOARD_READERS = {**SIGNED_IN, "outsider": 404}
# Only the board's office staff may change it.
BOARD_OFFICE = {**dict.fromkeys(ROLES, 403), **ANON_REDIRECT, "office": 200, "outsider": 404}

# Office staff of any board (adding a framework or a cycle to one of their own boards).
OFFICE_ANYWHERE = {**BOARD_OFFICE, "outsider": 200}

# An agency's own records: its lead and the board office; everyone else 404 (not 403).
AGENCY_X_ONLY = {**dict.fromkeys(ROLES, 404), **ANON_REDIRECT, "office": 200, "lead_x": 200}

# The person an invitation is for; everyone else 404.
INVITED_ONLY = {**dict.fromkeys(ROLES, 404), **ANON_REDIRECT, "outsider": 200}

# People who see the board but do not read all of it (boards.models.BOARD_READER_ROLES).
NOT_READERS_403 = dict.fromkeys(["subgroup_chair", "other_chair", "lead_x", "lead_y"], 403)
NOT_READERS_404 = dict.fromkeys(NOT_READERS_403, 404)

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
    "boards:agencies": ({"pk": "board"}, BOARD_READERS),
    "boards:agency_add": ({"pk": "board"}, BOARD_OFFICE),
    "boards:agency_edit": ({"board_pk": "board", "pk": "agency_x"}, BOARD_OFFICE),
    "boards:agency": ({"pk": "agency_x"}, BOARD_READERS),
    "boards:edit": ({"pk": "board"}, BOARD_OFFICE),
    "boards:link_add": ({"pk": "board"}, BOARD_OFFICE),
    "boards:link_edit": ({"pk": "board_link"}, BOARD_OFFICE),
    "boards:link_remove": ({"pk": "board_link"}, BOARD_OFFICE),
    "boards:agency_remove": ({"board_pk": "board", "pk": "agency_x"}, BOARD_OFFICE),
    # An invitation (to `outsider`, office of another board): only the person invited answers it.
    "boards:invitation": ({"token": "invitation_token"}, INVITED_ONLY),
    "boards:invitation_withdraw": ({"pk": "invitation"}, BOARD_OFFICE),
    "boards:import_mappings": ({"board_pk": "board"}, BOARD_OFFICE),
    "boards:import_mapping_edit": ({"pk": "import_mapping"}, BOARD_OFFICE),
    "boards:import_mapping_remove": ({"pk": "import_mapping"}, BOARD_OFFICE),
    "boards:relevant_agencies": ({"board_pk": "board"}, BOARD_READERS),
    "boards:relevant_agency_edit": ({"board_pk": "board", "pk": "agency_x"}, BOARD_OFFICE),
    # Scrutiny: the board's readers (office, chairs, members, the scrutineer, the safeguarding
    # partners) read it; agency leads and group members see the board, not its scrutiny (403, 404
    # for a finding). Only the scrutineer records and only the addressed partner answers: neither is
    # a role of the test board (an LSCB), so their rows are in tests/boards/test_statutory_roles.py.
    "boards:findings": ({"board_pk": "board"}, {**BOARD_READERS, **NOT_READERS_403}),
    "boards:finding_add": ({"board_pk": "board"}, {**BOARD_OFFICE, "office": 403}),
    "boards:finding": ({"pk": "scrutiny_finding"}, {**BOARD_READERS, **NOT_READERS_404}),
    "boards:finding_respond": (
        {"pk": "scrutiny_finding"},
        {**BOARD_OFFICE, **NOT_READERS_404, "office": 403},
    ),
    # The board's budget: its people read it and download it; its office records it.
    "boards:budgets": ({"board_pk": "board"}, BOARD_READERS),
    "boards:budget_add": ({"board_pk": "board"}, BOARD_OFFICE),
    "boards:budget": ({"pk": "budget"}, BOARD_READERS),
    "boards:budget_edit": ({"pk": "budget"}, BOARD_OFFICE),
    "boards:budget_export": ({"pk": "budget", "fmt": "xlsx"}, BOARD_READERS),
    "boards:contribution_add": ({"pk": "budget"}, BOARD_OFFICE),
    "boards:contribution_edit": ({"pk": "contribution"}, BOARD_OFFICE),
    "boards:contribution_remove": ({"pk": "contribution"}, BOARD_OFFICE),
    "boards:spend_add": ({"pk": "budget"}, BOARD_OFFICE),
    "boards:spend_edit": ({"pk": "spend_line"}, BOARD_OFFICE),
    "boards:spend_remove": ({"pk": "spend_line"}, BOARD_OFFICE),
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
    # An update of `action`: only the board's office withdraws it.
    "actions:update_withdraw": ({"pk": "update"}, BOARD_OFFICE),
    "actions:imports": ({"board_pk": "board"}, BOARD_OFFICE),
    "actions:import_undo": ({"pk": "plan_import"}, BOARD_OFFICE),
    "audits:cycles": ({}, SIGNED_IN),
    "audits:cycle": ({"pk": "audit_cycle"}, BOARD_READERS),
    "audits:cycle_add": ({}, OFFICE_ANYWHERE),
    # The returns of the cycles an office runs (another board's office sees its own, none of these).
    "audits:returns": ({}, OFFICE_ANYWHERE),
    "audits:frameworks": ({}, SIGNED_IN),
    # A board's framework: its people read it; another board's office does not see it (404).
    "audits:framework": ({"pk": "framework"}, BOARD_READERS),
    "audits:framework_add": ({}, OFFICE_ANYWHERE),
    # A draft framework of the board: its office changes it (once used, nobody: see test_frameworks);
    # another board's office gets 404 (the library and shared frameworks: tests/audits/test_frameworks.py).
    "audits:framework_edit": ({"pk": "draft_framework"}, BOARD_OFFICE),
    "audits:framework_copy": ({"pk": "draft_framework"}, BOARD_OFFICE),
    "audits:framework_share": ({"pk": "draft_framework"}, BOARD_OFFICE),
    "audits:standard_add": ({"pk": "draft_framework"}, BOARD_OFFICE),
    "audits:standard_edit": ({"pk": "draft_standard"}, BOARD_OFFICE),
    "audits:standard_delete": ({"pk": "draft_standard"}, BOARD_OFFICE),
    "audits:criterion_add": ({"pk": "draft_standard"}, BOARD_OFFICE),
    "audits:criterion_edit": ({"pk": "draft_criterion"}, BOARD_OFFICE),
    "audits:criterion_delete": ({"pk": "draft_criterion"}, BOARD_OFFICE),
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
    # Practitioner surveys: the board's people read the results (totals); its office builds and
    # shares the survey and alone reads the free text; anyone with an agency's link answers.
    "learning:surveys": ({"board_pk": "board"}, BOARD_READERS),
    "learning:survey_add": ({"board_pk": "board"}, BOARD_OFFICE),
    "learning:survey": ({"pk": "survey"}, BOARD_READERS),
    "learning:survey_edit": ({"pk": "survey"}, BOARD_OFFICE),
    "learning:question_add": ({"pk": "survey"}, BOARD_OFFICE),
    "learning:question_edit": ({"pk": "survey_question"}, BOARD_OFFICE),
    "learning:question_remove": ({"pk": "survey_question"}, BOARD_OFFICE),
    "learning:survey_links": ({"pk": "survey"}, BOARD_OFFICE),
    "learning:survey_results": ({"pk": "survey"}, BOARD_READERS),
    "learning:survey_comments": ({"pk": "survey"}, BOARD_OFFICE),
    "learning:survey_answer": ({"token": "survey_token"}, EVERYONE),
    "learning:survey_thanks": ({"token": "survey_token"}, EVERYONE),
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
    "datasets:index": ({"board_pk": "board"}, BOARD_READERS),
    "datasets:add": ({"board_pk": "board"}, BOARD_OFFICE),
    "datasets:add_from_library": ({"board_pk": "board"}, BOARD_OFFICE),
    "datasets:dataset": ({"pk": "dataset"}, BOARD_READERS),
    "datasets:edit": ({"pk": "dataset"}, BOARD_OFFICE),
    "datasets:dimension_add": ({"pk": "dataset"}, BOARD_OFFICE),
    "datasets:dimension_edit": ({"pk": "dataset_dimension"}, BOARD_OFFICE),
    "datasets:measure_add": ({"pk": "dataset"}, BOARD_OFFICE),
    "datasets:measure_edit": ({"pk": "dataset_measure"}, BOARD_OFFICE),
    # The supplying agency's (X's) lead enters, imports and corrects the figures with the office.
    "datasets:history": ({"pk": "dataset"}, {**BOARD_OFFICE, "lead_x": 200}),
    "datasets:period": ({"pk": "dataset"}, {**BOARD_OFFICE, "lead_x": 200}),
    "datasets:period_edit": (
        {"pk": "dataset", "period": "2017-03-31"},
        {**BOARD_OFFICE, "lead_x": 200},
    ),
    "datasets:import": ({"pk": "dataset"}, {**BOARD_OFFICE, "lead_x": 200}),
    "datasets:figure_edit": ({"pk": "dataset_figure"}, {**BOARD_OFFICE, "lead_x": 200}),
    "datasets:figure_delete": ({"pk": "dataset_figure"}, {**BOARD_OFFICE, "lead_x": 200}),
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
    "performance:measurement_delete": ({"pk": "measurement"}, BOARD_OFFICE),
    "performance:indicator_history": ({"pk": "indicator"}, BOARD_OFFICE),
    "performance:imports": ({"board_pk": "board"}, BOARD_OFFICE),
    "performance:import_undo": ({"pk": "figure_import"}, BOARD_OFFICE),
    "performance:import": ({"board_pk": "board"}, BOARD_OFFICE),
    # A person's own notifications and how they get them: every signed-in person, only their own.
    "notifications:list": ({}, SIGNED_IN),
    "notifications:settings": ({}, SIGNED_IN),
}

# Case reviews: the board's office staff, chair and members read them; office staff change them (so does
# the case review group: tests/reviews/test_reviews.py); agency leads and other groups' members get 404.
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
        "reviews:theme_edit": ({"pk": "learning_theme"}, REVIEW_EDITORS),
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


# The good practice catalogue: `good_practice` is an example lead_x sent in, waiting for approval: they
# and the office see it, nobody else (published examples: tests/audits/test_good_practice.py). Anyone
# with a place at the board sends one in; members of its groups only read the catalogue.
MATRIX.update(
    {
        "audits:good_practice": ({}, SIGNED_IN),
        "audits:good_practice_mine": ({}, SIGNED_IN),
        "audits:good_practice_add": (
            {"board_pk": "board"},
            {**BOARD_READERS, "subgroup_chair": 403, "other_chair": 403},
        ),
        "audits:good_practice_entry": ({"pk": "good_practice"}, AGENCY_X_ONLY),
        "audits:good_practice_edit": ({"pk": "good_practice"}, AGENCY_X_ONLY),
        "audits:good_practice_decide": ({"pk": "good_practice"}, {**AGENCY_X_ONLY, "lead_x": 403}),
        "audits:good_practice_withdraw": ({"pk": "good_practice"}, AGENCY_X_ONLY),
    }
)

# Multi-agency quality audits: the board's people read them; its office and the running group's people
# (here `subgroup`, chaired by `subgroup_chair`) change them; anyone in one of its groups plans one.
QUALITY_EDITORS = {**BOARD_OFFICE, "subgroup_chair": 200}
MATRIX.update(
    {
        "audits:quality_audits": ({}, SIGNED_IN),
        "audits:quality_audit": ({"pk": "quality_audit"}, BOARD_READERS),
        "audits:quality_audit_add": (
            {"board_pk": "board"},
            {**QUALITY_EDITORS, "other_chair": 200},
        ),
        "audits:quality_audit_edit": ({"pk": "quality_audit"}, QUALITY_EDITORS),
        "audits:quality_audit_record": ({"pk": "quality_audit"}, QUALITY_EDITORS),
        "audits:finding_add": ({"pk": "quality_audit"}, QUALITY_EDITORS),
        "audits:finding_edit": ({"pk": "audit_finding"}, QUALITY_EDITORS),
        "audits:quality_recommendation_add": ({"pk": "quality_audit"}, QUALITY_EDITORS),
        "audits:quality_recommendation_edit": ({"pk": "audit_recommendation"}, QUALITY_EDITORS),
        "audits:quality_recommendation_action": ({"pk": "audit_recommendation"}, QUALITY_EDITORS),
        # What audits found and reviews' lessons say, by learning theme: each part as its reader may.
        "reports:themes": ({}, SIGNED_IN),
    }
)

# Training: the board's people see the programme and its figures; the office runs it; agency leads
# book (their own agency's staff) and list their own staff; an attendee's evaluation link needs no
# account. Agency X's booking: its lead and the office (AGENCY_X_ONLY).
TRAINING_BOOKERS = {**BOARD_OFFICE, "lead_x": 200, "lead_y": 200}
MATRIX.update(
    {
        "learning:index": ({}, SIGNED_IN),
        "learning:course_add": ({"board_pk": "board"}, BOARD_OFFICE),
        "learning:course": ({"pk": "course"}, BOARD_READERS),
        "learning:course_edit": ({"pk": "course"}, BOARD_OFFICE),
        "learning:session_add": ({"pk": "course"}, BOARD_OFFICE),
        "learning:session": ({"pk": "training_session"}, BOARD_READERS),
        "learning:session_edit": ({"pk": "training_session"}, BOARD_OFFICE),
        "learning:book": ({"pk": "training_session"}, TRAINING_BOOKERS),
        "learning:attendance": ({"pk": "training_session"}, BOARD_OFFICE),
        "learning:booking_cancel": ({"pk": "booking"}, AGENCY_X_ONLY),
        "learning:trainers": ({"board_pk": "board"}, BOARD_OFFICE),
        "learning:trainer_add": ({"board_pk": "board"}, BOARD_OFFICE),
        "learning:trainer_edit": ({"pk": "trainer"}, BOARD_OFFICE),
        "learning:counts": ({"board_pk": "board"}, BOARD_READERS),
        "learning:attendees": ({"board_pk": "board"}, TRAINING_BOOKERS),
        "learning:evaluations": ({"board_pk": "board"}, BOARD_READERS),
        "learning:evaluate": ({"token": "evaluation_token"}, EVERYONE),
        "learning:elearning": ({"board_pk": "board"}, BOARD_READERS),
        "learning:elearning_import": ({"board_pk": "board"}, BOARD_OFFICE),
        "learning:department_edit": ({"pk": "elearning_department"}, BOARD_OFFICE),
    }
)

# A board's whole record as open data (#20): its office alone.
MATRIX.update(
    {
        "opendata:export": ({"pk": "board"}, BOARD_OFFICE),
        "opendata:download": ({"pk": "board"}, BOARD_OFFICE),
    }
)


# The serious incident pipeline (reviews/incidents.py): the office (and the case review group) asks
# agencies and records the panel's response and the decision; an agency's request is seen by the
# office and that agency's lead only (board members, other agencies and other boards 404); only the
# lead returns it, only the office moves its due date. Board members read the review, not the returns.
MATRIX.update(
    {
        "reviews:information_ask": ({"pk": "case_review"}, REVIEW_EDITORS),
        "reviews:information_requests": ({}, SIGNED_IN),
        "reviews:information_request": ({"pk": "information_request"}, AGENCY_X_ONLY),
        "reviews:information_due": (
            {"pk": "information_request"},
            {**AGENCY_X_ONLY, "lead_x": 403},
        ),
        "reviews:information_return": (
            {"pk": "information_request"},
            {**AGENCY_X_ONLY, "office": 403},
        ),
        "reviews:panel_response": ({"pk": "case_review"}, REVIEW_EDITORS),
        "reviews:lcspr_decision": ({"pk": "case_review"}, REVIEW_EDITORS),
        "reviews:monitoring": ({"board_pk": "board"}, REVIEW_EDITORS),
    }
)


# The read API (api/): asked with a token of each role (`api_get`: none for anonymous, 401); a
# token sees what its person sees on the pages. The token pages and the docs are ordinary pages.
TOKEN_READERS = {**dict.fromkeys(ROLES, 200), "anonymous": 401}
TOKEN_BOARD_READERS = {**TOKEN_READERS, "outsider": 404}
TOKEN_ROWS = {
    "api:boards": ({}, TOKEN_READERS),
    "api:plans": ({}, TOKEN_READERS),
    "api:plan": ({"pk": "plan"}, TOKEN_BOARD_READERS),
    "api:section_11_cycles": ({}, TOKEN_READERS),
    "api:section_11_results": ({"pk": "audit_cycle"}, TOKEN_BOARD_READERS),
    "api:section_11_returns": ({}, TOKEN_READERS),
    "api:scorecard": ({"board_pk": "board"}, TOKEN_BOARD_READERS),
    "api:scorecard_series": ({"board_pk": "board"}, TOKEN_BOARD_READERS),
    "api:reviews": ({}, TOKEN_READERS),
    "api:review": ({"pk": "published_review"}, {**REVIEW_READERS, "anonymous": 401}),
    "api:publications": ({}, TOKEN_READERS),
    "api:publication": ({"pk": "publication"}, TOKEN_BOARD_READERS),
}
MATRIX.update(
    {
        **TOKEN_ROWS,
        "api:schema": ({}, EVERYONE),
        "api:docs": ({}, EVERYONE),
        "api:tokens": ({}, SIGNED_IN),
        # `api_token` is the member's: nobody else sees it (404).
        "api:token_revoke": (
            {"pk": "api_token"},
            {**dict.fromkeys(ROLES, 404), **ANON_REDIRECT, "member": 200},
        ),
    }
)


def published_review(board):
    """A published case review of `board`, with a lesson (the API lists published reviews only)."""
    from reviews.models import Status

    from .reviews_factories import CaseReviewFactory, LessonFactory

    review = CaseReviewFactory(board=board, reference="Child R", status=Status.PUBLISHED)
    LessonFactory(review=review, number=1)
    return review


# Safeguarding adults reviews (reviews/views/sar.py): a board's SAR pages exist on adults boards only,
# so the test board (an LSCB) answers 404 to all; their rows for an adults board's roles (office and
# case review group change, the chair and members read, agency leads and other boards 404) are in
# tests/reviews/test_sar.py. A SAR's own pages follow the case review's rules (`sar_review`: a SAR
# recorded on the test board).
NO_SAR_PAGES = {**dict.fromkeys(ROLES, 404), **ANON_REDIRECT}
MATRIX.update(
    {
        "reviews:sar_list": ({"board_pk": "board"}, NO_SAR_PAGES),
        "reviews:sar_add": ({"board_pk": "board"}, NO_SAR_PAGES),
        "reviews:sar_export": ({"board_pk": "board", "fmt": "csv"}, NO_SAR_PAGES),
        "reviews:sar_referral": ({"pk": "sar_review"}, REVIEW_EDITORS),
        "reviews:sar_decision": ({"pk": "sar_review"}, REVIEW_EDITORS),
        "reviews:sar_methodology": ({"pk": "sar_review"}, REVIEW_EDITORS),
        "reviews:sar_coversheet": ({"pk": "sar_review"}, REVIEW_EDITORS),
        "reviews:sar_markers": ({"pk": "sar_review"}, REVIEW_EDITORS),
    }
)


def waiting_example(board, agency, user):
    """An example of good practice `user` sent in, waiting for the office's approval."""
    return GoodPractice.objects.create(
        board=board,
        agency=agency,
        submitted_by=user,
        title="Hearing a non-verbal child",
        summary="Picture cards at every visit",
        outcome="Their wishes shaped the plan",
    )


def named_urls(patterns=None, namespace=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


# The yearly report's outline, publishing and the kind change (#19 items 4 and 7): the office
# records where a version was sent, keeps the recipients and changes an LSCB's kind; only the board's
# independent scrutineer writes the statement (no role of this LSCB: tests/reports/test_statement.py).
MATRIX.update(
    {
        "boards:kind_change": ({"pk": "board"}, BOARD_OFFICE),
        "reports:publication_sent": ({"pk": "publication"}, BOARD_OFFICE),
        "reports:statement_edit": ({"pk": "report_section"}, {**BOARD_OFFICE, "office": 403}),
        "reports:recipients": ({"board_pk": "board"}, BOARD_OFFICE),
        "reports:recipient_add": ({"board_pk": "board"}, BOARD_OFFICE),
        "reports:recipient_edit": ({"pk": "report_recipient"}, BOARD_OFFICE),
        "reports:recipient_remove": ({"pk": "report_recipient"}, BOARD_OFFICE),
    }
)


def test_every_url_has_a_row():
    names = {name for name in named_urls() if not name.startswith("admin:")}
    assert names - MATRIX.keys() == set(), "add these URLs to the permission matrix"
    assert MATRIX.keys() - names == set(), "these matrix rows name URLs that no longer exist"


@shareable
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
    lead_x,
):
    draft = CriterionFactory(standard=StandardFactory(framework=FrameworkFactory(board=board)))
    report = AnnualReport.objects.create(
        board=board,
        title="Annual Report",
        period_start=date(2016, 4, 1),
        period_end=date(2017, 3, 31),
    )
    annual.start(report, None)
    linked = BoardFactory(name="Testshire Health and Wellbeing Board", short_name="HWB")
    link = BoardLink.objects.create(board=board, other=linked, description="Shared priorities")
    theme = LearningTheme.objects.create(board=board, name="Neglect")
    invitation = Invitation.objects.create(
        board=board, user=outsider, email=outsider.email, role=Role.MEMBER, offer="Board member"
    )
    mapping = ImportMapping.objects.remember(
        board, ImportKind.PLAN, ["no.", "task"], {"ref": 0, "action": 1}, "Ref: No.", user=office
    )
    quality = QualityAuditFactory(board=board, group=subgroup)
    return {
        "good_practice": waiting_example(board, agency_x, lead_x).pk,
        "quality_audit": quality.pk,
        "audit_finding": FindingFactory(audit=quality).pk,
        "audit_recommendation": AuditRecommendationFactory(audit=quality).pk,
        **training_records(board, agency_x, office),
        **survey_objects(board, agency_x),
        **dataset_records(board, agency_x),
        **budget_records(board, agency_x),
        "import_mapping": mapping.pk,
        "scrutiny_finding": ScrutinyFinding.objects.create(
            board=board, partner="la", title="Front door", finding="Slow", recorded_by=office
        ).pk,
        "invitation": invitation.pk,
        "api_token": issue(member, "Matrix")[0].pk,
        "published_review": published_review(board).pk,
        "invitation_token": invitation.token,
        "case_review": case_review.pk,
        "information_request": InformationRequest.objects.create(
            review=case_review, agency=agency_x, due=date(2017, 3, 31), asked_by=office
        ).pk,
        "sar_review": new_sar(board).pk,
        "lesson": case_review.lessons.get().pk,
        "recommendation": case_review.recommendations.get().pk,
        "annual_report": report.pk,
        "report_section": report.sections.first().pk,
        "publication": annual.publish(report, office).pk,
        "report_recipient": report.board.report_recipients.first().pk,  # seeded on publishing
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
        "update": record_update(action, author=office, text="Started", rag="A").pk,
        "plan_import": PlanImport.objects.create(board=board, plan_name="Imported").pk,
        "figure_import": FigureImport.objects.create(board=board, file_name="figures.csv").pk,
        "board": board.pk,
        "board_link": link.pk,
        "learning_theme": theme.pk,
        "agency_x": agency_x.pk,
        "subgroup": subgroup.pk,
        "board_membership": member.board_memberships.get().pk,
        "subgroup_membership": subgroup.memberships.get(user=subgroup_chair).pk,
    }


@shareable
def sessions(
    office,
    chair,
    subgroup_chair,
    other_chair,
    lead_x,
    lead_y,
    member,
    outsider,
    other_board_chair,
    other_board_subgroup_chair,
    other_board_lead,
    other_board_member,
):
    """Every role signed in once, as `login_as` signs in (with the second factor where it is
    needed): {role: its session key}. A request's changes to its session are rolled back with the
    test; the rows do not expire while the shared world stays open (an hour's idle otherwise)."""
    people = {role: person for role, person in locals().items() if role in ALL_ROLES}
    assert people.keys() == set(ALL_ROLES[1:]), "sign in every role"
    keys = {}
    for role, person in people.items():
        client = TwoFactorClient()
        client.force_login(person)
        keys[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(pk__in=keys.values()).update(
        expire_date=timezone.now() + timedelta(days=1)
    )
    return keys


def signed_in(client, role, sessions):
    """The client with no cookie but `role`'s session (none for anonymous): as client.logout(), then
    login_as(role), without signing in again."""
    client.cookies = SimpleCookie()
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
    return client


# Every test here starts from one world built once: both boards, every role signed in, and
# `objects`; the fixtures of these names are copies of its objects (tests/conftest.py:
# shared_world).
globals().update(shared_world("objects", "sessions"))


@pytest.mark.parametrize("run", ["first", "second"])
def test_each_test_starts_from_the_world_as_built(run, board, office, sessions):
    """What a test changes, in the database or in its fixtures' objects, the next does not see."""
    assert (
        Board.objects.get(pk=board.pk).name
        == board.name
        == "Testshire Safeguarding Children Partnership"
    )
    assert office.name == "Olive Office"
    assert not Board.objects.filter(short_name="NEW").exists()
    assert Session.objects.filter(pk__in=sessions.values()).count() == len(ALL_ROLES) - 1
    board.name = office.name = "Changed"
    board.save()
    BoardFactory(short_name="NEW")
    Session.objects.all().delete()


def dataset_records(board, agency_x):
    """A dataset supplied by agency X, with a dimension, a measure and a total for 2016-17."""
    dataset = Dataset.objects.create(board=board, name="LADO allegations", agency=agency_x)
    measure = Measure.objects.create(dataset=dataset, name="Allegations")
    dimension = Dimension.objects.create(dataset=dataset, name="Outcome", sums_to_total=False)
    dimension.values.create(label="Substantiated")
    figure = Figure.objects.create(
        dataset=dataset, measure=measure, period_end=date(2017, 3, 31), cell="", value=30
    )
    return {
        "dataset": dataset.pk,
        "dataset_dimension": dimension.pk,
        "dataset_measure": measure.pk,
        "dataset_figure": figure.pk,
    }


def budget_records(board, agency_x):
    """The board's budget for 2016-17, with agency X's contribution and a line of spend."""
    budget = Budget.objects.create(board=board, year=2016)
    contribution = Contribution.objects.create(budget=budget, agency=agency_x, amount=100)
    line = SpendLine.objects.create(budget=budget, heading="Independent Chair", amount=100)
    return {"budget": budget.pk, "contribution": contribution.pk, "spend_line": line.pk}


def with_other_board(expected):
    """The other board's people get 404 wherever its office (`outsider`) gets 404, and elsewhere what
    their counterpart at `board` gets; a row's own values win."""
    rule = {
        role: 404 if expected["outsider"] == 404 else expected[counterpart]
        for role, counterpart in OTHER_BOARD_ROLES.items()
    }
    return {**rule, **expected}


@pytest.mark.parametrize("name", MATRIX)
def test_matrix(name, objects, sessions, client, request):
    """Every role of both boards asks for the URL (one setup per URL: the roles share it)."""
    # Every role exists (and is signed in) in every test, so "other" roles are real people, not
    # empty tables.
    kwargs, expected = MATRIX[name]
    expected = with_other_board(expected)
    url = reverse(name, kwargs={key: objects.get(value, value) for key, value in kwargs.items()})
    answers = {}
    for role in ALL_ROLES:
        if name in TOKEN_ROWS:  # the read API: a token of the role, not a session
            person = None if role == "anonymous" else request.getfixturevalue(role)
            answers[role] = api_get(signed_in(client, "anonymous", {}), person, url).status_code
        else:
            answers[role] = signed_in(client, role, sessions).get(url).status_code
    assert answers == {role: expected[role] for role in ALL_ROLES}, f"GET {url}"

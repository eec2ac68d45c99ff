"""Text people type becomes labels, legends, hints, choices and headings of forms: a criterion, a
standard's title, a theme, a group's or an agency's name, an indicator, a cycle's name. Markup in it
is shown as text, never rendered, and a template tag in it is never evaluated."""

import pytest
from django.urls import reverse

from audits.models import SubmissionStatus
from audits.versions import new_version

from .audits.test_audits import answer_all
from .factories import AgencyFactory, BoardAgencyFactory, SubgroupFactory, ThemeFactory
from .helpers import page

MARK = "<b id=x>bold</b>{{ 7|add:1 }}"


def assert_inert(html, where):
    assert "<b id=x>" not in html, f"markup rendered in {where}"
    assert "&lt;b id=x&gt;bold&lt;/b&gt;" in html, f"the text is missing from {where}"
    assert "{{ 7|add:1 }}" in html or "&#123;&#123; 7|add:1 &#125;&#125;" in html, where
    assert "bold</b>8" not in html and "&lt;/b&gt;8" not in html, f"template tag ran in {where}"


@pytest.fixture
def marked(board, audit_cycle, submission, action, subgroup, indicator, agency_x):
    """Markup written into every text that a form shows as a label, legend, hint or choice."""
    for standard in audit_cycle.framework.standards.all():
        standard.title = f"Standard {MARK}"
        standard.save()
        standard.criteria.update(text=f"Criterion {MARK}")
    audit_cycle.name = f"Cycle {MARK}"
    audit_cycle.save()
    audit_cycle.framework.name = f"Framework {MARK}"
    audit_cycle.framework.save()
    agency_x.name = f"Agency {MARK}"
    agency_x.save()
    subgroup.name = f"Group {MARK}"
    subgroup.save()
    action.theme.title = f"Theme {MARK}"
    action.theme.save()
    action.text = f"Action {MARK}"
    action.save()
    indicator.description = f"Indicator {MARK}"
    indicator.save()
    return {"cycle": audit_cycle, "submission": submission, "action": action}


def test_the_answer_form_shows_criteria_and_standards_as_text(login_as, marked):
    url = reverse("audits:standard", args=[marked["submission"].pk, 1])
    assert_inert(page(login_as("lead_x"), url), "the answer form")


def test_the_moderation_form_shows_criteria_as_text(login_as, marked):
    submission = marked["submission"]
    answer_all(submission)
    submission.status = SubmissionStatus.SUBMITTED
    submission.save()
    html = page(login_as("office"), reverse("audits:moderate", args=[submission.pk]))
    assert_inert(html, "the moderation form")


def test_framework_forms_show_criteria_and_names_as_text(login_as, office, marked):
    new = new_version(marked["cycle"].framework, version="2018", user=office)
    client = login_as("office")
    standard = new.standards.first()
    for url in (
        reverse("audits:criterion_add", args=[standard.pk]),  # last version's criteria as choices
        reverse("audits:framework", args=[new.pk]),
        reverse("audits:framework_copy", args=[new.pk]),
        reverse("audits:cycle_add"),  # frameworks, boards, agencies as choices
        reverse("audits:cycle_edit", args=[marked["cycle"].pk]),
    ):
        assert_inert(page(client, url), url)


def test_action_forms_show_themes_and_groups_as_text(login_as, marked, board):
    action = marked["action"]
    ThemeFactory(plan=action.plan, number=2, title=f"Other {MARK}")
    client = login_as("office")
    for url in (
        reverse("actions:action_edit", args=[action.pk]),
        reverse("actions:plan", args=[action.plan.pk]),  # the filter's theme and group choices
        reverse("actions:update", args=[action.pk]),
    ):
        assert_inert(page(client, url), url)


def test_group_and_agency_forms_show_names_as_text(login_as, marked, board, subgroup):
    BoardAgencyFactory(board=board, agency=AgencyFactory(name=f"Partner {MARK}"))
    SubgroupFactory(board=board, name=f"Parent {MARK}")
    client = login_as("office")
    for url in (
        reverse("subgroups:add", args=[board.pk]),  # parent groups and agencies as choices
        reverse("subgroups:edit", args=[subgroup.pk]),
        reverse("subgroups:member_add", args=[subgroup.pk]),
    ):
        assert_inert(page(client, url), url)


def test_indicator_forms_show_the_description_as_text(login_as, marked, indicator):
    client = login_as("office")
    for url in (
        reverse("performance:indicator_edit", args=[indicator.pk]),
        reverse("performance:target_add", args=[indicator.pk]),
        reverse("performance:measurement_add", args=[indicator.pk]),
    ):
        assert_inert(page(client, url), url)

"""No edit is lost silently: every form that edits a stored record carries what its person saw
(core.versioning). Two people open the same form; the first saves; the second's save is refused with
what changed, keeps the first's change, and goes through when they save again having read it."""

from fnmatch import fnmatch

import pytest
from django import forms
from django.urls import reverse

from audits.models import Answer, Submission, SubmissionStatus
from boards.models import ImportKind, ImportMapping
from core.versioning import FIELD, VersionGuardMixin
from reviews.models import ReviewSettings

from ..conftest import shareable, shared_world
from ..factories import BoardFactory
from ..test_permission_matrix import MATRIX, named_urls  # and its @shareable `objects`

DATE_2024 = {"decided_on_0": "2", "decided_on_1": "4", "decided_on_2": "2024"}
DATE = {"*_on_0": "3", "*_on_1": "4", "*_on_2": "2017"}  # the first task's date, for its "who"

# Every edit page: its URL's arguments, the field two people change, the first's and the second's
# value, and other fields both fill in. Field names may be patterns (the first field matching).
EDITS = {
    "boards:agency_edit": ({"board_pk": "board", "pk": "agency_x"}, "name", "Police A", "Police B"),
    "boards:edit": ({"pk": "board"}, "area", "North", "South"),
    "boards:relevant_agency_edit": (
        {"board_pk": "board", "pk": "agency_x"},
        "category",
        "education",
        "health",
    ),
    "boards:link_edit": ({"pk": "board_link"}, "description", "First MoU", "Second MoU"),
    # which heading reads as the Update: "notes" (column 2), then "remarks" (column 3)
    "boards:import_mapping_edit": ({"pk": "import_mapping"}, "update", "2", "3"),
    "boards:budget_edit": ({"pk": "budget"}, "notes", "First note", "Second note"),
    "boards:contribution_edit": ({"pk": "contribution"}, "in_kind", "A room", "Two rooms"),
    "boards:spend_edit": ({"pk": "spend_line"}, "heading", "Chair A", "Chair B"),
    "reviews:theme_edit": ({"pk": "learning_theme"}, "name", "Neglect A", "Neglect B"),
    "subgroups:edit": ({"pk": "subgroup"}, "purpose", "First purpose", "Second purpose"),
    "subgroups:terms_of_reference": ({"pk": "subgroup"}, "responsibilities", "One", "Two"),
    "subgroups:member_edit": ({"pk": "subgroup_membership"}, "role", "member", "vice_chair"),
    "actions:plan_edit": ({"pk": "plan"}, "description", "First", "Second"),
    "actions:theme_edit": ({"pk": "theme"}, "title", "First theme", "Second theme"),
    "actions:cycle_edit": ({"pk": "cycle"}, "name", "First cycle", "Second cycle"),
    "actions:action_edit": ({"pk": "action"}, "text", "First text", "Second text"),
    "audits:cycle_edit": ({"pk": "audit_cycle"}, "name", "First audit", "Second audit"),
    "audits:framework_edit": ({"pk": "draft_framework"}, "description", "First", "Second"),
    "audits:standard_edit": ({"pk": "draft_standard"}, "title", "First", "Second"),
    "audits:framework_share": ({"pk": "draft_framework"}, "shared_with", "hwb", "sab"),
    "audits:criterion_edit": ({"pk": "draft_criterion"}, "text", "First", "Second"),
    "audits:standard": ({"pk": "submission", "number": 1}, "evidence_*", "Policy", "Minutes"),
    "audits:moderate": ({"pk": "submitted"}, "moderated_*", "fully", "not_met"),
    "reports:annual_edit": ({"pk": "annual_report"}, "title", "Report A", "Report B"),
    "reports:section_edit": ({"pk": "report_section"}, "title", "Foreword A", "Foreword B"),
    "performance:indicator_edit": ({"pk": "indicator"}, "description", "First", "Second"),
    "performance:target_edit": ({"pk": "target"}, "label", "First", "Second"),
    "performance:measurement_edit": (
        {"pk": "measurement"},
        "note",
        "First",
        "Second",
        {"reason": "Typed wrongly"},
    ),
    "performance:override": ({"pk": "measurement"}, "rag_override", "R", "G", {"rag_reason": "X"}),
    "reviews:edit": ({"pk": "case_review"}, "summary", "First summary", "Second summary"),
    "reviews:lesson_edit": ({"pk": "lesson"}, "title", "First lesson", "Second lesson"),
    "reviews:recommendation_edit": ({"pk": "recommendation"}, "text", "First", "Second"),
    "reviews:dissemination": ({"pk": "case_review"}, "*_by", "Office", "Chair", DATE),
    "reviews:settings": ({"board_pk": "board"}, "case_review_group", "subgroup", "other_subgroup"),
    "notifications:settings": ({}, "frequency", "daily", "immediate"),
    "audits:good_practice_edit": ({"pk": "good_practice"}, "title", "First", "Second"),
    "audits:quality_audit_edit": ({"pk": "quality_audit"}, "reason_note", "First", "Second"),
    "audits:quality_audit_record": ({"pk": "quality_audit"}, "reported_to", "PMQAG", "Board"),
    "audits:finding_edit": ({"pk": "audit_finding"}, "text", "First", "Second"),
    "audits:quality_recommendation_edit": ({"pk": "audit_recommendation"}, "text", "One", "Two"),
    "learning:course_edit": ({"pk": "course"}, "title", "Course A", "Course B"),
    "learning:session_edit": ({"pk": "training_session"}, "place", "Carlisle A", "Kendal B"),
    "learning:trainer_edit": ({"pk": "trainer"}, "name", "Trainer A", "Trainer B"),
    "learning:attendance": ({"pk": "training_session"}, "attended_*", "no", "yes"),
    "learning:department_edit": ({"pk": "elearning_department"}, "sector", "gp", "police"),
    "learning:survey_edit": ({"pk": "survey"}, "title", "Survey A", "Survey B"),
    "learning:question_edit": ({"pk": "survey_question"}, "text", "First", "Second"),
    "reports:recipient_edit": ({"pk": "report_recipient"}, "name", "Chief A", "Chief B"),
    "reviews:information_due": ({"pk": "information_request"}, "due_0", "2", "3"),  # March 2017
    "reviews:sar_referral": ({"pk": "sar_review"}, "referrer", "Police A", "Police B"),
    "reviews:sar_methodology": (
        {"pk": "sar_review"},
        "methodology_note",
        "First",
        "Second",
        {"methodology": "silp"},
    ),
    "reviews:sar_decision": (
        {"pk": "sar_review"},
        "rationale",
        "First",
        "Second",
        {"condition": "neither", "decision": "discretionary", **DATE_2024},
    ),
    "reviews:sar_coversheet": (
        {"pk": "sar_review"},
        "gender",
        "female",
        "male",
        {"abuse_types": ["neglect"], "age_band": "18-24", "ethnicity": "asian"},
    ),
    "reviews:sar_markers": ({"pk": "sar_review"}, "note_1", "First", "Second", {"rating_1": "met"}),
    "datasets:edit": ({"pk": "dataset"}, "source", "LADO A", "LADO B"),
    "datasets:dimension_edit": ({"pk": "dataset_dimension"}, "name", "Outcome A", "Outcome B"),
    "datasets:measure_edit": ({"pk": "dataset_measure"}, "name", "Allegations A", "Allegations B"),
    "datasets:figure_edit": (
        {"pk": "dataset_figure"},
        "note",
        "First",
        "Second",
        {"reason": "Typed wrongly"},
    ),
    "datasets:period_edit": (
        {"pk": "dataset", "period": "2017-03-31"},
        "m*_ctotal",
        "31",
        "32",
        {"reason": "Recount"},
    ),
}
# Forms that change a record's state by a recorded step, not by editing it: a second step is
# checked by the workflow itself (a chair's RAG update keeps its own check of the action's version).
NOT_EDITS = {
    "actions:update",
    "reviews:status",
    "reviews:recategorise",
    "audits:review",
    "audits:good_practice_decide",
}


@shareable
def records(objects, board, agency_y, other_subgroup, audit_cycle, office):
    """The permission matrix's records of every kind (`objects`), and what these tests need more:
    the case review settings, a submitted return, two boards to share with, a mapping of four
    columns."""
    ReviewSettings.objects.create(board=board)
    submitted = Submission.objects.create(
        cycle=audit_cycle, agency=agency_y, status=SubmissionStatus.SUBMITTED
    )
    criterion = audit_cycle.framework.standards.get(number=1).criteria.first()
    Answer.objects.create(submission=submitted, criterion=criterion, rating="fully")
    mapping = ImportMapping.objects.remember(
        board,
        ImportKind.PLAN,
        ["no.", "task", "notes", "remarks"],
        {"ref": 0, "action": 1},
        "Ref: No.",
        user=office,
    )
    return {
        **objects,
        "import_mapping": mapping.pk,
        "submitted": submitted.pk,
        "hwb": BoardFactory(name="Testshire Health and Wellbeing Board 2", short_name="HWB2").pk,
        "sab": BoardFactory(name="Testshire Safeguarding Adults Board", short_name="TSAB").pk,
        "other_subgroup": other_subgroup.pk,
    }


# Every test here starts from one world built once: `records` and what it needs; the fixtures of
# these names are copies of its objects (tests/conftest.py: shared_world).
globals().update(shared_world("records"))


def form_data(form):
    """What a browser posts from `form` as shown, nothing typed."""
    data = {}
    for bound in form:
        widget, value = bound.field.widget, bound.value()
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            data.update({f"{bound.html_name}_{i}": p or "" for i, p in enumerate(parts)})
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        else:
            data[bound.html_name] = "" if value is None else str(value)
    return data


def first_match(data, pattern):
    return next(name for name in data if fnmatch(name, pattern))


def typed(data, records, field, value, extra):
    """`data` with `value` typed into `field` (a record's key stands for its primary key)."""
    changed = {**data, first_match(data, field): str(records.get(value, value))}
    for pattern, more in extra.items():
        changed[first_match(data, pattern)] = more
    return changed


def opened(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["form"], form_data(response.context["form"])


def shown(client, url, field):
    """What the form shows in `field` (the one value of a multiple choice with one ticked)."""
    _, data = opened(client, url)
    value = data[first_match(data, field)]
    return value[0] if isinstance(value, list) and len(value) == 1 else str(value)


@pytest.mark.parametrize("name", EDITS)
def test_the_second_save_is_refused_and_shows_what_changed(name, records, login_as):
    kwargs, field, first, second, *extra = EDITS[name]
    extra = extra[0] if extra else {}
    url = reverse(name, kwargs={k: records.get(v, v) for k, v in kwargs.items()})
    client = login_as("office")
    form, seen_by_one = opened(client, url)
    _, seen_by_two = opened(client, url)
    assert isinstance(form, VersionGuardMixin) and form.guarded_record() is not None
    assert seen_by_one[FIELD], "the form carries what its person saw"
    assert f'name="{FIELD}"' in client.get(url).content.decode(), "and the page sends it"

    one = client.post(url, typed(seen_by_one, records, field, first, extra))
    assert one.status_code == 302, one.context and one.context["form"].errors

    two = client.post(url, typed(seen_by_two, records, field, second, extra))
    assert two.status_code == 200
    refused = two.context["form"]
    name = first_match(seen_by_two, field)
    label = str(refused.fields.get(name, refused.fields.get(name.rsplit("_", 1)[0])).label)
    errors = refused.non_field_errors()
    assert any("Someone else changed this" in e for e in errors)
    assert any(e.startswith(f"{label} is now") for e in errors), errors
    assert "Olive Office saved a change" in errors[0]
    assert shown(client, url, field) == str(records.get(first, first)), "the first change stays"
    assert typed(seen_by_two, records, field, second, extra)[first_match(seen_by_two, field)] in (
        refused.data.getlist(first_match(seen_by_two, field))
    ), "the second person's input is kept in the form"

    again = {**refused.data.dict(), **typed(seen_by_two, records, field, second, extra)}
    again[FIELD] = refused.data[FIELD]  # the token refreshed to what they have now read
    assert client.post(url, again).status_code == 302
    assert shown(client, url, field) == str(records.get(second, second))


@pytest.mark.parametrize("name", ["actions:plan_edit", "audits:standard", "reviews:dissemination"])
def test_a_save_with_no_change_meanwhile_goes_through(name, records, login_as):
    kwargs, field, first, _, *extra = EDITS[name]
    url = reverse(name, kwargs={k: records.get(v, v) for k, v in kwargs.items()})
    client = login_as("office")
    _, data = opened(client, url)
    posted = typed(data, records, field, first, extra[0] if extra else {})
    assert client.post(url, posted).status_code == 302
    assert shown(client, url, field) == first


@pytest.mark.parametrize("token", ["", "forged", "tampered"])
@pytest.mark.parametrize("name", ["actions:action_edit", "subgroups:terms_of_reference"])
def test_a_missing_or_tampered_token_is_refused(name, token, records, login_as):
    kwargs, field, first, _ = EDITS[name]
    url = reverse(name, kwargs={k: records.get(v, v) for k, v in kwargs.items()})
    client = login_as("office")
    _, data = opened(client, url)
    before = shown(client, url, field)
    posted = typed(data, records, field, first, {})
    posted[FIELD] = data[FIELD][:-2] + "xx" if token == "tampered" else token
    response = client.post(url, posted)
    assert response.status_code == 200
    assert "could not show what you were changing" in str(response.context["form"].errors)
    assert shown(client, url, field) == before
    posted[FIELD] = response.context["form"].data[FIELD]
    assert client.post(url, posted).status_code == 302


def test_an_edit_leaves_fields_it_does_not_edit_as_stored_now(records, login_as, action):
    """A chair's RAG update between opening and saving the action's edit is neither a conflict nor
    lost (the edit form does not edit the RAG)."""
    url = reverse("actions:action_edit", args=[action.pk])
    client = login_as("office")
    _, data = opened(client, url)
    type(action).objects.filter(pk=action.pk).update(rag="R")
    assert client.post(url, {**data, "text": "Edited"}).status_code == 302
    action.refresh_from_db()
    assert (action.text, action.rag) == ("Edited", "R")


# Edit pages asked elsewhere, as the one person who may write them.
ELSEWHERE = {"reports:statement_edit"}  # the scrutineer: tests/reports/test_statement.py
EDIT_NAMES = ("edit", "_edit", "terms_of_reference", "standard", "dissemination", "settings")


def test_every_edit_page_is_in_the_list():
    names = {n for n in named_urls() if not n.startswith("admin:")}
    edits = {n for n in names if n.split(":")[-1].endswith(EDIT_NAMES)}
    assert edits - EDITS.keys() - ELSEWHERE == set(), "add these edit pages to EDITS"
    assert EDITS.keys() | NOT_EDITS <= names


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_every_page_that_edits_a_record_is_guarded_and_listed(name, records, login_as):
    """Any page whose form shows a stored record (a model form of a saved instance, or a guarded
    form) is in EDITS, and its form carries the guard."""
    kwargs, expected = MATRIX[name]
    if expected.get("office") != 200 or name in NOT_EDITS:
        return
    args = {k: records.get(v, 1 if k == "number" else v) for k, v in kwargs.items()}
    response = login_as("office").get(reverse(name, kwargs=args))
    form = (response.context or {}).get("form") if response.status_code == 200 else None
    edits_a_record = (isinstance(form, forms.BaseModelForm) and form.instance.pk) or (
        isinstance(form, VersionGuardMixin) and form.guarded_record() is not None
    )
    if edits_a_record:
        assert isinstance(form, VersionGuardMixin), f"{name}: its form needs the guard"
        assert name in EDITS, f"{name}: add it to EDITS"

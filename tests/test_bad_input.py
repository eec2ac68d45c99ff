"""Bad input, part 1: script and HTML typed into any text field come back escaped on every page
that shows it, and spreadsheet formulas come back neutralised in every export.

Each text field is set (through the ORM, so the test reaches fields whatever their form allows) to
markup naming the field; the pages of the board are then fetched as office staff: the markup must
never appear raw, and must appear escaped (proving the page does show the field)."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from actions.models import Action, Plan, Theme, Update
from audits.models import Answer, AuditCycle, Criterion, Standard, Submission
from boards.models import Agency, Board
from subgroups.models import Responsibility, Subgroup

from .factories import UserFactory


def payload(label, max_length):
    """Markup naming the field: a script where it fits, otherwise a tag."""
    script = f'<script>alert("{label}")</script>'
    return script if len(script) <= max_length else f"<i>{label}</i>"[:max_length]


@pytest.fixture
def answer(submission):
    criterion = Criterion.objects.filter(standard__framework=submission.cycle.framework).first()
    return Answer.objects.create(submission=submission, criterion=criterion, rating="fully")


@pytest.fixture
def update(action, cycle, office):
    return Update.objects.create(action=action, cycle=cycle, text="On track", author=office)


# (model, field, the fixture holding the object): every free-text field the app shows.
FIELDS = [
    (Board, "name", "board"),
    (Board, "short_name", "board"),
    (Board, "area", "board"),
    (Board, "description", "board"),
    (Agency, "name", "agency_x"),
    (Agency, "short_name", "agency_x"),
    (Subgroup, "name", "subgroup"),
    (Subgroup, "short_name", "subgroup"),
    (Subgroup, "purpose", "subgroup"),
    (Responsibility, "text", "responsibility"),
    (Plan, "name", "plan"),
    (Theme, "title", "theme"),
    (Action, "ref", "action"),
    (Action, "text", "action"),
    (Action, "named_owners", "action"),
    (Action, "due_note", "action"),
    (Action, "outcome", "action"),
    (Update, "text", "update"),
    (AuditCycle, "name", "audit_cycle"),
    (Standard, "title", "standard"),
    (Criterion, "text", "criterion"),
    (Submission, "office_comment", "submission"),
    (Answer, "evidence", "answer"),
    (Answer, "improvement_action", "answer"),
    (Answer, "action_owner", "answer"),
]


def pages(objects):
    """The pages of the board where these records show, as office staff see them."""
    board, plan, action = objects["board"], objects["plan"], objects["action"]
    submission, cycle = objects["submission"], objects["audit_cycle"]
    return [
        "/",
        reverse("boards:board", args=[board.pk]),
        reverse("boards:people", args=[board.pk]),
        reverse("boards:agency", args=[objects["agency_x"].pk]),
        reverse("subgroups:subgroup", args=[objects["subgroup"].pk]),
        reverse("actions:plans", args=[board.pk]),
        reverse("actions:plan", args=[plan.pk]),
        reverse("actions:action", args=[action.pk]),
        reverse("actions:history", args=[plan.pk]),
        reverse("audits:cycles"),
        reverse("audits:cycle", args=[cycle.pk]),
        reverse("audits:framework", args=[cycle.framework_id]),
        reverse("audits:submission", args=[submission.pk]),
        reverse("audits:standard", args=[submission.pk, 1]),
        reverse("audits:report", args=[cycle.pk]),
    ]


@pytest.fixture
def objects(board, agency_x, subgroup, plan, action, update, audit_cycle, submission, answer):
    return {
        "board": board,
        "agency_x": agency_x,
        "subgroup": subgroup,
        "responsibility": subgroup.responsibilities.first(),
        "plan": plan,
        "theme": action.theme,
        "action": action,
        "update": update,
        "audit_cycle": audit_cycle,
        "standard": answer.criterion.standard,
        "criterion": answer.criterion,
        "submission": submission,
        "answer": answer,
    }


@pytest.mark.parametrize(
    ("model", "field", "holder"), FIELDS, ids=[f"{m.__name__}.{f}" for m, f, _ in FIELDS]
)
def test_markup_in_text_fields_is_escaped_on_every_page(login_as, objects, model, field, holder):
    obj = objects[holder]
    max_length = model._meta.get_field(field).max_length or 1000
    value = payload(f"{model.__name__}.{field}", max_length)
    model.objects.filter(pk=obj.pk).update(**{field: value})
    client = login_as("office")
    shown = []
    for url in pages(objects):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert value not in html, f"{model.__name__}.{field} is not escaped on {url}"
        if escape(value) in html:
            shown.append(url)
    assert shown, f"{model.__name__}.{field} is shown on none of the pages: test a page that does"


# Stored, not shown on any page yet: at least never raw.
HIDDEN = [(Plan, "description", "plan"), (Submission, "signed_off_name", "submission")]


@pytest.mark.parametrize(("model", "field", "holder"), HIDDEN)
def test_markup_in_fields_not_shown_yet_never_appears_raw(login_as, objects, model, field, holder):
    value = payload(field, model._meta.get_field(field).max_length or 1000)
    model.objects.filter(pk=objects[holder].pk).update(**{field: value})
    client = login_as("office")
    for url in pages(objects):
        assert value not in client.get(url).content.decode(), url


def test_template_syntax_typed_into_criteria_and_evidence_stays_text(
    login_as, audit_cycle, agency_x, answer
):
    """crispy's legends and HTML() render their text as a template: typed braces must not run."""
    Criterion.objects.filter(pk=answer.criterion_id).update(
        text="{{ user.password }} {% now 'Y' %}"
    )
    Answer.objects.filter(pk=answer.pk).update(evidence="{{ csrf_token }}", rating="partially")
    Submission.objects.filter(pk=answer.submission_id).update(status="accepted")
    later = AuditCycle.objects.create(
        name="Next year",
        framework=audit_cycle.framework,
        opens=audit_cycle.opens,
        closes=audit_cycle.closes,
        previous=audit_cycle,
    )
    later.boards.set(audit_cycle.boards.all())
    now = Submission.objects.create(cycle=later, agency=agency_x)
    client = login_as("lead_x")
    html = client.get(reverse("audits:standard", args=[now.pk, 1])).content.decode()
    assert "&#123;&#123; user.password &#125;&#125;" in html
    assert "&#123;&#123; csrf_token &#125;&#125;" in html
    assert "pbkdf2" not in html and "md5$" not in html


def test_markup_in_a_persons_name_and_job_title_is_escaped(login_as, board, office):
    person = UserFactory(name="<script>alert('name')</script>", job_title="<b>Lead</b>")
    board.memberships.create(user=person, role="member")
    html = login_as("office").get(reverse("boards:people", args=[board.pk])).content.decode()
    assert "<script>alert('name')</script>" not in html
    assert escape("<script>alert('name')</script>") in html
    assert "<b>Lead</b>" not in html


def test_markup_in_query_strings_is_not_reflected(login_as, plan):
    html = (
        login_as("office")
        .get(reverse("actions:plan", args=[plan.pk]), {"rag": "<script>x</script>", "page": "<b>"})
        .content.decode()
    )
    assert "<script>x</script>" not in html
    assert "<b>" not in html.replace("<body", "")


# Exports: every cell starting with = + - @ tab or carriage return is prefixed with an apostrophe.

FORMULAS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def cells(response, fmt):
    if fmt == "csv":
        return [cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]


def assert_neutralised(values, formulas):
    for formula in formulas:
        assert formula not in values, f"{formula!r} exported as a live formula"
        assert "'" + formula in values, f"{formula!r} missing from the export"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_plan_export_neutralises_formulas_in_every_column(login_as, plan, action, update, fmt):
    Action.objects.filter(pk=action.pk).update(
        text=FORMULAS[0], outcome=FORMULAS[1], due_note=FORMULAS[2], named_owners=FORMULAS[3]
    )
    Theme.objects.filter(pk=action.theme_id).update(title=FORMULAS[4])
    Update.objects.filter(pk=update.pk).update(text=FORMULAS[5])
    response = login_as("office").get(reverse("actions:export", args=[plan.pk, fmt]))
    assert response.status_code == 200
    values = cells(response, fmt)
    # (an .xlsx cell keeps no carriage return, so the last formula is checked by its first character)
    assert_neutralised(values, [FORMULAS[0], FORMULAS[1], *([FORMULAS[5]] if fmt == "csv" else [])])
    for value in values:  # the theme, due note and owners share a cell with other text
        assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), value


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_section_11_report_export_neutralises_formulas(login_as, audit_cycle, agency_x, fmt):
    Standard.objects.filter(framework=audit_cycle.framework, number=1).update(title=FORMULAS[0])
    Criterion.objects.filter(standard__framework=audit_cycle.framework).update(text=FORMULAS[3])
    AuditCycle.objects.filter(pk=audit_cycle.pk).update(name=FORMULAS[1])
    Agency.objects.filter(pk=agency_x.pk).update(name=FORMULAS[2])
    response = login_as("office").get(reverse("audits:report_export", args=[audit_cycle.pk, fmt]))
    assert response.status_code == 200
    values = cells(response, fmt)
    assert values, "the export is empty"
    for value in values:
        assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), f"{value!r} is a live formula"

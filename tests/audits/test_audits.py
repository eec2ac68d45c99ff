"""Section 11 self-assessments: an agency lead starts the agency's submission, answers it a standard
at a time, and submits it once the senior lead signs it off; last year's answers show beside each
criterion; the office follows every expected agency; the demo's framework and cycles; query counts."""

import datetime
import io
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import User
from audits.models import (
    Answer,
    AuditCycle,
    Criterion,
    Framework,
    Rating,
    Standard,
    Submission,
    SubmissionStatus,
)

from ..factories import (
    AuditCycleFactory,
    BoardFactory,
    CriterionFactory,
    StandardFactory,
    SubmissionFactory,
)
from ..helpers import assert_queries_do_not_grow

TODAY = datetime.date.today()
DUE = datetime.date(2027, 3, 31)
SIGN_OFF = {"signed_off_name": "Dana Senior", "signed_off_role": "Chief Constable", "confirm": "on"}


def text_of(response):
    """The page's words, tags dropped and whitespace collapsed."""
    assert response.status_code == 200, f"answered {response.status_code}"
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def error_summary(response):
    """The messages listed in the page's error summary ([] when it has none)."""
    assert response.status_code == 200, f"answered {response.status_code}"
    found = re.search(
        r'govuk-error-summary__list">(.*?)</ul>', response.content.decode(), flags=re.S
    )
    if not found:
        return []
    items = re.findall(r"<li>(.*?)</li>", found.group(1), flags=re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", item)).split()) for item in items]


def criterion(cycle, ref):
    standard, number = ref.split(".")
    return Criterion.objects.get(
        standard__framework=cycle.framework, standard__number=standard, number=number
    )


def answer_fields(key, rating="", evidence="", action="", owner="", due=None):
    return {
        f"rating_{key}": rating,
        f"evidence_{key}": evidence,
        f"action_{key}": action,
        f"owner_{key}": owner,
        f"due_{key}_0": due.day if due else "",
        f"due_{key}_1": due.month if due else "",
        f"due_{key}_2": due.year if due else "",
    }


def standard_url(submission, number):
    return reverse("audits:standard", args=[submission.pk, number])


def save_standard(client, submission, number, answers):
    """Post standard `number`'s page with `answers` ({criterion number: answer_fields kwargs});
    criteria left out are posted empty."""
    data = {}
    for c in Criterion.objects.filter(
        standard__framework=submission.cycle.framework, standard__number=number
    ):
        data.update(answer_fields(c.pk, **answers.get(c.number, {})))
    return client.post(standard_url(submission, number), data)


def answer(submission, ref, rating=Rating.FULLY, **fields):
    return Answer.objects.create(
        submission=submission, criterion=criterion(submission.cycle, ref), rating=rating, **fields
    )


def answer_all(submission):
    for ref in ("1.1", "1.2", "2.1"):
        answer(submission, ref, evidence="Policy v3")


def submit(client, submission, data=SIGN_OFF):
    return client.post(reverse("audits:submit", args=[submission.pk]), data)


def fresh(obj):
    obj.refresh_from_db()
    return obj


# Starting ---------------------------------------------------------------------------------------


def start(client, cycle):
    return client.post(reverse("audits:start", args=[cycle.pk]))


def test_a_lead_is_offered_to_start_the_agency_self_assessment(login_as, audit_cycle):
    page = text_of(login_as("lead_x").get(audit_cycle.get_absolute_url()))
    assert "Start Testshire Police's self-assessment" in page


def test_starting_creates_the_agency_submission_and_opens_it(login_as, audit_cycle, agency_x):
    response = start(login_as("lead_x"), audit_cycle)
    submission = Submission.objects.get(cycle=audit_cycle)
    assert (submission.agency, submission.status) == (agency_x, SubmissionStatus.DRAFT)
    assert response.status_code == 302
    assert response.url == submission.get_absolute_url()


def test_starting_again_opens_the_same_submission(login_as, audit_cycle):
    client = login_as("lead_x")
    first = start(client, audit_cycle).url
    assert start(client, audit_cycle).url == first
    assert Submission.objects.filter(cycle=audit_cycle).count() == 1


def test_each_lead_starts_their_own_agency_submission(
    login_as, client, audit_cycle, lead_y, agency_x, agency_y
):
    start(login_as("lead_x"), audit_cycle)
    client.force_login(lead_y)
    response = start(client, audit_cycle)
    own = Submission.objects.get(cycle=audit_cycle, agency=agency_y)
    assert response.url == own.get_absolute_url()
    assert set(audit_cycle.submissions.values_list("agency", flat=True)) == {
        agency_x.pk,
        agency_y.pk,
    }


@pytest.mark.parametrize("role", ["member", "subgroup_chair", "office"])
def test_only_agency_leads_may_start(login_as, audit_cycle, role):
    assert start(login_as(role), audit_cycle).status_code == 403
    assert not Submission.objects.exists()


def test_a_lead_whose_agency_is_not_expected_may_not_start(login_as, audit_cycle, agency_x):
    audit_cycle.expected.remove(agency_x)
    assert start(login_as("lead_x"), audit_cycle).status_code == 403
    assert not Submission.objects.exists()


def test_nobody_starts_in_a_closed_cycle(login_as, audit_cycle):
    audit_cycle.closed = TODAY - datetime.timedelta(days=1)
    audit_cycle.save()
    assert start(login_as("lead_x"), audit_cycle).status_code == 403
    assert not Submission.objects.exists()


def test_the_database_allows_one_submission_per_agency_and_cycle(submission):
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(cycle=submission.cycle, agency=submission.agency)


# The task list ----------------------------------------------------------------------------------


def task_statuses(response):
    """{standard number: its status on the task list}."""
    html = response.content.decode()
    found = re.findall(r'id="standard-(\d+)-status">(.*?)</div>', html, flags=re.S)
    return {int(n): " ".join(re.sub(r"<[^>]+>", "", s).split()) for n, s in found}


def task_list(client, submission):
    response = client.get(submission.get_absolute_url())
    assert response.status_code == 200
    return response


def test_task_list_before_anything_is_answered(login_as, submission):
    response = task_list(login_as("lead_x"), submission)
    assert task_statuses(response) == {1: "Not yet started", 2: "Not yet started"}
    assert "You have completed 0 of 2 standards" in text_of(response)


def test_task_list_with_one_of_two_criteria_answered(login_as, submission):
    answer(submission, "1.1")
    response = task_list(login_as("lead_x"), submission)
    assert task_statuses(response) == {1: "In progress", 2: "Not yet started"}
    assert "You have completed 0 of 2 standards" in text_of(response)


def test_task_list_with_a_standard_answered_in_full(login_as, submission):
    answer(submission, "1.1")
    answer(submission, "1.2")
    response = task_list(login_as("lead_x"), submission)
    assert task_statuses(response) == {1: "Completed", 2: "Not yet started"}
    assert "You have completed 1 of 2 standards" in text_of(response)


# Answering a standard ---------------------------------------------------------------------------


def test_saving_a_standard_stores_its_answers_as_the_lead(login_as, submission, lead_x):
    fully = {"rating": Rating.FULLY, "evidence": "Safeguarding policy v3"}
    response = save_standard(login_as("lead_x"), submission, 1, {1: fully, 2: fully})
    assert response.status_code == 302
    assert response.url == submission.get_absolute_url()
    answers = submission.answers.order_by("criterion__number")
    assert [(a.rating, a.evidence) for a in answers] == [
        (Rating.FULLY, "Safeguarding policy v3")
    ] * 2
    assert [a.history.latest().history_user for a in answers] == [lead_x, lead_x]


def test_partially_met_needs_an_improvement_action(login_as, submission):
    partially = {"rating": Rating.PARTIALLY, "evidence": "Policy out of date"}
    response = save_standard(login_as("lead_x"), submission, 1, {1: partially})
    assert [e for e in error_summary(response) if "improvement action" in e] == [
        "Enter an improvement action for 1.1, which is not fully met"
    ]
    assert not Answer.objects.exists()


def test_partially_met_with_an_action_owner_and_date_is_saved(login_as, submission):
    partially = {
        "rating": Rating.PARTIALLY,
        "evidence": "Policy out of date",
        "action": "Rewrite the policy",
        "owner": "Head of Public Protection",
        "due": DUE,
    }
    response = save_standard(login_as("lead_x"), submission, 1, {1: partially})
    assert response.status_code == 302
    saved = submission.answers.get(criterion=criterion(submission.cycle, "1.1"))
    assert (saved.rating, saved.improvement_action, saved.action_owner, saved.action_due) == (
        Rating.PARTIALLY,
        "Rewrite the policy",
        "Head of Public Protection",
        DUE,
    )


def test_a_draft_saves_with_criteria_unanswered(login_as, submission):
    response = save_standard(login_as("lead_x"), submission, 1, {1: {"rating": Rating.FULLY}})
    assert response.status_code == 302
    ratings = dict(submission.answers.values_list("criterion__number", "rating"))
    assert ratings == {1: Rating.FULLY, 2: ""}


def test_the_standard_page_shows_what_was_saved(login_as, submission):
    client = login_as("lead_x")
    partially = {
        "rating": Rating.PARTIALLY,
        "evidence": "Policy out of date",
        "action": "Rewrite the policy",
        "owner": "Head of Public Protection",
        "due": DUE,
    }
    assert save_standard(client, submission, 1, {1: partially}).status_code == 302
    html = client.get(standard_url(submission, 1)).content.decode()
    key = criterion(submission.cycle, "1.1").pk
    inputs = re.findall(r"<input[^>]*>", html)
    checked = [i for i in inputs if f'name="rating_{key}"' in i and "checked" in i]
    assert [re.search(r'value="(\w+)"', i).group(1) for i in checked] == ["partially"]
    assert "Policy out of date</textarea>" in html
    assert "Rewrite the policy</textarea>" in html
    assert f'name="owner_{key}" value="Head of Public Protection"' in html
    for part, value in enumerate((DUE.day, DUE.month, DUE.year)):
        assert f'name="due_{key}_{part}" value="{value}"' in html


# Submitting -------------------------------------------------------------------------------------


def test_submitting_lists_every_criterion_still_missing(login_as, submission):
    answer(submission, "1.1")
    errors = error_summary(submit(login_as("lead_x"), submission))
    assert errors == ["1.2: choose a rating", "2.1: choose a rating"]
    assert fresh(submission).status == SubmissionStatus.DRAFT


def test_submitting_needs_the_senior_lead_confirmation(login_as, submission):
    answer_all(submission)
    response = submit(login_as("lead_x"), submission, {**SIGN_OFF, "confirm": ""})
    assert error_summary(response) == [
        "Confirm that the senior lead has signed off the self-assessment"
    ]
    assert fresh(submission).status == SubmissionStatus.DRAFT


def test_submitting_a_complete_self_assessment(login_as, submission, lead_x):
    answer_all(submission)
    response = submit(login_as("lead_x"), submission)
    assert response.status_code == 302
    submission = fresh(submission)
    assert (
        submission.status,
        submission.submitted_by,
        submission.signed_off_name,
        submission.signed_off_role,
    ) == (SubmissionStatus.SUBMITTED, lead_x, "Dana Senior", "Chief Constable")


@pytest.mark.parametrize("role", ["lead_x", "office"])
def test_once_submitted_nobody_changes_it(login_as, submission, role):
    answer_all(submission)
    assert submit(login_as("lead_x"), submission).status_code == 302
    assert login_as(role).get(standard_url(submission, 1)).status_code == 403


@pytest.mark.parametrize("role", ["lead_x", "office"])
def test_a_submitted_return_is_read_on_its_page(login_as, submission, role):
    answer_all(submission)
    submit(login_as("lead_x"), submission)
    html = login_as(role).get(submission.get_absolute_url()).content.decode()
    assert "Staff checks are reviewed regularly" in html
    assert "Fully met" in html


# Other agencies' submissions --------------------------------------------------------------------


@pytest.mark.parametrize("role", ["lead_y", "member"])
@pytest.mark.parametrize("url_name", ["audits:submission", "audits:standard", "audits:submit"])
def test_posting_to_another_agency_submission_is_not_found(login_as, submission, role, url_name):
    """GET statuses are in the permission matrix; a POST changes nothing either."""
    answer_all(submission)
    args = [submission.pk, 1] if url_name == "audits:standard" else [submission.pk]
    data = {**SIGN_OFF, **answer_fields(criterion(submission.cycle, "1.1").pk, Rating.NOT_MET)}
    response = login_as(role).post(reverse(url_name, args=args), data)
    assert response.status_code == 404
    assert fresh(submission).status == SubmissionStatus.DRAFT
    assert set(submission.answers.values_list("rating", flat=True)) == {Rating.FULLY}


# Last year's answers ----------------------------------------------------------------------------


def last_year_of(audit_cycle, agency_x, framework, old_criterion):
    """Agency X answered `old_criterion` "Partially met" in last year's cycle."""
    last_year = AuditCycleFactory(
        framework=framework,
        boards=list(audit_cycle.boards.all()),
        opens=TODAY - datetime.timedelta(days=400),
        closes=TODAY - datetime.timedelta(days=300),
        closed=TODAY - datetime.timedelta(days=290),
        name="Section 11 audit last year",
    )
    old = SubmissionFactory(cycle=last_year, agency=agency_x, status=SubmissionStatus.ACCEPTED)
    Answer.objects.create(
        submission=old,
        criterion=old_criterion,
        rating=Rating.PARTIALLY,
        evidence="Old policy",
        improvement_action="Rewrite it",
    )
    audit_cycle.previous = last_year
    audit_cycle.save()


def test_last_year_answer_shows_beside_the_criterion(login_as, audit_cycle, submission, agency_x):
    last_year_of(audit_cycle, agency_x, audit_cycle.framework, criterion(audit_cycle, "1.1"))
    page = text_of(login_as("lead_x").get(standard_url(submission, 1)))
    assert "Last year (Section 11 audit last year): Partially met" in page
    assert "Evidence: Old policy" in page


def test_last_year_answer_shows_beside_the_criterion_that_replaces_it(
    login_as, audit_cycle, submission, agency_x
):
    old_criterion = CriterionFactory(
        standard=StandardFactory(number=1), text="An older wording of commissioning"
    )
    criterion(audit_cycle, "1.1").replaces.add(old_criterion)
    last_year_of(audit_cycle, agency_x, old_criterion.standard.framework, old_criterion)
    page = text_of(login_as("lead_x").get(standard_url(submission, 1)))
    assert "Last year (Section 11 audit last year): Partially met" in page
    assert "Evidence: Old policy" in page
    assert page.count("Last year (") == 1


# The office's view of a cycle -------------------------------------------------------------------


def expected_rows(response):
    """[[agency, status]] of the office's table of expected agencies."""
    html = response.content.decode()
    body = re.search(r'<tbody class="govuk-table__body">(.*?)</tbody>', html, flags=re.S)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), flags=re.S)
    return [
        [
            " ".join(unescape(re.sub(r"<[^>]+>", "", cell)).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        ]
        for row in rows
    ]


def test_the_office_sees_every_expected_agency_with_its_status(login_as, audit_cycle, submission):
    response = login_as("office").get(audit_cycle.get_absolute_url())
    assert expected_rows(response) == [  # with each agency's sector
        ["Testshire NHS Trust", "Police", "Not started"],
        ["Testshire Police", "Police", "In progress"],
    ]


def test_the_office_sees_a_submitted_return(login_as, audit_cycle, submission):
    submission.status = SubmissionStatus.SUBMITTED
    submission.save()
    response = login_as("office").get(audit_cycle.get_absolute_url())
    assert ["Testshire Police", "Police", "Submitted"] in expected_rows(response)


# Who sees which submissions ---------------------------------------------------------------------


@pytest.fixture
def submissions(audit_cycle, board, agency_x, agency_y):
    """Agencies X's and Y's submissions in two cycles of `board`, and one of another board."""
    older = AuditCycleFactory(boards=[board], expected=[agency_x, agency_y])
    elsewhere = AuditCycleFactory(boards=[BoardFactory()])
    return {
        "x": SubmissionFactory(cycle=audit_cycle, agency=agency_x),
        "y": SubmissionFactory(cycle=audit_cycle, agency=agency_y),
        "older x": SubmissionFactory(cycle=older, agency=agency_x),
        "older y": SubmissionFactory(cycle=older, agency=agency_y),
        "elsewhere": SubmissionFactory(cycle=elsewhere),
    }


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("office", {"x", "y", "older x", "older y"}),
        ("lead_x", {"x", "older x"}),
        ("member", set()),
        ("chair", set()),
        ("subgroup_chair", set()),
        ("outsider", set()),
    ],
)
def test_visible_to(request, submissions, role, sees):
    user = request.getfixturevalue(role)
    visible = set(Submission.objects.visible_to(user))
    assert {name for name, s in submissions.items() if s in visible} == sees


def test_counted_are_the_submitted_and_accepted(audit_cycle):
    made = {
        status: SubmissionFactory(cycle=audit_cycle, status=status) for status in SubmissionStatus
    }
    assert set(Submission.objects.counted()) == {
        made[SubmissionStatus.SUBMITTED],
        made[SubmissionStatus.ACCEPTED],
    }


# The demo ---------------------------------------------------------------------------------------


def load_demo():
    call_command("loaddemo", stdout=io.StringIO())


@pytest.fixture
def demo(demo_board):
    return demo_board


def audit_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Framework, Standard, Criterion, AuditCycle, Submission, Answer)
    }


def test_demo_framework_has_nine_standards_and_26_criteria(demo):
    framework = Framework.objects.get()
    assert framework.standards.count() == 9
    assert Criterion.objects.filter(standard__framework=framework).count() == 26


def test_demo_cycles(demo):
    last, this, next_year = (
        AuditCycle.objects.get(name="Section 11 audit 2015-16"),
        AuditCycle.objects.get(name="Section 11 audit 2016-17"),
        AuditCycle.objects.get(name="Section 11 audit 2017-18"),  # illustrative
    )
    assert (last.is_open(), this.is_open(), next_year.is_open()) == (False, False, True)
    assert last.closed is not None and this.closed is not None
    assert this.previous == last and next_year.previous == this


def test_demo_police_lead_may_start_the_open_cycle(demo):
    police = User.objects.get(email="police.lead@demo.lscb.test")
    cycle = AuditCycle.objects.get(name="Section 11 audit 2017-18")
    assert police.has_perm("audits.start_submission", cycle)
    closed = AuditCycle.objects.get(name="Section 11 audit 2016-17")
    assert not police.has_perm("audits.start_submission", closed)


def test_loading_the_demo_twice_changes_no_audit_counts(demo):
    before = audit_counts()
    load_demo()
    assert audit_counts() == before


# Query counts -----------------------------------------------------------------------------------


def grow(submission, answer_last_year=None):
    """Five more standards of four criteria, two more criteria on standard 1, every criterion
    answered (more than ten times the one answer there was)."""
    framework = submission.cycle.framework
    first = framework.standards.get(number=1)
    CriterionFactory(standard=first, number=3)
    CriterionFactory(standard=first, number=4)
    for number in range(3, 8):
        standard = StandardFactory(framework=framework, number=number)
        for n in range(1, 5):
            CriterionFactory(standard=standard, number=n)
    done = set(submission.answers.values_list("criterion", flat=True))
    for c in Criterion.objects.filter(standard__framework=framework).exclude(pk__in=done):
        Answer.objects.create(
            submission=submission, criterion=c, rating=Rating.NOT_MET, improvement_action="Fix"
        )
        if answer_last_year:
            Answer.objects.create(submission=answer_last_year, criterion=c, rating=Rating.FULLY)


def test_task_list_queries_do_not_grow(login_as, submission):
    answer(submission, "1.1")
    client = login_as("lead_x")
    assert_queries_do_not_grow(client, submission.get_absolute_url(), lambda: grow(submission))


def test_standard_page_queries_do_not_grow(login_as, submission):
    answer(submission, "1.1")
    client = login_as("lead_x")
    assert_queries_do_not_grow(client, standard_url(submission, 1), lambda: grow(submission))


def test_standard_page_queries_do_not_grow_with_last_year_answers(
    login_as, audit_cycle, submission, agency_x
):
    last_year_of(audit_cycle, agency_x, audit_cycle.framework, criterion(audit_cycle, "1.1"))
    old = Submission.objects.get(cycle=audit_cycle.previous)
    answer(submission, "1.1")
    client = login_as("lead_x")
    assert_queries_do_not_grow(
        client, standard_url(submission, 1), lambda: grow(submission, answer_last_year=old)
    )

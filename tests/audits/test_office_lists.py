"""The office's Section 11 lists: the returns of its cycles and a cycle's agencies expected, filtered
by name, status and sector in the query string; and the returns waiting for a decision, accepted or
returned in bulk, each through the one-at-a-time workflow, all or none."""

import datetime
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Plan
from audits.compliance import compliance
from audits.models import Rating, Submission, SubmissionStatus
from boards.models import Agency, BoardAgency, Role, Sector

from ..factories import (
    AgencyFactory,
    BoardAgencyFactory,
    BoardMembershipFactory,
    SubmissionFactory,
    UserFactory,
)
from ..helpers import assert_queries_do_not_grow
from .test_audits import answer, answer_all, error_summary, submit, text_of

RETURNS = reverse("audits:returns")


def make_returns(cycle, board, n, status=SubmissionStatus.SUBMITTED, sector=Sector.SCHOOL):
    """`n` new agencies of `board`, expected by `cycle`, each with a return in `status`."""
    start = Agency.objects.count()
    agencies = Agency.objects.bulk_create(
        Agency(name=f"School {start + i:04d}", sector=sector) for i in range(n)
    )
    BoardAgency.objects.bulk_create(BoardAgency(board=board, agency=a) for a in agencies)
    cycle.expected.add(*agencies)
    submitted = timezone.now() if status != SubmissionStatus.DRAFT else None
    return Submission.objects.bulk_create(
        Submission(cycle=cycle, agency=a, status=status, submitted=submitted) for a in agencies
    )


@pytest.fixture
def submitted(login_as, submission):
    """Agency X's return, answered in full and submitted by its lead."""
    answer_all(submission)
    assert submit(login_as("lead_x"), submission).status_code == 302
    login_as("lead_x").logout()  # and its "submitted" message with it
    return Submission.objects.get(pk=submission.pk)


@pytest.fixture
def submitted_y(login_as, audit_cycle, agency_y, lead_y):
    other = SubmissionFactory(cycle=audit_cycle, agency=agency_y)
    answer_all(other)
    assert submit(login_as("lead_y"), other).status_code == 302
    login_as("lead_y").logout()
    return Submission.objects.get(pk=other.pk)


def decide(client, submissions, decision, comment="", url=RETURNS):
    data = {"returns": [s.pk for s in submissions], "decision": decision, "comment": comment}
    return client.post(url, data)


def statuses(*submissions):
    return [Submission.objects.get(pk=s.pk).status for s in submissions]


# The list and its filters -----------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(client, submitted):
    assert client.get(RETURNS).status_code == 302
    assert decide(client, [submitted], "accept").status_code == 302
    assert statuses(submitted) == [SubmissionStatus.SUBMITTED]


@pytest.mark.parametrize("role", ["lead_x", "member", "chair", "subgroup_chair"])
def test_only_office_staff_have_the_list(login_as, submitted, role):
    client = login_as(role)
    assert client.get(RETURNS).status_code == 403
    assert decide(client, [submitted], "accept").status_code == 403
    assert statuses(submitted) == [SubmissionStatus.SUBMITTED]


def test_another_boards_office_sees_none_of_the_boards_returns(login_as, submitted):
    html = text_of(login_as("outsider").get(RETURNS))
    assert "0 returns" in html
    assert "Testshire Police" not in html


def test_office_lists_the_returns_with_their_count(login_as, submitted, submission, agency_y):
    make_returns(submitted.cycle, submitted.cycle.boards.get(), 2, SubmissionStatus.DRAFT)
    html = text_of(login_as("office").get(RETURNS))
    assert "3 returns" in html
    assert "Testshire Police" in html and "School 0002" in html


def test_filters_by_status_sector_name_and_cycle(login_as, submitted, audit_cycle, board):
    make_returns(audit_cycle, board, 2, SubmissionStatus.DRAFT, sector=Sector.GP)
    client = login_as("office")
    html = text_of(client.get(RETURNS, {"status": "submitted"}))
    assert "1 matching return" in html and "Testshire Police" in html and "School 0" not in html
    html = text_of(client.get(RETURNS, {"sector": Sector.GP}))
    assert "2 matching returns" in html and "Testshire Police" not in html
    html = text_of(client.get(RETURNS, {"q": "police"}))
    assert "1 matching return" in html and "School 0" not in html
    html = text_of(client.get(RETURNS, {"cycle": audit_cycle.pk, "status": "draft"}))
    assert "2 matching returns" in html
    assert (
        'value="submitted" selected'
        in client.get(RETURNS, {"status": "submitted"}).content.decode()
    )


def test_checkboxes_only_for_returns_waiting_and_labelled_with_the_agency(
    login_as, submitted, audit_cycle, board
):
    (draft,) = make_returns(audit_cycle, board, 1, SubmissionStatus.DRAFT)
    html = login_as("office").get(RETURNS).content.decode()
    assert f'id="return-{submitted.pk}"' in html
    assert f'id="return-{draft.pk}"' not in html
    assert (
        f'for="return-{submitted.pk}"><span class="govuk-visually-hidden">Testshire Police, '
        in (html)
    )
    assert "Accept selected" in html and "Return selected for changes" in html
    html = login_as("office").get(RETURNS, {"status": "draft"}).content.decode()
    assert "Accept selected" not in html  # nothing on the page to decide


def test_the_list_costs_the_same_queries_for_3_returns_or_60(
    login_as, submitted, audit_cycle, board
):
    make_returns(audit_cycle, board, 1)
    client = login_as("office")
    url = f"{RETURNS}?status=submitted&sector=school&q=o"
    assert_queries_do_not_grow(client, url, lambda: make_returns(audit_cycle, board, 60))
    assert_queries_do_not_grow(client, RETURNS, lambda: make_returns(audit_cycle, board, 30))


# Deciding in bulk -------------------------------------------------------------------------------


def test_office_accepts_the_selected_returns_in_one_step(login_as, submitted, submitted_y, office):
    response = decide(login_as("office"), [submitted, submitted_y], "accept")
    assert response.status_code == 302
    assert statuses(submitted, submitted_y) == [SubmissionStatus.ACCEPTED] * 2
    assert Submission.objects.get(pk=submitted.pk).history.first().history_user == office
    assert compliance(submitted.cycle).responses == 2
    html = text_of(login_as("office").get(response.url))
    assert "Returns accepted: Testshire NHS Trust and Testshire Police" in html


def test_the_page_keeps_its_filters_after_deciding(login_as, submitted):
    url = f"{RETURNS}?status=submitted"
    response = decide(login_as("office"), [submitted], "accept", url=url)
    assert response.url == url


def test_returning_needs_one_comment_and_changes_nothing_without_it(
    login_as, submitted, submitted_y
):
    response = decide(login_as("office"), [submitted, submitted_y], "return", "  ")
    assert error_summary(response) == ["Say what the agencies need to change"]
    assert statuses(submitted, submitted_y) == [SubmissionStatus.SUBMITTED] * 2
    # the boxes stay ticked for the second try
    assert f'value="{submitted.pk}" checked' in response.content.decode()


def test_returning_sends_each_back_with_the_comment(login_as, submitted, submitted_y, office):
    response = decide(login_as("office"), [submitted, submitted_y], "return", "Add evidence")
    assert response.status_code == 302
    for s in (submitted, submitted_y):
        s = Submission.objects.get(pk=s.pk)
        assert (s.status, s.office_comment) == (SubmissionStatus.RETURNED, "Add evidence")
        assert s.history.first().history_user == office
    assert compliance(submitted.cycle).responses == 0  # returned: no longer counted


def test_nothing_selected_is_a_clear_message(login_as, submitted):
    response = decide(login_as("office"), [], "accept")
    assert error_summary(response) == ["Select the returns to accept or return"]
    assert statuses(submitted) == [SubmissionStatus.SUBMITTED]


def test_ids_that_are_not_numbers_change_nothing(login_as, submitted):
    response = login_as("office").post(RETURNS, {"returns": ["x1"], "decision": "accept"})
    assert error_summary(response) == ["Select the returns again"]
    assert statuses(submitted) == [SubmissionStatus.SUBMITTED]


def test_all_or_nothing_when_one_was_decided_meanwhile(login_as, submitted, submitted_y):
    Submission.objects.filter(pk=submitted_y.pk).update(status=SubmissionStatus.ACCEPTED)
    response = decide(login_as("office"), [submitted, submitted_y], "return", "Fix it")
    assert error_summary(response) == [
        "Nothing was changed: Testshire NHS Trust (accepted) is no longer waiting for a decision. "
        "Select the returns again."
    ]
    assert statuses(submitted, submitted_y) == [
        SubmissionStatus.SUBMITTED,
        SubmissionStatus.ACCEPTED,
    ]
    assert Submission.objects.get(pk=submitted.pk).office_comment == ""


def test_a_draft_cannot_be_accepted_in_bulk(login_as, submitted, submission, audit_cycle, board):
    (draft,) = make_returns(audit_cycle, board, 1, SubmissionStatus.DRAFT)
    response = decide(login_as("office"), [submitted, draft], "accept")
    assert "is no longer waiting for a decision" in error_summary(response)[0]
    assert statuses(submitted, draft) == [SubmissionStatus.SUBMITTED, SubmissionStatus.DRAFT]


def test_another_boards_office_gets_404_and_nothing_changes(login_as, submitted):
    assert decide(login_as("outsider"), [submitted], "accept").status_code == 404
    assert statuses(submitted) == [SubmissionStatus.SUBMITTED]


def test_one_return_of_another_board_among_them_is_404_and_nothing_changes(
    login_as, submitted, outsider, other_board
):
    agency = BoardAgencyFactory(board=other_board, agency=AgencyFactory()).agency
    from ..factories import AuditCycleFactory

    theirs = SubmissionFactory(
        cycle=AuditCycleFactory(boards=[other_board]), agency=agency, status="submitted"
    )
    response = decide(login_as("outsider"), [theirs, submitted], "accept")
    assert response.status_code == 404
    assert statuses(theirs, submitted) == [SubmissionStatus.SUBMITTED] * 2


def test_office_elsewhere_who_leads_the_agency_may_not_decide_its_return(
    login_as, submitted, agency_x, other_board
):
    """Sees the return (as its agency's lead) and runs an office (elsewhere): not this cycle's office."""
    person = UserFactory(agency=agency_x)
    BoardMembershipFactory(user=person, board=submitted.cycle.boards.get(), role=Role.AGENCY_LEAD)
    BoardMembershipFactory(user=person, board=other_board, role=Role.OFFICE)
    assert decide(login_as(person), [submitted], "accept").status_code == 403
    assert statuses(submitted) == [SubmissionStatus.SUBMITTED]


def test_accepting_in_bulk_rolls_improvement_actions_into_one_plan(
    login_as, submission, audit_cycle, agency_y, lead_y
):
    """Two returns of one cycle with improvement actions: the first accepted makes the cycle's
    plan, the second uses it."""
    other = SubmissionFactory(cycle=audit_cycle, agency=agency_y)
    for s, lead in ((submission, "lead_x"), (other, "lead_y")):
        answer(s, "1.1", Rating.PARTIALLY, improvement_action="Train the staff")
        answer(s, "1.2")
        answer(s, "2.1")
        assert submit(login_as(lead), s).status_code == 302
        login_as(lead).logout()
    assert decide(login_as("office"), [submission, other], "accept").status_code == 302
    assert Plan.objects.filter(audit_cycles=audit_cycle).count() == 1
    assert Action.objects.filter(plan__audit_cycles=audit_cycle).count() == 2


def queries_to_accept(client, cycle, board, n):
    returns = make_returns(cycle, board, n)
    with CaptureQueriesContext(connection) as context:
        response = decide(client, returns, "accept")
    assert response.status_code == 302
    assert statuses(*returns) == [SubmissionStatus.ACCEPTED] * n
    return len(context.captured_queries)


# A fixed few: the session, the user and their second factor, the permission to use the list, the
# returns counted, then found and locked in a transaction (and its release), the permission asked
# once per cycle (the message goes in a cookie; the session, unchanged, is not written:
# accounts/sessions.py); then, per return, what submitting.review does for one: its savepoint and
# release, the save and its history row, and roll_up's look for improvement actions. Nothing else
# grows with the number of returns.
FIXED, PER_RETURN = 9, 6  # each return: its review and the notification to its leads


def test_accepting_400_returns_in_one_step_costs_a_fixed_few_queries_and_reviews_own(
    login_as, audit_cycle, board
):
    client = login_as("office")
    assert queries_to_accept(client, audit_cycle, board, 3) == FIXED + 3 * PER_RETURN
    assert queries_to_accept(client, audit_cycle, board, 400) == FIXED + 400 * PER_RETURN


# Accept all N waiting: the filtered list's returns waiting, on every page ----------------------------


def accept_all(client, count, **query):
    url = f"{RETURNS}?{urlencode(query)}" if query else RETURNS
    return client.post(url, {"accept_all": count})


def test_the_list_comes_a_page_at_a_time_with_accept_all_n_waiting(login_as, audit_cycle, board):
    from audits.views.returns import PER_PAGE

    returns = make_returns(audit_cycle, board, PER_PAGE + 1)
    client = login_as("office")
    html = client.get(RETURNS, {"status": "submitted"}).content.decode()
    assert f"{PER_PAGE + 1} matching returns: 1 to {PER_PAGE} shown" in html
    assert html.count('name="returns" type="checkbox"') == PER_PAGE
    assert f'<input type="hidden" name="accept_all" value="{PER_PAGE + 1}">' in html
    assert f"Accept all {PER_PAGE + 1} waiting" in html
    html = client.get(RETURNS, {"status": "submitted", "page": 2}).content.decode()
    assert returns[PER_PAGE].agency.name in html and returns[0].agency.name not in html


def test_accept_all_accepts_the_filtered_lists_returns_waiting_on_every_page(
    login_as, audit_cycle, board
):
    from audits.views.returns import PER_PAGE

    schools = make_returns(audit_cycle, board, PER_PAGE + 2)
    gps = make_returns(audit_cycle, board, 2, sector=Sector.GP)
    drafts = make_returns(audit_cycle, board, 2, SubmissionStatus.DRAFT)
    client = login_as("office")
    response = accept_all(client, PER_PAGE + 2, sector=Sector.SCHOOL, cycle=audit_cycle.pk)
    assert response.status_code == 302
    assert response.url == f"{RETURNS}?sector=school&cycle={audit_cycle.pk}"
    assert statuses(*schools) == [SubmissionStatus.ACCEPTED] * (PER_PAGE + 2)
    assert statuses(*gps) == [SubmissionStatus.SUBMITTED] * 2  # not in the filtered list
    assert statuses(*drafts) == [SubmissionStatus.DRAFT] * 2  # not waiting
    assert f"{PER_PAGE + 2} returns accepted" in text_of(client.get(response.url))


def test_accept_all_changes_nothing_when_more_or_fewer_are_waiting_than_shown(
    login_as, audit_cycle, board
):
    returns = make_returns(audit_cycle, board, 3)
    client = login_as("office")
    for shown in (2, 4):
        response = accept_all(client, shown, status="submitted")
        assert response.status_code == 200
        assert (
            f"Nothing was changed: 3 returns are waiting for a decision now, not {shown}"
            in text_of(response)
        )
        assert 'class="govuk-error-summary"' in response.content.decode()
    assert statuses(*returns) == [SubmissionStatus.SUBMITTED] * 3


@pytest.mark.parametrize("role", ["member", "chair", "lead_x"])
def test_only_office_staff_accept_all(login_as, submitted, role):
    assert accept_all(login_as(role), 1).status_code == 403
    assert statuses(submitted) == [SubmissionStatus.SUBMITTED]


def test_accept_all_reaches_no_other_boards_returns(login_as, client, submitted):
    response = accept_all(login_as("outsider"), 1)
    assert "Nothing was changed: 0 returns are waiting" in text_of(response)
    client.logout()
    assert accept_all(client, 1).status_code == 302  # to sign in
    assert statuses(submitted) == [SubmissionStatus.SUBMITTED]


def test_an_office_elsewhere_that_leads_the_agency_finds_nothing_to_accept(
    login_as, submitted, audit_cycle, agency_x, other_board
):
    """Sees the return (as its agency's lead) and runs an office (elsewhere): accept all counts the
    returns of its own office's cycles only."""
    person = UserFactory(agency=agency_x)
    BoardMembershipFactory(user=person, board=audit_cycle.boards.get(), role=Role.AGENCY_LEAD)
    BoardMembershipFactory(user=person, board=other_board, role=Role.OFFICE)
    response = accept_all(login_as(person), 1)
    assert "Nothing was changed: 0 returns are waiting" in text_of(response)
    assert statuses(submitted) == [SubmissionStatus.SUBMITTED]


def queries_to_accept_all(client, cycle, board, n):
    returns = make_returns(cycle, board, n)
    with CaptureQueriesContext(connection) as context:
        response = accept_all(client, n, cycle=cycle.pk, status="submitted")
    assert response.status_code == 302
    assert statuses(*returns) == [SubmissionStatus.ACCEPTED] * n
    return len(context.captured_queries)


def test_accepting_all_400_waiting_costs_a_fixed_few_queries_and_reviews_own(
    login_as, audit_cycle, board
):
    client = login_as("office")
    # As ticking them, and two more: the filter's cycle looked up, the waiting returns' ids found.
    fixed = FIXED + 2
    assert queries_to_accept_all(client, audit_cycle, board, 3) == fixed + 3 * PER_RETURN
    assert queries_to_accept_all(client, audit_cycle, board, 400) == fixed + 400 * PER_RETURN


# A cycle's agencies expected ----------------------------------------------------------------------


def cycle_page(client, cycle, **query):
    return client.get(cycle.get_absolute_url(), query)


def test_agencies_expected_filter_by_status_sector_and_name(
    login_as, submitted, audit_cycle, board
):
    make_returns(audit_cycle, board, 2, SubmissionStatus.DRAFT, sector=Sector.GP)
    make_returns(audit_cycle, board, 1, SubmissionStatus.RETURNED, sector=Sector.GP)
    client = login_as("office")
    html = text_of(cycle_page(client, audit_cycle))
    assert "All 5 agencies expected" in html
    # yet to submit: agency Y (not started), two in progress, one returned; X has submitted
    html = text_of(cycle_page(client, audit_cycle, status="yet"))
    assert "4 matching agencies" in html and "Testshire Police" not in html
    html = text_of(cycle_page(client, audit_cycle, status="none"))
    assert "1 matching agency" in html and "Testshire NHS Trust" in html
    html = text_of(cycle_page(client, audit_cycle, status="submitted"))
    assert "1 matching agency" in html and "Testshire Police" in html
    html = text_of(cycle_page(client, audit_cycle, sector=Sector.GP, status="yet"))
    assert "3 matching agencies" in html
    html = text_of(cycle_page(client, audit_cycle, q="nhs"))
    assert "1 matching agency" in html and "Testshire NHS Trust" in html


def test_agencies_expected_are_the_offices_alone(login_as, submitted, audit_cycle):
    for role in ("member", "lead_x", "chair"):
        html = text_of(cycle_page(login_as(role), audit_cycle, status="yet"))
        assert "Agencies expected" not in html and "Testshire NHS Trust" not in html
    assert cycle_page(login_as("outsider"), audit_cycle).status_code == 404
    client = login_as("anonymous")
    client.logout()  # the outsider, just before
    assert cycle_page(client, audit_cycle).status_code == 302


def test_the_agencies_expected_cost_the_same_queries_for_2_or_62(login_as, audit_cycle, board):
    make_returns(audit_cycle, board, 2, SubmissionStatus.DRAFT)  # 2 matching, then 62
    client = login_as("office")
    url = f"{audit_cycle.get_absolute_url()}?status=yet&sector=school&q=s"
    assert_queries_do_not_grow(
        client, url, lambda: make_returns(audit_cycle, board, 60, SubmissionStatus.DRAFT)
    )


def test_a_closed_cycle_still_lists_its_agencies(login_as, submitted, audit_cycle):
    audit_cycle.closed = datetime.date.today()
    audit_cycle.save()
    html = text_of(cycle_page(login_as("office"), audit_cycle, status="yet"))
    assert "Testshire NHS Trust" in html


def test_the_cycle_page_counts_the_returns_by_status_each_linking_to_its_list(
    login_as, submitted, audit_cycle, board
):
    make_returns(audit_cycle, board, 2, SubmissionStatus.DRAFT)
    make_returns(audit_cycle, board, 1, SubmissionStatus.RETURNED)
    make_returns(audit_cycle, board, 3, SubmissionStatus.ACCEPTED)
    html = cycle_page(login_as("office"), audit_cycle).content.decode()
    # X submitted, Y not started: 8 expected
    for key, label in [
        ("yet", "Yet to submit: 4 agencies"),
        ("none", "Not started: 1 agency"),
        ("draft", "In progress: 2 agencies"),
        ("submitted", "Submitted: 1 agency"),
        ("returned", "Returned for changes: 1 agency"),
        ("accepted", "Accepted: 3 agencies"),
    ]:
        assert f'<a class="govuk-link" href="?status={key}#agencies">{label}</a>' in html


def test_the_cycle_page_lists_its_agencies_a_page_at_a_time(login_as, audit_cycle, board):
    from audits.views.cycles import PER_PAGE

    names = [r.agency.name for r in make_returns(audit_cycle, board, PER_PAGE + 1, "draft")]
    client = login_as("office")
    html = cycle_page(client, audit_cycle, status="draft").content.decode()
    assert f"{PER_PAGE + 1} matching agencies: 1 to {PER_PAGE} shown" in html
    assert html.count("In progress</strong>") == PER_PAGE
    assert "?status=draft&amp;page=2" in html
    html = text_of(cycle_page(client, audit_cycle, status="draft", page=2))
    assert names[PER_PAGE] in html and names[0] not in html

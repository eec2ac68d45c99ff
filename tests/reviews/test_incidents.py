"""The serious incident pipeline: the office asks agencies for their information for a rapid review
(due on a working day), each agency's lead sees and returns only their own, the office records the
national panel's response and the decision on a practice review. Every view: anonymous, wrong role,
other agency, other board, happy path."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Event, Notification
from reviews.clocks import add_working_days
from reviews.incident_workflow import remind_overdue
from reviews.models import InformationRequest, ReviewKind, ReviewSettings
from subgroups.models import MemberRole

from ..factories import SubgroupMembershipFactory, UserFactory
from ..reviews_factories import CaseReviewFactory

TODAY = timezone.localdate
CHRONOLOGY = {
    "chronology": "Three contacts with the family in the year before the incident.",
    "involvement": "The neighbourhood team attended two reports of domestic abuse.",
    "initial_learning": "Officers did not always ask to see the baby.",
}


def dmy(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def due_day():
    return add_working_days(TODAY(), 10)


@pytest.fixture
def incident(board):
    """A rapid review of `board`: the panel notified today, the rapid review running."""
    return CaseReviewFactory(
        board=board,
        reference="Child R",
        kind=ReviewKind.RAPID,
        known_date=TODAY(),
        notified_date=TODAY(),
    )


@pytest.fixture
def asked(incident, agency_x, agency_y, office):
    """Agencies X and Y asked for their information, due in 10 working days."""
    return {
        agency: InformationRequest.objects.create(
            review=incident, agency=agency, due=due_day(), asked_by=office
        )
        for agency in (agency_x, agency_y)
    }


def url(name, obj):
    return reverse(f"reviews:{name}", args=[obj.pk])


def ask(client, review, agencies, day):
    data = {"agencies": [a.pk for a in agencies], **dmy("due", day)}
    return client.post(url("information_ask", review), data)


def test_office_asks_two_agencies_and_their_leads_are_told(
    login_as, incident, agency_x, agency_y, lead_x, lead_y, office
):
    response = ask(login_as("office"), incident, [agency_x, agency_y], due_day())
    assert response.status_code == 302
    requests = InformationRequest.objects.filter(review=incident)
    assert {(r.agency, r.due, r.asked_by) for r in requests} == {
        (agency_x, due_day(), office),
        (agency_y, due_day(), office),
    }
    told = Notification.objects.filter(event=Event.INFORMATION_REQUESTED)
    assert {n.recipient for n in told} == {lead_x, lead_y}
    assert all("Child R" in n.subject and n.link.startswith("/reviews/") for n in told)
    page = login_as("office").get(incident.get_absolute_url()).content.decode()
    assert "Testshire Police" in page and "Testshire NHS Trust" in page


@pytest.mark.parametrize(
    "day, words",
    [
        (date(2026, 12, 25), "a bank holiday (Christmas Day)"),
        (date(2026, 12, 28), "a bank holiday (Boxing Day"),  # the substitute day
        (date(2027, 3, 29), "a bank holiday (Easter Monday)"),
        (date(2026, 12, 26), "a Saturday"),
        (date(2027, 1, 3), "a Sunday"),
    ],
)
def test_a_due_date_off_the_working_days_is_refused_and_nothing_asked(
    login_as, incident, agency_x, day, words
):
    response = ask(login_as("office"), incident, [agency_x], day)
    assert response.status_code == 200
    page = response.content.decode()
    assert words in page and "choose a working day" in page
    assert not InformationRequest.objects.exists()
    assert not Notification.objects.exists()


def test_an_agency_is_asked_once_per_review(login_as, asked, incident, agency_x):
    response = ask(login_as("office"), incident, [agency_x], due_day())
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert InformationRequest.objects.filter(review=incident, agency=agency_x).count() == 1


def test_only_the_boards_own_agencies_can_be_asked(login_as, incident, other_agency):
    response = ask(login_as("office"), incident, [other_agency], due_day())
    assert response.status_code == 200
    assert not InformationRequest.objects.exists()


def test_the_lead_sees_their_own_request_on_home_and_list_not_another_agencys(
    login_as, asked, agency_x, agency_y, lead_x
):
    client = login_as("lead_x")
    home = client.get(reverse("home")).content.decode()
    assert "Information asked for rapid reviews" in home and "Child R" in home
    listed = client.get(reverse("reviews:information_requests")).content.decode()
    assert "Testshire Police" in listed and "Testshire NHS Trust" not in listed
    assert client.get(url("information_request", asked[agency_x])).status_code == 200
    assert client.get(url("information_request", asked[agency_y])).status_code == 404
    assert client.get(url("information_return", asked[agency_y])).status_code == 404


def test_the_lead_returns_the_information_and_the_office_is_told(
    login_as, asked, agency_x, lead_x, office
):
    request = asked[agency_x]
    client = login_as("lead_x")
    form = client.get(url("information_return", request)).context["form"]
    data = {**CHRONOLOGY, "seen_values": form["seen_values"].value()}
    assert client.post(url("information_return", request), data).status_code == 302
    request.refresh_from_db()
    assert (request.submitted_on, request.submitted_by) == (TODAY(), lead_x)
    assert request.state().value == "on_time"
    assert request.history.first().history_user == lead_x
    told = Notification.objects.get(event=Event.INFORMATION_RETURNED)
    assert told.recipient == office and "Testshire Police" in told.subject
    page = login_as("office").get(url("information_request", request)).content.decode()
    assert "ask to see the baby" in page


def test_the_return_needs_every_part_and_no_names(login_as, asked, agency_x):
    request = asked[agency_x]
    client = login_as("lead_x")
    response = client.post(url("information_return", request), {**CHRONOLOGY, "involvement": ""})
    assert "Enter your agency&#x27;s involvement" in response.content.decode()
    named = {**CHRONOLOGY, "chronology": "Mrs Smith was seen twice by the health visitor."}
    response = client.post(url("information_return", request), named)
    assert response.status_code == 200 and "Remove" in response.content.decode()
    request.refresh_from_db()
    assert request.submitted_on is None and request.chronology == ""


def test_a_second_lead_cannot_overwrite_a_return_changed_meanwhile(
    login_as, asked, agency_x, board
):
    from boards.models import Role

    from ..conftest import board_person

    request = asked[agency_x]
    first = login_as("lead_x")
    stale = first.get(url("information_return", request)).context["form"]["seen_values"].value()
    other = board_person(board, Role.AGENCY_LEAD, name="Second Lead", agency=agency_x)
    second = login_as(other)
    fresh = second.get(url("information_return", request)).context["form"]["seen_values"].value()
    second.post(url("information_return", request), {**CHRONOLOGY, "seen_values": fresh})
    first = login_as("lead_x")
    mine = {**CHRONOLOGY, "involvement": "Something else entirely.", "seen_values": stale}
    response = first.post(url("information_return", request), mine)
    assert response.status_code == 200 and "Someone else changed this" in response.content.decode()
    request.refresh_from_db()
    assert request.involvement == CHRONOLOGY["involvement"]


@pytest.mark.parametrize("name", ["information_request", "information_due", "information_return"])
def test_board_members_and_other_boards_do_not_see_a_request(login_as, asked, agency_x, name):
    for role in ("chair", "member", "lead_y", "subgroup_chair", "outsider"):
        assert login_as(role).get(url(name, asked[agency_x])).status_code == 404, role


def test_anonymous_people_are_sent_to_sign_in(client, asked, agency_x, incident, board):
    for address in [
        url("information_request", asked[agency_x]),
        url("information_return", asked[agency_x]),
        url("information_due", asked[agency_x]),
        url("information_ask", incident),
        url("panel_response", incident),
        url("lcspr_decision", incident),
        reverse("reviews:monitoring", args=[board.pk]),
        reverse("reviews:information_requests"),
    ]:
        assert client.get(address).status_code == 302, address


def test_the_office_does_not_write_an_agencys_return_and_the_lead_not_its_due_date(
    login_as, asked, agency_x
):
    assert login_as("office").get(url("information_return", asked[agency_x])).status_code == 403
    assert login_as("lead_x").get(url("information_due", asked[agency_x])).status_code == 403


def test_the_office_moves_a_due_date_to_a_working_day_only(login_as, asked, agency_x):
    request = asked[agency_x]
    client = login_as("office")
    form = client.get(url("information_due", request)).context["form"]
    token = form["seen_values"].value()
    response = client.post(
        url("information_due", request), {**dmy("due", date(2027, 1, 1)), "seen_values": token}
    )
    assert "a bank holiday (New Year" in response.content.decode()
    later = add_working_days(request.due, 3)
    client.post(url("information_due", request), {**dmy("due", later), "seen_values": token})
    request.refresh_from_db()
    assert request.due == later


def test_the_case_review_group_sees_and_asks(
    client, board, other_subgroup, asked, incident, agency_x
):
    ReviewSettings.objects.create(board=board, case_review_group=other_subgroup)
    user = UserFactory(name="Cara Reviewer")
    SubgroupMembershipFactory(subgroup=other_subgroup, user=user, role=MemberRole.MEMBER)
    client.force_login(user)
    assert client.get(url("information_request", asked[agency_x])).status_code == 200
    assert client.get(url("information_ask", incident)).status_code == 200
    assert client.get(reverse("reviews:monitoring", args=[board.pk])).status_code == 200


@pytest.mark.parametrize("name", ["information_ask", "panel_response", "lcspr_decision"])
def test_readers_of_the_review_do_not_run_the_pipeline(login_as, incident, name):
    assert login_as("chair").get(url(name, incident)).status_code == 403
    assert login_as("member").get(url(name, incident)).status_code == 403
    assert login_as("lead_x").get(url(name, incident)).status_code == 404
    assert login_as("outsider").get(url(name, incident)).status_code == 404


def test_the_review_page_shows_returns_to_the_office_only(login_as, asked, incident):
    assert "Agencies asked for their information" in (
        login_as("office").get(incident.get_absolute_url()).content.decode()
    )
    page = login_as("chair").get(incident.get_absolute_url()).content.decode()
    assert "Rapid review and decision" in page and "Testshire Police" not in page


def test_overdue_returns_remind_their_leads_once(asked, agency_x, agency_y, lead_x, lead_y):
    request = asked[agency_x]
    request.submitted_on = TODAY()
    request.save()
    later = add_working_days(request.due, 1)
    made = remind_overdue(later)
    assert [n.recipient for n in made] == [lead_y]
    assert made[0].event == Event.INFORMATION_OVERDUE
    assert remind_overdue(add_working_days(later, 1)) == []


def test_no_reminder_once_the_rapid_review_is_done(asked, incident, lead_x):
    incident.rapid_review_date = TODAY()
    incident.save()
    assert remind_overdue(add_working_days(due_day(), 2)) == []


def test_once_the_rapid_review_is_done_the_returns_stand_as_they_were(
    login_as, asked, incident, agency_x
):
    request = asked[agency_x]
    client = login_as("lead_x")
    form = client.get(url("information_return", request)).context["form"]
    data = {**CHRONOLOGY, "seen_values": form["seen_values"].value()}
    assert client.post(url("information_return", request), data).status_code == 302
    incident.rapid_review_date = TODAY()
    incident.save()
    assert client.get(url("information_return", request)).status_code == 403
    changed = {**data, "initial_learning": "Rewritten afterwards"}
    assert client.post(url("information_return", request), changed).status_code == 403
    request.refresh_from_db()
    assert request.initial_learning == CHRONOLOGY["initial_learning"]
    page = client.get(url("information_request", request)).content.decode()
    assert "can no longer be changed" in page
    assert url("information_return", request) not in page


def test_the_office_records_the_panels_response(login_as, incident):
    client = login_as("office")
    response = client.post(url("panel_response", incident), {"text": ""})
    page = response.content.decode()
    assert "Choose the panel" in page and "Enter the panel" in page
    data = {
        **dmy("received", TODAY()),
        "view": "agrees",
        "text": "The panel agrees that a local review would add learning.",
    }
    assert client.post(url("panel_response", incident), data).status_code == 302
    assert incident.panel_response.view == "agrees"
    page = client.get(incident.get_absolute_url()).content.decode()
    assert "agrees with the rapid review" in page


def test_a_panel_response_naming_a_child_is_refused(login_as, incident):
    data = {**dmy("received", TODAY()), "view": "agrees", "text": "Child AB should be reviewed."}
    response = login_as("office").post(url("panel_response", incident), data)
    assert response.status_code == 200
    assert not hasattr(incident, "panel_response") or incident.panel_response is None

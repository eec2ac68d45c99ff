"""'Your notifications' and how a person gets them: their own only."""

import pytest
from django.urls import reverse

from notifications.models import Event, Frequency, Notification, Preference
from notifications.notifying import notify

LIST = reverse("notifications:list")
SETTINGS = reverse("notifications:settings")


def make(person, subject, **fields):
    return Notification.objects.create(
        recipient=person,
        event=Event.RETURN_RETURNED,
        subject=subject,
        body="Why: evidence",
        **fields,
    )


@pytest.mark.parametrize("url", [LIST, SETTINGS])
def test_anonymous_people_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_person_sees_their_own_notifications_only(login_as, lead_x, lead_y, other_board_lead):
    make(lead_x, "Your return was returned", link="/audits/submissions/1/")
    make(lead_y, "Lead Y's private notification")
    make(other_board_lead, "The other board's notification")
    page = login_as("lead_x").get(LIST).content.decode()
    assert "Your return was returned" in page and 'href="/audits/submissions/1/"' in page
    assert "Lead Y&#x27;s private notification" not in page and "Lead Y's private" not in page
    assert "other board" not in page


def test_the_list_says_what_was_sent_and_what_waits(login_as, lead_x):
    make(lead_x, "Sent one", sent_at="2026-01-02T10:00:00Z")
    make(lead_x, "Waiting one", digest=True)
    page = login_as("lead_x").get(LIST).content.decode()
    assert "Sent 2 Jan 2026" in page and "In your next daily digest" in page
    assert "an email for each notification" in page


def test_the_list_asks_a_fixed_number_of_queries(login_as, lead_x, django_assert_max_num_queries):
    for n in range(30):
        make(lead_x, f"Notification {n}")
    client = login_as("lead_x")
    with django_assert_max_num_queries(9):
        assert client.get(LIST).status_code == 200


def test_a_person_chooses_a_daily_digest(login_as, lead_x, django_capture_on_commit_callbacks):
    client = login_as("lead_x")
    assert client.get(SETTINGS).status_code == 200
    response = client.post(SETTINGS, {"frequency": Frequency.DAILY})
    assert response.status_code == 302 and response.url == LIST
    preference = Preference.objects.get(user=lead_x)
    assert preference.frequency == Frequency.DAILY
    assert preference.history.first().history_user == lead_x
    assert "one email a day" in client.get(LIST).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        (made,) = notify([lead_x], Event.REPORT_PUBLISHED, "Published", "Version 1")
    assert made.digest and made.sent_at is None


def test_a_preference_is_a_persons_own(login_as, lead_x, lead_y):
    """The form has no person in it: each edits only their own preference."""
    Preference.objects.create(user=lead_y, frequency=Frequency.IMMEDIATE)
    login_as("lead_x").post(SETTINGS, {"frequency": Frequency.DAILY, "user": lead_y.pk})
    assert Preference.objects.get(user=lead_y).frequency == Frequency.IMMEDIATE
    assert Preference.objects.get(user=lead_x).frequency == Frequency.DAILY


def test_a_bad_choice_is_refused_and_nothing_changes(login_as, lead_x):
    response = login_as("lead_x").post(SETTINGS, {"frequency": "hourly"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Preference.objects.get(user=lead_x).frequency == Frequency.IMMEDIATE


def test_the_header_links_to_notifications(login_as):
    assert f'href="{LIST}"' in login_as("member").get(reverse("home")).content.decode()

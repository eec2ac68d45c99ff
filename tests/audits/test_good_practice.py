"""The good practice catalogue: people of the board send in examples (never anything that identifies
someone), the office publishes or returns them, everyone of the board searches what is published."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.models import GoodPractice, GoodPracticeStatus
from boards.models import Agency, BoardKind, LearningTheme, Sector
from core.identity import identifying
from notifications.models import Event, Notification

from ..factories import AgencyFactory, BoardAgencyFactory

TEXT = {
    "title": "Hearing a non-verbal child",
    "summary": "The school nurse and the social worker used picture cards at every visit.",
    "outcome": "Her wishes about where she lived shaped the plan.",
}


def example(board, agency, user, status=GoodPracticeStatus.SUBMITTED, **fields):
    return GoodPractice.objects.create(
        board=board,
        agency=agency,
        submitted_by=user,
        status=status,
        published=timezone.localdate() if status == GoodPracticeStatus.PUBLISHED else None,
        **{**TEXT, **fields},
    )


def add_url(board):
    return reverse("audits:good_practice_add", args=[board.pk])


def url(name, obj):
    return reverse(f"audits:good_practice_{name}", args=[obj.pk])


@pytest.fixture
def theme(board):
    return LearningTheme.objects.create(board=board, name="Voice of the child")


@pytest.fixture
def waiting(board, agency_x, lead_x, theme):
    made = example(board, agency_x, lead_x)
    made.themes.add(theme)
    return made


@pytest.fixture
def published(board, agency_x, lead_x, theme):
    made = example(board, agency_x, lead_x, GoodPracticeStatus.PUBLISHED, title="Return interviews")
    made.themes.add(theme)
    return made


# Sending one in


def test_an_agency_lead_sends_in_an_example_for_their_agency(
    login_as, board, agency_x, lead_x, office, theme
):
    client = login_as("lead_x")
    form = client.get(add_url(board)).context["form"]
    assert "agency" not in form.fields, "a lead's example is their own agency's"
    response = client.post(add_url(board), {**TEXT, "themes": [theme.pk]})
    assert response.status_code == 302
    sent = GoodPractice.objects.get()
    assert (sent.agency, sent.submitted_by, sent.status) == (
        agency_x,
        lead_x,
        GoodPracticeStatus.SUBMITTED,
    )
    assert list(sent.themes.all()) == [theme]
    assert sent.history.get().history_user == lead_x
    told = Notification.objects.get(event=Event.GOOD_PRACTICE_SUBMITTED)
    assert told.recipient == office and told.link == sent.get_absolute_url()


def test_the_office_and_members_of_no_agency_choose_the_agency(login_as, board, agency_y, member):
    for role in ("office", "member"):
        form = login_as(role).get(add_url(board)).context["form"]
        assert set(form.fields["agency"].queryset) == set(board.agencies.all())
    response = login_as("member").post(add_url(board), {**TEXT, "agency": agency_y.pk})
    assert response.status_code == 302
    assert GoodPractice.objects.get().agency == agency_y


def test_the_form_warns_against_names(login_as, board):
    shown = login_as("lead_x").get(add_url(board)).content.decode()
    assert "govuk-warning-text" in shown and "Never write a child" in shown


@pytest.mark.parametrize(
    ("field", "text", "words"),
    [
        ("summary", "We visited Child JS at home every week.", "Child JS"),
        ("outcome", "Mrs Smith now attends every meeting.", "Mrs Smith"),
        ("title", "How J.S. was heard", "J.S."),
        ("summary", "A girl named Emily was referred.", "girl named Emily"),
    ],
)
def test_identifying_words_are_refused(login_as, board, field, text, words):
    response = login_as("lead_x").post(add_url(board), {**TEXT, field: text})
    assert response.status_code == 200
    assert f"Remove “{words}”" in str(response.context["form"].errors[field])
    assert not GoodPractice.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Child N's plan",
        "the child CSE risk assessment",
        "a Child Protection plan",
        "The Named Nurse and the school",
        "Police were called Friday",
        "across the U.K.",
    ],
)
def test_ordinary_words_are_not_taken_for_names(text):
    assert identifying(text) == []


def test_a_theme_or_agency_of_another_board_is_refused(login_as, board, other_board, other_agency):
    other_theme = LearningTheme.objects.create(board=other_board, name="Neglect")
    data = {**TEXT, "agency": other_agency.pk, "themes": [other_theme.pk]}
    response = login_as("office").post(add_url(board), data)
    assert set(response.context["form"].errors) == {"agency", "themes"}


def test_the_date_cannot_be_in_the_future(login_as, board):
    later = timezone.localdate() + datetime.timedelta(days=40)
    date = {"practice_date_0": later.day, "practice_date_1": later.month}
    response = login_as("lead_x").post(
        add_url(board), {**TEXT, **date, "practice_date_2": later.year}
    )
    assert "cannot be in the future" in str(response.context["form"].errors["practice_date"])


def test_an_adults_board_asks_what_changed_for_the_adult(login_as, board):
    board.kind = BoardKind.ADULTS
    board.save()
    form = login_as("lead_x").get(add_url(board)).context["form"]
    assert form.fields["outcome"].label == "What changed for the adult"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("subgroup_chair", 403),  # a group's member reads the catalogue; board people send in
        ("outsider", 404),
        ("member", 200),
        ("lead_y", 200),
    ],
)
def test_who_sends_one_in(login_as, board, lead_y, role, status):
    assert login_as(role).get(add_url(board)).status_code == status


# Deciding


def decide(client, obj, **data):
    return client.post(url("decide", obj), data)


def test_the_office_publishes_and_the_submitter_is_told(login_as, waiting, office, lead_x):
    assert decide(login_as("office"), waiting, decision="accept").status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == GoodPracticeStatus.PUBLISHED
    assert waiting.published == timezone.localdate()
    assert waiting.history.first().history_user == office
    told = Notification.objects.get(event=Event.GOOD_PRACTICE_PUBLISHED)
    assert told.recipient == lead_x and "is published" in told.subject


def test_returning_needs_a_comment_then_the_submitter_changes_and_sends_again(
    login_as, waiting, lead_x, office
):
    response = decide(login_as("office"), waiting, decision="return", comment="")
    assert "Say what needs to change" in response.content.decode()
    decide(login_as("office"), waiting, decision="return", comment="Say what changed for her")
    waiting.refresh_from_db()
    assert waiting.status == GoodPracticeStatus.RETURNED
    told = Notification.objects.get(event=Event.GOOD_PRACTICE_RETURNED)
    assert told.recipient == lead_x and "Say what changed for her" in told.body

    client = login_as("lead_x")
    page = client.get(url("entry", waiting)).content.decode()
    assert "Say what changed for her" in page and "Change and send again" in page
    form = client.get(url("edit", waiting)).context["form"]
    data = {**TEXT, "outcome": "She chose her school.", "seen_values": form["seen_values"].value()}
    assert client.post(url("edit", waiting), data).status_code == 302
    waiting.refresh_from_db()
    assert (waiting.status, waiting.outcome) == (
        GoodPracticeStatus.SUBMITTED,
        "She chose her school.",
    )
    assert Notification.objects.filter(
        event=Event.GOOD_PRACTICE_SUBMITTED, recipient=office
    ).exists()


def test_a_decided_example_is_not_decided_again(login_as, published):
    assert login_as("office").get(url("decide", published)).status_code == 403


def test_the_submitter_no_longer_changes_a_published_example_but_the_office_does(
    login_as, published
):
    assert login_as("lead_x").get(url("edit", published)).status_code == 403
    assert login_as("office").get(url("edit", published)).status_code == 200


# Withdrawing


def test_the_submitter_withdraws_their_example_with_a_reason(login_as, waiting, lead_x):
    client = login_as("lead_x")
    response = client.post(url("withdraw", waiting), {"reason": "Sent twice"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == GoodPracticeStatus.WITHDRAWN
    assert waiting.history.first().history_change_reason == "Sent twice"
    assert client.get(url("withdraw", waiting)).status_code == 403
    assert client.get(url("edit", waiting)).status_code == 403
    shown = login_as("office").get(url("entry", waiting)).content.decode()
    assert "Sent twice" in shown and "Withdrawn" in shown, "the office still reads why"


def test_the_office_takes_a_published_example_out_of_the_catalogue(login_as, published):
    client = login_as("office")
    assert client.post(url("withdraw", published), {"reason": "Out of date"}).status_code == 302
    assert titles(catalogue(login_as("member"))) == []


# Who sees what


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("office", 200),
        ("lead_x", 200),
        ("lead_y", 404),  # another agency's example, not yet published
        ("member", 404),
        ("chair", 404),
        ("outsider", 404),
    ],
)
def test_an_example_waiting_for_approval_is_seen_by_its_submitter_and_the_office(
    login_as, waiting, role, status
):
    assert login_as(role).get(url("entry", waiting)).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("member", 200),
        ("chair", 200),
        ("lead_y", 200),
        ("subgroup_chair", 200),
        ("outsider", 404),
        ("other_board_member", 404),
        ("other_board_lead", 404),
    ],
)
def test_a_published_example_is_read_by_everyone_of_the_board(login_as, published, role, status):
    assert login_as(role).get(url("entry", published)).status_code == status


def test_only_the_submitter_and_the_office_see_who_sent_it_and_its_history(login_as, published):
    assert (
        "Changes to this example"
        in login_as("lead_x").get(url("entry", published)).content.decode()
    )
    shown = login_as("member").get(url("entry", published)).content.decode()
    assert "Changes to this example" not in shown and "Lee Lead" not in shown
    assert "Withdraw" not in shown and "Publish or return" not in shown


def test_your_examples_and_the_office_queue(login_as, waiting, published):
    mine = login_as("lead_x").get(reverse("audits:good_practice_mine"))
    assert set(mine.context["own"]) == {waiting, published}
    assert not mine.context["waiting"]
    queue = login_as("office").get(reverse("audits:good_practice_mine"))
    assert list(queue.context["waiting"]) == [waiting]
    assert list(login_as("lead_y").get(reverse("audits:good_practice_mine")).context["own"]) == []


# The catalogue


def catalogue(client, **query):
    return client.get(reverse("audits:good_practice"), query)


def titles(response):
    return [e.title for e in response.context["examples"]]


def test_the_catalogue_lists_published_examples_only(
    login_as, waiting, published, other_board, other_agency
):
    example(other_board, other_agency, None, GoodPracticeStatus.PUBLISHED, title="Elsewhere")
    response = catalogue(login_as("member"))
    assert titles(response) == ["Return interviews"]
    assert response.context["send_to"].get().name == waiting.board.name


def test_the_catalogue_is_searched_by_words_theme_agency_and_sector(
    login_as, board, agency_x, agency_y, lead_x, theme, published
):
    Agency.objects.filter(pk=agency_x.pk).update(sector=Sector.POLICE)
    Agency.objects.filter(pk=agency_y.pk).update(sector=Sector.NHS_TRUST)
    other = example(
        board,
        agency_y,
        lead_x,
        GoodPracticeStatus.PUBLISHED,
        title="Was Not Brought",
        summary="Health visitors record a missed appointment as a child not brought.",
    )
    client = login_as("member")
    assert titles(catalogue(client, q="missed appointment")) == ["Was Not Brought"]
    assert titles(catalogue(client, q="picture cards")) == ["Return interviews"]
    assert titles(catalogue(client, theme=theme.pk)) == ["Return interviews"]
    assert titles(catalogue(client, agency=agency_y.pk)) == [other.title]
    assert titles(catalogue(client, sector=Sector.POLICE)) == ["Return interviews"]


def test_the_catalogue_pages_and_asks_a_fixed_number_of_queries(
    login_as, board, agency_x, lead_x, theme, django_assert_max_num_queries
):
    for n in range(45):
        made = example(board, agency_x, lead_x, GoodPracticeStatus.PUBLISHED, title=f"Example {n}")
        made.themes.add(theme)
    client = login_as("member")
    with django_assert_max_num_queries(16):
        response = catalogue(client, theme=theme.pk)
    assert len(response.context["examples"]) == 20
    assert response.context["page_obj"].paginator.count == 45
    assert len(titles(catalogue(client, page=3))) == 5


def test_each_learning_theme_links_to_its_examples(login_as, theme):
    shown = login_as("member").get(reverse("reviews:lessons")).content.decode()
    assert f"{reverse('audits:good_practice')}?theme={theme.pk}" in shown


def test_the_menu_links_to_the_catalogue(login_as):
    shown = login_as("lead_x").get(reverse("home")).content.decode()
    assert f'href="{reverse("audits:good_practice")}"' in shown


def test_a_partner_of_the_board_only(login_as, board):
    stranger = AgencyFactory(name="Not a partner")
    response = login_as("office").post(add_url(board), {**TEXT, "agency": stranger.pk})
    assert "agency" in response.context["form"].errors
    BoardAgencyFactory(board=board, agency=stranger)
    assert (
        login_as("office").post(add_url(board), {**TEXT, "agency": stranger.pk}).status_code == 302
    )


def test_another_boards_theme_or_agency_in_the_query_shows_nothing_of_it(
    login_as, published, other_board, other_agency
):
    elsewhere = example(other_board, other_agency, None, GoodPracticeStatus.PUBLISHED, title="Else")
    other_theme = LearningTheme.objects.create(board=other_board, name="Neglect")
    elsewhere.themes.add(other_theme)
    client = login_as("member")
    for query in ({"theme": other_theme.pk}, {"agency": other_agency.pk}):
        response = catalogue(client, **query)
        assert "Else" not in titles(response)
        assert response.context["filter"].form.errors, "the choice is not one of the list"

"""Safeguarding adults reviews: who sees and changes them (adults boards only), the referral, the
section 44 decision and its rules, the gate before the review goes ahead, methodology, coversheet,
quality markers, publication and the national SAR library export."""

import csv
import io
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reviews.models import CaseReview, ReviewKind, Status
from reviews.sar import MarkerAssessment, S44Decision, SarDetails, coversheet, quality_markers
from reviews.workflow import move

from ..reviews_factories import LearningThemeFactory, LessonFactory
from .sar_fixtures import *  # noqa: F403  (the adults board, its people and a SAR: fixtures)
from .sar_fixtures import new_sar

READ = {
    "anonymous": 302,
    "sab_office": 200,
    "sab_chair": 200,
    "sab_member": 200,
    "sar_group": 200,
    "sab_lead": 404,
    "outsider": 404,
}
EDIT = {**READ, "sab_chair": 403, "sab_member": 403}
URLS = {
    "reviews:sar_list": ("board", READ),
    "reviews:sar_export": ("board", READ),
    "reviews:sar_add": ("board", EDIT),
    "reviews:sar_referral": ("review", EDIT),
    "reviews:sar_decision": ("review", EDIT),
    "reviews:sar_methodology": ("review", EDIT),
    "reviews:sar_coversheet": ("review", EDIT),
    "reviews:sar_markers": ("review", EDIT),
}


def dmy(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


@pytest.fixture
def as_role(client, sab_people, outsider):
    people = {**sab_people, "outsider": outsider}

    def login(role):
        client.logout()
        if role != "anonymous":
            client.force_login(people[role])
        return client

    return login


def url_of(name, target, sab, sar):
    if target == "board":
        kwargs = {"board_pk": sab.pk, **({"fmt": "csv"} if name.endswith("export") else {})}
    else:
        kwargs = {"pk": sar.pk}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", URLS)
def test_who_sees_and_changes_sars(name, as_role, sab, sar):
    target, expected = URLS[name]
    url = url_of(name, target, sab, sar)
    assert {role: as_role(role).get(url).status_code for role in expected} == expected


@pytest.mark.parametrize("name", ["reviews:sar_list", "reviews:sar_add", "reviews:sar_export"])
def test_a_childrens_board_has_no_sar_pages(name, login_as, board, office):
    kwargs = {"board_pk": board.pk, **({"fmt": "xlsx"} if name.endswith("export") else {})}
    assert login_as("office").get(reverse(name, kwargs=kwargs)).status_code == 404


def test_sar_pages_of_another_kind_of_review_are_404(login_as, board, office, case_review):
    for name in ("reviews:sar_referral", "reviews:sar_decision", "reviews:sar_markers"):
        assert login_as("office").get(reverse(name, args=[case_review.pk])).status_code == 404


def test_office_records_a_referral(as_role, sab, sab_people):
    response = as_role("sab_office").post(
        reverse("reviews:sar_add", args=[sab.pk]),
        {
            "reference": "Adult B",
            **dmy("referral_date", date(2024, 5, 2)),
            "referrer": "Testshire NHS Trust",
            "referral_summary": "A woman in her eighties died in a care home after falls.",
        },
    )
    review = CaseReview.objects.get(reference="Adult B")
    assert response.status_code == 302 and response.url == review.get_absolute_url()
    assert (review.kind, review.status, review.board) == (ReviewKind.SAR, Status.NOTIFIED, sab)
    assert review.sar.history.get().history_user == sab_people["sab_office"]
    assert review.changes.get().note == "Referral received from Testshire NHS Trust"
    page = as_role("sab_chair").get(review.get_absolute_url()).content.decode()
    assert "Safeguarding adults review" in page and "Testshire NHS Trust" in page
    assert "Record the section 44 decision" not in page  # the chair reads, does not change


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("reference", "Adult JS", "initials"),
        ("reference", "Mrs Smith", "published reference"),
        ("referral_summary", "Mrs Jones died at home.", "name"),
        ("referral_summary", "Adult JS was found, DOB 1950.", "initials"),
    ],
)
def test_a_referral_that_identifies_someone_is_refused(as_role, sab, field, value, message):
    data = {
        "reference": "Adult C",
        **dmy("referral_date", date(2024, 5, 2)),
        "referrer": "Police",
        "referral_summary": "Self-neglect.",
        field: value,
    }
    response = as_role("sab_office").post(reverse("reviews:sar_add", args=[sab.pk]), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not CaseReview.objects.filter(board=sab).exists()


def decision(sar, client, **data):
    values = {
        "condition": "died",
        "concern": "on",
        "decision": S44Decision.MANDATORY,
        **dmy("decided_on", date(2024, 4, 2)),
        "rationale": "The criteria of section 44(1) and (2) are met.",
        **data,
    }
    if values.get("concern") is None:
        del values["concern"]
    return client.post(reverse("reviews:sar_decision", args=[sar.pk]), values)


def test_a_mandatory_decision_moves_the_review_to_decision(as_role, sar, sab_people):
    response = decision(sar, as_role("sar_group"))
    assert response.status_code == 302
    sar.refresh_from_db()
    assert sar.sar.decision == S44Decision.MANDATORY
    assert (sar.status, sar.decision_date) == (Status.DECISION, date(2024, 4, 2))
    change = sar.changes.last()
    assert change.by == sab_people["sar_group"] and "Mandatory" in change.note


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"concern": None}, "mandatory only when"),
        ({"condition": "neither"}, "mandatory only when"),
        ({"decision": S44Decision.DISCRETIONARY}, "so the review is mandatory"),
        ({"decision": S44Decision.NOT_MET}, "so the review is mandatory"),
        ({"rationale": ""}, "This field is required"),
        ({**dmy("decided_on", date(2024, 2, 1))}, "before the referral"),
        ({**dmy("decided_on", date(2099, 1, 1))}, "future"),
    ],
)
def test_a_decision_against_section_44_is_refused(as_role, sar, data, message):
    response = decision(sar, as_role("sab_office"), **data)
    assert response.status_code == 200 and message in response.content.decode()
    sar.refresh_from_db()
    assert sar.sar.decision == "" and sar.status == Status.NOTIFIED


def test_discretionary_and_not_met_when_section_44_does_not_apply(as_role, sar):
    client = as_role("sab_office")
    assert (
        decision(sar, client, concern=None, decision=S44Decision.DISCRETIONARY).status_code == 302
    )
    sar.sar.refresh_from_db()
    assert sar.sar.decision == S44Decision.DISCRETIONARY


def status(client, review, to):
    return client.post(
        reverse("reviews:status", args=[review.pk]),
        {"status": to, **dmy("on", date(2024, 6, 1)), "note": ""},
    )


def test_the_review_goes_ahead_only_after_a_decision_that_it_should(as_role, sar):
    client = as_role("sab_office")
    response = status(client, sar, Status.COMMISSIONED)
    assert "Record the section 44 decision first" in response.content.decode()
    decision(sar, client, concern=None, condition="neither", decision=S44Decision.NOT_MET)
    response = status(client, sar, Status.PUBLISHED)
    assert "criteria are not met" in response.content.decode()
    sar.refresh_from_db()
    assert sar.status == Status.DECISION
    assert status(client, sar, Status.CLOSED).status_code == 302


def test_a_sar_has_no_rapid_review(as_role, sar):
    page = as_role("sab_office").get(reverse("reviews:status", args=[sar.pk])).content.decode()
    assert 'value="rapid_review"' not in page and 'value="commissioned"' in page


def test_methodology_coversheet_and_markers(as_role, sar, sab_people):
    client = as_role("sab_office")
    response = client.post(
        reverse("reviews:sar_methodology", args=[sar.pk]),
        {"methodology": "learning_together", "methodology_note": "Practitioner workshops."},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("reviews:sar_coversheet", args=[sar.pk]),
        {
            "abuse_types": ["self_neglect", "neglect"],
            "age_band": "65-74",
            "gender": "male",
            "ethnicity": "white",
        },
    )
    assert response.status_code == 302
    details = SarDetails.objects.get(review=sar)
    assert details.abuse_types == ["neglect", "self_neglect"] or set(details.abuse_types) == {
        "neglect",
        "self_neglect",
    }
    response = client.post(
        reverse("reviews:sar_markers", args=[sar.pk]),
        {"rating_1": "met", "note_1": "Referred within a week.", "rating_2": "partly"},
    )
    assert response.status_code == 302
    assert list(details.markers.values_list("marker", "rating")) == [(1, "met"), (2, "partly")]
    assert MarkerAssessment.history.filter(marker=1).get().history_user == sab_people["sab_office"]
    page = as_role("sab_member").get(sar.get_absolute_url()).content.decode()
    assert "SCIE Learning Together" in page and "Referred within a week." in page
    assert "65 to 74" in page and "Self-neglect" in page


def test_a_note_without_a_rating_or_naming_someone_is_refused(as_role, sar):
    client = as_role("sab_office")
    url = reverse("reviews:sar_markers", args=[sar.pk])
    page = client.post(url, {"note_3": "Not yet."}).content.decode()
    assert "Choose a rating for marker 3" in page
    page = client.post(url, {"rating_3": "met", "note_3": "Mr Brown was told."}).content.decode()
    assert "reads as someone" in page
    assert not MarkerAssessment.objects.exists()


def test_the_markers_and_coversheet_fields_record_their_sources():
    markers = quality_markers()
    assert markers["url"].startswith("https://www.scie.org.uk/")
    assert [m["number"] for m in markers["markers"]] == list(range(1, 16))
    fields = [f["key"] for f in coversheet()["fields"]]
    assert fields == [
        "review", "sab", "published", "abuse_types", "age_band", "gender", "ethnicity",
        "methodology", "s44", "themes",
    ]  # fmt: skip
    assert "not verified" in coversheet()["source"]


def test_the_library_export_has_published_sars_only_and_no_names(as_role, sab, sar):
    details = sar.sar
    details.decision, details.decided_on = S44Decision.MANDATORY, date(2024, 4, 2)
    details.methodology, details.age_band, details.gender = "silp", "85+", "female"
    details.abuse_types = ["physical", "organisational"]
    details.save()
    theme = LearningThemeFactory(board=sab, name="Self-neglect and mental capacity")
    LessonFactory(review=sar, number=1).themes.add(theme)
    new_sar(sab, reference="Adult Z")  # not published: not exported
    move(sar, Status.PUBLISHED, user=None, on=date(2024, 11, 5))
    response = as_role("sab_member").get(reverse("reviews:sar_export", args=[sab.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Review name" and len(rows) == 2
    assert rows[1] == [
        "Adult A",
        "Testshire Safeguarding Adults Board",
        "2024-11-05",
        "Physical abuse; Organisational abuse",
        "85 or over",
        "Female",
        "",
        "Significant Incident Learning Process (SILP)",
        "Mandatory: section 44(1) to (3) apply",
        "Self-neglect and mental capacity",
    ]
    response = as_role("sab_office").get(reverse("reviews:sar_export", args=[sab.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Adult A" and sheet.max_row == 2


def test_a_sar_recorded_as_a_case_review_gets_its_referral_later(as_role, sab):
    review = CaseReview.objects.create(board=sab, reference="Adult D", kind=ReviewKind.SAR)
    page = as_role("sab_office").get(review.get_absolute_url()).content.decode()
    assert "No referral recorded yet" in page
    response = as_role("sab_office").post(
        reverse("reviews:sar_referral", args=[review.pk]),
        {**dmy("referral_date", date(2024, 1, 5)), "referrer": "GP", "referral_summary": "Falls."},
    )
    assert response.status_code == 302 and SarDetails.objects.get(review=review).referrer == "GP"


def test_a_second_save_over_someone_elses_decision_is_refused(as_role, client, sar, sab_people):
    from django.test import Client

    url = reverse("reviews:sar_decision", args=[sar.pk])
    office = as_role("sab_office")
    token = office.get(url).context["form"]["seen_values"].value()
    other = Client()
    other.force_login(sab_people["sar_group"])
    other_token = other.get(url).context["form"]["seen_values"].value()
    assert decision(sar, other, seen_values=other_token).status_code == 302
    response = decision(
        sar, office, seen_values=token, decision=S44Decision.DISCRETIONARY, concern=None
    )
    assert response.status_code == 200 and "Someone else changed this" in response.content.decode()
    sar.sar.refresh_from_db()
    assert sar.sar.decision == S44Decision.MANDATORY


def test_marker_checklist_is_guarded_too(as_role, sar, sab_people):
    from django.test import Client

    url = reverse("reviews:sar_markers", args=[sar.pk])
    office = as_role("sab_office")
    token = office.get(url).context["form"]["seen_values"].value()
    other = Client()
    other.force_login(sab_people["sar_group"])
    other.post(url, {"rating_4": "met"})
    response = office.post(url, {"rating_4": "not_met", "seen_values": token})
    assert "Someone else changed this" in response.content.decode()
    assert MarkerAssessment.objects.get().rating == "met"


def test_a_sar_is_edited_in_adults_terms_without_the_childrens_clocks(as_role, sab, sar):
    """A SAR's edit page warns against identifying the adult and offers no national panel
    notification, rapid review or decision date (its decision is the section 44 one)."""
    client = as_role("sab_office")
    url = reverse("reviews:edit", args=[sar.pk])
    page = unescape(client.get(url).content.decode())
    assert "Never enter the adult's" in page and "Adult A" in page
    assert "Child N" not in page and "child's or family member's" not in page
    for label in ("national panel", "rapid review", "Date of the decision", "became known"):
        assert label not in page
    detail = client.get(sar.get_absolute_url()).content.decode()
    assert "National panel notified" not in detail and "Rapid review completed" not in detail
    assert "Section 44 decision" in detail
    response = client.post(
        url,
        {
            "reference": "Adult HB",
            **dmy("publication_date", date(2025, 3, 1)),
            "summary": "Self-neglect.",
        },
    )
    assert "such as “Adult A” or “Adult 3”" in response.content.decode()


def test_an_adults_board_records_reviews_by_referral_and_does_not_re_categorise_them(
    as_role, sab, sar
):
    client = as_role("sab_office")
    listing = client.get(reverse("reviews:list")).content.decode()
    assert reverse("reviews:sar_add", args=[sab.pk]) in listing
    assert reverse("reviews:add", args=[sab.pk]) not in listing
    assert client.get(reverse("reviews:add", args=[sab.pk])).url == reverse(
        "reviews:sar_add", args=[sab.pk]
    )
    assert (
        reverse("reviews:recategorise", args=[sar.pk])
        not in client.get(sar.get_absolute_url()).content.decode()
    )
    assert client.get(reverse("reviews:recategorise", args=[sar.pk])).status_code == 404


def test_a_childrens_board_records_and_re_categorises_no_sar(login_as, board, case_review):
    client = login_as("office")
    page = client.get(reverse("reviews:add", args=[board.pk])).content.decode()
    assert 'value="scr"' in page and 'value="sar"' not in page
    page = client.get(reverse("reviews:recategorise", args=[case_review.pk])).content.decode()
    assert 'value="practice"' in page and 'value="sar"' not in page


def test_a_sar_begins_as_a_referral_received_in_every_place_its_status_shows(
    as_role, sab, sab_people
):
    client = as_role("sab_office")
    client.post(
        reverse("reviews:sar_add", args=[sab.pk]),
        {
            "reference": "Adult K",
            **dmy("referral_date", date(2024, 2, 1)),
            "referrer": "Ambulance service",
            "referral_summary": "Falls at home.",
        },
    )
    review = CaseReview.objects.get(board=sab, reference="Adult K")
    assert review.status == Status.NOTIFIED and review.status_label == "Referral received"
    detail = client.get(review.get_absolute_url()).content.decode()
    assert "Referral received" in detail and ">Notified<" not in detail
    assert "Recorded as referral received" in detail  # its history
    listing = client.get(reverse("reviews:sar_list", args=[sab.pk])).content.decode()
    assert "Referral received" in listing
    form = client.get(reverse("reviews:status", args=[review.pk])).content.decode()
    assert "Now: Referral received" in form

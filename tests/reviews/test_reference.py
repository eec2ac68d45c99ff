"""A review's reference is the published one: one letter or a number ("Child N", "Child 3"); two or
more letters read like initials, so they are refused unless the office confirms the published report
uses them (Cumbria's did: "Child AC", "Child MW")."""

import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from reviews.models import REFERENCE_PATTERN, CaseReview, ReviewKind

from ..helpers import errors_of
from ..reviews_factories import CaseReviewFactory


def add(client, board, reference, **extra):
    return client.post(
        reverse("reviews:add", args=[board.pk]),
        {"reference": reference, "kind": ReviewKind.SCR, **extra},
    )


@pytest.mark.parametrize("reference", ["Child A", "Child 1", "Family B", "Adult 12", "Children C"])
def test_a_letter_or_a_number_is_accepted(login_as, board, office, reference):
    assert add(login_as("office"), board, reference).status_code == 302
    assert CaseReview.objects.get().reference == reference


@pytest.mark.parametrize("reference", ["Child JS", "Adult MW", "Family ABC"])
def test_letters_that_could_be_initials_are_refused_with_a_reason(
    login_as, board, office, reference
):
    errors = errors_of(add(login_as("office"), board, reference))
    assert "could be someone’s initials" in errors["reference"][0]
    assert not CaseReview.objects.exists()


def test_letters_the_published_report_uses_are_accepted_when_confirmed(login_as, board, office):
    response = add(login_as("office"), board, "Child AC", published_letters="on")
    assert response.status_code == 302
    assert CaseReview.objects.get().reference == "Child AC"


def test_editing_a_review_keeps_its_confirmed_letters_without_asking_again(login_as, board, office):
    review = CaseReviewFactory(board=board, reference="Child MW")
    client = login_as("office")
    url = reverse("reviews:edit", args=[review.pk])
    assert client.post(url, {"reference": "Child MW", "summary": "Edited."}).status_code == 302
    errors = errors_of(client.post(url, {"reference": "Child JS", "summary": "Changed."}))
    assert "initials" in errors["reference"][0]
    review.refresh_from_db()
    assert (review.reference, review.summary) == ("Child MW", "Edited.")


@pytest.mark.parametrize("reference", ["Child 0", "Child 1000", "Child A1"])
def test_other_numbers_are_refused(login_as, board, office, reference):
    assert add(login_as("office"), board, reference).status_code == 200
    assert not CaseReview.objects.exists()


def test_every_demo_reference_is_valid():
    import re

    data = tomllib.loads(Path(settings.BASE_DIR, "demo/data/case_reviews.toml").read_text())
    references = [
        item["reference"]
        for value in data.values()
        if isinstance(value, list)
        for item in value
        if isinstance(item, dict) and "reference" in item
    ]
    assert len(references) >= 9
    assert all(re.match(REFERENCE_PATTERN, r) for r in references), references

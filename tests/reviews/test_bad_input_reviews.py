"""Bad input, part 6: case reviews. Markup in a review's text fields is escaped on its pages and in
the review list, and formulas are neutralised in the review export."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from reviews.models import CaseReview, Lesson, Recommendation

FORMULA = '=HYPERLINK("http://evil.example","x")'

FIELDS = [
    (CaseReview, "reference"),
    (CaseReview, "summary"),
    (CaseReview, "period_note"),
    (Lesson, "title"),
    (Lesson, "text"),
    (Recommendation, "text"),
]


def holder(review, model):
    return {
        CaseReview: review,
        Lesson: review.lessons.first(),
        Recommendation: review.recommendations.first(),
    }[model]


@pytest.mark.parametrize(("model", "field"), FIELDS, ids=[f"{m.__name__}.{f}" for m, f in FIELDS])
def test_markup_in_review_fields_is_escaped(login_as, case_review, model, field):
    max_length = model._meta.get_field(field).max_length or 1000
    value = f'<script>alert("{field}")</script>'[:max_length]
    model.objects.filter(pk=holder(case_review, model).pk).update(**{field: value})
    client = login_as("office")
    shown = False
    for url in (
        reverse("reviews:review", args=[case_review.pk]),
        reverse("reviews:list"),
        reverse("reviews:lessons"),
        reverse("reviews:clocks"),
        "/",
    ):
        html = client.get(url).content.decode()
        assert value not in html, url
        shown = shown or escape(value) in html
    assert shown, f"{model.__name__}.{field} is shown on none of the pages"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_review_export_neutralises_formulas(login_as, case_review, fmt):
    CaseReview.objects.filter(pk=case_review.pk).update(summary=FORMULA, reference="@SUM(1)")
    response = login_as("office").get(reverse("reviews:export", args=[fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        values = [c for row in csv.reader(io.StringIO(response.content.decode())) for c in row]
    else:
        sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
        values = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "'@SUM(1)" in values
    for value in values:
        assert value[:1] not in ("=", "@", "\t", "\r"), value

"""Safeguarding adults reviews (Care Act 2014, section 44): what a SAR holds beside its case review.

A SAR is a `CaseReview` of kind `sar` (its reference, status, findings as lessons, recommendations and
action plan are the case review's); `SarDetails` adds the referral, the section 44 decision, the
methodology and the coversheet of the national SAR library, and `MarkerRating` SCIE's quality markers
(the markers themselves are data: `sar_quality_markers.toml`). Models of the reviews app kept in their
own module: reviews/models.py imports them, and they name its models by string."""

import tomllib
from functools import cache
from pathlib import Path

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

MARKERS = Path(__file__).with_name("sar_quality_markers.toml")
COVERSHEET = Path(__file__).with_name("sar_library_coversheet.toml")


@cache
def quality_markers():
    """{"source", "url", "markers": [{"number", "stage", "title"}, ...]} in SCIE's order."""
    return tomllib.loads(MARKERS.read_text(encoding="utf-8"))


@cache
def coversheet():
    """{"source", "url", "fields": [{"key", "label", ...}, ...]}: the SAR library's coversheet."""
    return tomllib.loads(COVERSHEET.read_text(encoding="utf-8"))


class S44Decision(models.TextChoices):
    """Whether the board must, may or need not arrange a review (Care Act 2014, section 44)."""

    MANDATORY = "mandatory", "Mandatory: section 44(1) to (3) apply"
    DISCRETIONARY = "discretionary", "Discretionary: section 44(4)"
    NOT_MET = "not_met", "Criteria not met: no review"


PROCEEDS = (S44Decision.MANDATORY, S44Decision.DISCRETIONARY)


class S44Condition(models.TextChoices):
    """The two conditions of section 44(2) and (3); a mandatory review needs one of them."""

    DIED = "died", "The adult died, and abuse or neglect is known or suspected to have caused it"
    ALIVE = (
        "alive",
        "The adult is alive, and is known or suspected to have had serious abuse or neglect",
    )
    NEITHER = "neither", "Neither"


class Methodology(models.TextChoices):
    LEARNING_TOGETHER = "learning_together", "SCIE Learning Together (systems)"
    SILP = "silp", "Significant Incident Learning Process (SILP)"
    TRADITIONAL = "traditional", "Chronologies and individual management reviews"
    THEMATIC = "thematic", "Thematic review of several adults"
    HYBRID = "hybrid", "A combination of methods"
    OTHER = "other", "Another method"


class AbuseType(models.TextChoices):
    """The types of abuse and neglect of the Care and support statutory guidance (chapter 14)."""

    PHYSICAL = "physical", "Physical abuse"
    DOMESTIC = "domestic", "Domestic abuse"
    SEXUAL = "sexual", "Sexual abuse"
    PSYCHOLOGICAL = "psychological", "Psychological abuse"
    FINANCIAL = "financial", "Financial or material abuse"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    DISCRIMINATORY = "discriminatory", "Discriminatory abuse"
    ORGANISATIONAL = "organisational", "Organisational abuse"
    NEGLECT = "neglect", "Neglect and acts of omission"
    SELF_NEGLECT = "self_neglect", "Self-neglect"


class AgeBand(models.TextChoices):
    """Ages are kept only as bands: an exact age with a date narrows who the adult was."""

    B18 = "18-24", "18 to 24"
    B25 = "25-34", "25 to 34"
    B35 = "35-44", "35 to 44"
    B45 = "45-54", "45 to 54"
    B55 = "55-64", "55 to 64"
    B65 = "65-74", "65 to 74"
    B75 = "75-84", "75 to 84"
    B85 = "85+", "85 or over"
    UNKNOWN = "unknown", "Not known"


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Described another way"
    UNKNOWN = "unknown", "Not known"


class Ethnicity(models.TextChoices):
    """The five high-level ethnic groups of the 2021 Census in England, and not known."""

    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    UNKNOWN = "unknown", "Not known"


class SarDetailsQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .models import review_boards

        return self.filter(review__board__in=review_boards(user))


class SarDetails(models.Model):
    review = models.OneToOneField(
        "reviews.CaseReview", on_delete=models.CASCADE, related_name="sar"
    )
    # The referral.
    referral_date = models.DateField("date the referral was received")
    referrer = models.CharField(
        "referring agency",
        max_length=200,
        help_text="The agency that asked for the review, not the person.",
    )
    referral_summary = models.TextField(
        "summary of the referral",
        help_text="Why the agency asked for a review. No names, initials, dates of birth or addresses.",
    )
    # The section 44 decision.
    condition = models.CharField(
        "which condition of section 44 is met",
        max_length=10,
        choices=S44Condition.choices,
        blank=True,
    )
    concern = models.BooleanField(
        "there is reasonable cause for concern about how the board, its members or others with "
        "relevant functions worked together to safeguard the adult",
        default=False,
    )
    decision = models.CharField(
        "section 44 decision", max_length=15, choices=S44Decision.choices, blank=True
    )
    decided_on = models.DateField("date of the decision", null=True, blank=True)
    rationale = models.TextField("rationale", blank=True)
    # How the review is done.
    methodology = models.CharField(max_length=20, choices=Methodology.choices, blank=True)
    methodology_note = models.TextField(
        "the methodology in words",
        blank=True,
        help_text="For example the reviewer's approach, who took part and how the family was involved.",
    )
    # The coversheet of the national SAR library: never a name, the age only as a band.
    abuse_types = models.JSONField("types of abuse or neglect", default=list, blank=True)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    ethnicity = models.CharField(max_length=10, choices=Ethnicity.choices, blank=True)

    history = HistoricalRecords()
    objects = SarDetailsQuerySet.as_manager()

    class Meta:
        verbose_name = "safeguarding adults review details"
        verbose_name_plural = "safeguarding adults review details"

    def __str__(self):
        return f"{self.review} (safeguarding adults review)"

    def get_absolute_url(self):
        return reverse("reviews:review", args=[self.review_id]) + "#sar"

    @property
    def proceeds(self):
        return self.decision in PROCEEDS

    def abuse_type_labels(self):
        return [AbuseType(key).label for key in self.abuse_types if key in AbuseType.values]


class MarkerRating(models.TextChoices):
    MET = "met", "Met"
    PARTLY = "partly", "Partly met"
    NOT_MET = "not_met", "Not met"


class MarkerAssessment(models.Model):
    """How far a SAR met one of SCIE's quality markers (by its number in the data file)."""

    sar = models.ForeignKey(SarDetails, on_delete=models.CASCADE, related_name="markers")
    marker = models.PositiveSmallIntegerField()
    rating = models.CharField(max_length=10, choices=MarkerRating.choices, blank=True)
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sar", "marker"]
        constraints = [models.UniqueConstraint(fields=["sar", "marker"], name="unique_sar_marker")]

    def __str__(self):
        return f"{self.sar.review}: quality marker {self.marker}"

    def get_absolute_url(self):
        return reverse("reviews:review", args=[self.sar.review_id]) + "#quality-markers"

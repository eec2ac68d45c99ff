"""Factories for case reviews (kept beside the shared factories.py, which other apps edit)."""

import factory

from reviews.models import CaseReview, LearningTheme, Lesson, Recommendation, ReviewKind

from .factories import BoardFactory


class CaseReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseReview

    board = factory.SubFactory(BoardFactory)
    reference = factory.Sequence(lambda n: f"Child {chr(65 + n % 26)}{chr(65 + n // 26 % 26)}")
    kind = ReviewKind.LCSPR


class LearningThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningTheme

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    review = factory.SubFactory(CaseReviewFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Professionals should use family history to identify patterns of risk."


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    review = factory.SubFactory(CaseReviewFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "The partnership should refresh its neglect training."

"""Factories for multi-agency quality audits (kept beside the shared factories.py, which other apps edit)."""

import datetime

import factory

from audits.models import AuditRecommendation, Finding, QualityAudit
from audits.quality import AuditReason, FindingKind

from .factories import BoardFactory, SubgroupFactory


class QualityAuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QualityAudit

    board = factory.SubFactory(BoardFactory)
    group = factory.SubFactory(SubgroupFactory, board=factory.SelfAttribute("..board"))
    theme = factory.Sequence(lambda n: f"Audit theme {n}")
    reason = AuditReason.PERFORMANCE
    planned_month = datetime.date(2016, 9, 1)


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    audit = factory.SubFactory(QualityAuditFactory)
    kind = FindingKind.STRENGTH
    text = "Good information sharing between agencies."


class AuditRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditRecommendation

    audit = factory.SubFactory(QualityAuditFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Return interviews within 72 hours of a child coming home."

import datetime

import factory
from django.utils import timezone

from accounts.models import User
from actions.models import Action, Plan, Theme, UpdateCycle
from audits.models import (
    AuditCycle,
    Criterion,
    Framework,
    Standard,
    Submission,
    SubmissionStatus,
)
from boards.models import Agency, Board, BoardAgency, BoardMembership, Role, Sector
from subgroups.models import MemberRole, Responsibility, Subgroup, SubgroupMembership

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Safeguarding lead"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    name = factory.Sequence(lambda n: f"Test Safeguarding Children Partnership {n}")
    short_name = factory.Sequence(lambda n: f"TSCP{n}")
    area = "Testshire"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Agency {n}")
    short_name = factory.Sequence(lambda n: f"A{n}")
    sector = Sector.POLICE
    statutory = True


class BoardAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardAgency

    board = factory.SubFactory(BoardFactory)
    agency = factory.SubFactory(AgencyFactory)
    represented = True


class BoardMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardMembership

    user = factory.SubFactory(UserFactory)
    board = factory.SubFactory(BoardFactory)
    role = Role.MEMBER


class SubgroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subgroup

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Subgroup {n}")
    short_name = factory.Sequence(lambda n: f"SG{n}")
    purpose = "To make sure children are safe."


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Responsibility

    subgroup = factory.SubFactory(SubgroupFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Monitor and evaluate the effectiveness of what is done"


class SubgroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubgroupMembership

    subgroup = factory.SubFactory(SubgroupFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.MEMBER


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    board = factory.SubFactory(BoardFactory)
    name = factory.Sequence(lambda n: f"Business Plan {n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Theme {n}")


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    ref = factory.Sequence(lambda n: f"1.{n + 1}")
    text = "Refresh the self-assessment so the board is ready for inspection"
    outcome = "The board is ready for inspection"

    @factory.post_generation
    def owners(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.set_owners(extracted)


class UpdateCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UpdateCycle

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Cycle {n} updates")
    opens = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=20))


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    name = "Section 11 self-assessment"
    version = factory.Sequence(lambda n: f"v{n}")


class StandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Standard

    framework = factory.SubFactory(FrameworkFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Standard {n}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    standard = factory.SubFactory(StandardFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Your organisation has a clear safeguarding policy"


class AuditCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditCycle
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Section 11 audit {n}")
    framework = factory.SubFactory(FrameworkFactory)
    opens = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    closes = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))

    @factory.post_generation
    def boards(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.boards.set(extracted)

    @factory.post_generation
    def expected(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.expected.set(extracted)


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    cycle = factory.SubFactory(AuditCycleFactory)
    agency = factory.SubFactory(AgencyFactory)
    status = SubmissionStatus.DRAFT
    # a return made as submitted (or decided) was submitted now, unless the test says when
    submitted = factory.LazyAttribute(
        lambda o: None if o.status == SubmissionStatus.DRAFT else timezone.now()
    )

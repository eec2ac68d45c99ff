"""Multi-agency quality audits: the forward plan, an audit's record (cases, gradings, findings), no
identifying text, recommendations becoming actions, and the audit closing when they are complete."""

import datetime

import pytest
from django.urls import reverse

from actions.models import Action, PlanKind
from actions.updating import record_update, withdraw_update
from audits.models import AuditRecommendation, Finding, QualityAudit
from audits.quality import AuditReason, FindingKind, QualityAuditStatus
from audits.quality_forms import identity_problem
from core.rag import Rag

from ..factories import SubgroupFactory
from ..helpers import assert_queries_do_not_grow, date_fields, errors_of, page
from ..quality_factories import AuditRecommendationFactory, FindingFactory, QualityAuditFactory
from ..reviews_factories import LearningThemeFactory


@pytest.fixture
def audit(board, subgroup):
    """An audit run by `subgroup` (chaired by `subgroup_chair`)."""
    return QualityAuditFactory(board=board, group=subgroup, theme="Missing from home")


def plan_data(group, **extra):
    return {
        "theme": "Parental substance misuse",
        "group": group.pk,
        "reason": AuditReason.REVIEW_LEARNING,
        "reason_note": "Learning from Child N's review",
        "month": "6",
        "year": "2016",
        "status": QualityAuditStatus.PLANNED,
        **extra,
    }


def record_data(**extra):
    data = {
        "cases_looked_after": 1,
        "cases_child_protection": 2,
        "cases_child_in_need": 2,
        "cases_early_help": 0,
        "graded_outstanding": 0,
        "graded_good": 1,
        "graded_requires_improvement": 3,
        "graded_inadequate": 0,
        "not_graded": 1,
        "child_voice": "partly",
        **date_fields("report_date", datetime.date(2017, 3, 28)),
        "reported_to": "PMQAG, March 2017",
    }
    return {**data, **extra}


def test_office_plans_an_audit_for_any_group(login_as, board, office, other_subgroup):
    response = login_as("office").post(
        reverse("audits:quality_audit_add", args=[board.pk]), plan_data(other_subgroup)
    )
    audit = QualityAudit.objects.get()
    assert response.url == audit.get_absolute_url()
    assert audit.planned_month == datetime.date(2016, 6, 1)
    assert audit.group == other_subgroup and audit.board == board
    assert audit.history.get().history_user == office


def test_a_group_chair_plans_only_their_own_groups_audits(
    login_as, board, subgroup, other_subgroup, subgroup_chair
):
    client = login_as("subgroup_chair")
    url = reverse("audits:quality_audit_add", args=[board.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["group"].queryset) == [subgroup]
    errors = errors_of(client.post(url, plan_data(other_subgroup)))
    assert "group" in errors
    assert client.post(url, plan_data(subgroup)).status_code == 302
    assert QualityAudit.objects.get().group == subgroup


@pytest.mark.parametrize(
    "role, status", [("member", 403), ("lead_x", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_who_may_not_plan_an_audit(login_as, board, subgroup, role, status):
    url = reverse("audits:quality_audit_add", args=[board.pk])
    assert login_as(role).get(url).status_code == status


@pytest.mark.parametrize(
    "text",
    [
        "Child JS was not seen",
        "Mother J.S. declined",
        "Mrs Smith attended",
        "DOB 3/4/2010",
        "date of birth recorded",
    ],
)
def test_text_that_reads_like_a_name_or_initials_is_refused(login_as, audit, subgroup_chair, text):
    client = login_as("subgroup_chair")
    url = reverse("audits:finding_add", args=[audit.pk])
    errors = errors_of(client.post(url, {"kind": FindingKind.IMPROVEMENT, "text": text}))
    assert errors["text"][0].startswith("Remove “")
    assert not Finding.objects.exists()


@pytest.mark.parametrize(
    "text", ["Case 3 showed drift", "Child N's review", "CSE, MFH and DASH", "The Hub shared it"]
)
def test_case_references_and_acronyms_are_accepted(text):
    assert identity_problem(text) is None


def test_the_theme_of_an_audit_is_checked_too(login_as, board, office, subgroup):
    errors = errors_of(
        login_as("office").post(
            reverse("audits:quality_audit_add", args=[board.pk]),
            plan_data(subgroup, theme="Child AB and siblings"),
        )
    )
    assert "theme" in errors


def test_a_chair_records_cases_and_gradings_that_add_up(login_as, audit, subgroup_chair, agency_x):
    client = login_as("subgroup_chair")
    url = reverse("audits:quality_audit_record", args=[audit.pk])
    errors = errors_of(client.post(url, record_data(not_graded=0, agencies=[agency_x.pk])))
    assert errors["graded_outstanding"] == [
        "The gradings add up to 4 but 5 cases were audited: every case audited has one grading, "
        "or counts as not graded"
    ]
    assert client.post(url, record_data(agencies=[agency_x.pk])).status_code == 302
    audit.refresh_from_db()
    assert (audit.cases, audit.graded, audit.not_graded) == (5, 4, 1)
    assert list(audit.agencies.all()) == [agency_x]
    html = page(client, audit.get_absolute_url())
    assert "Requires improvement" in html and "PMQAG, March 2017" in html
    assert audit.history.first().history_user == subgroup_chair


def test_a_report_date_in_the_future_is_refused(login_as, audit, office):
    future = datetime.date.today() + datetime.timedelta(days=3)
    errors = errors_of(
        login_as("office").post(
            reverse("audits:quality_audit_record", args=[audit.pk]),
            record_data(**date_fields("report_date", future)),
        )
    )
    assert errors["report_date"] == ["The date reported cannot be in the future"]


@pytest.mark.parametrize(
    "role, status",
    [
        ("office", 200),
        ("subgroup_chair", 200),
        ("other_chair", 403),
        ("member", 403),
        ("chair", 403),
        ("lead_x", 403),
        ("outsider", 404),
        ("other_board_member", 404),
        ("anonymous", 302),
    ],
)
def test_who_records_an_audit(login_as, audit, role, status):
    url = reverse("audits:quality_audit_record", args=[audit.pk])
    assert login_as(role).get(url).status_code == status


def test_a_group_member_who_is_not_its_chair_records_too(login_as, audit, subgroup):
    from subgroups.models import MemberRole

    from ..factories import SubgroupMembershipFactory, UserFactory

    user = UserFactory(name="Quinn Member")
    SubgroupMembershipFactory(subgroup=subgroup, user=user, role=MemberRole.MEMBER)
    assert (
        login_as(user).get(reverse("audits:quality_audit_edit", args=[audit.pk])).status_code == 200
    )


def test_findings_are_tagged_with_learning_themes(login_as, board, audit, subgroup_chair):
    voice = LearningThemeFactory(board=board, name="Voice of the child")
    client = login_as("subgroup_chair")
    response = client.post(
        reverse("audits:finding_add", args=[audit.pk]),
        {
            "kind": FindingKind.IMPROVEMENT,
            "text": "Some strong evidence of voice of the child, not consistent.",
            "themes": [voice.pk],
        },
    )
    finding = Finding.objects.get()
    assert response.url == f"{audit.get_absolute_url()}#finding-{finding.pk}"
    assert list(finding.themes.all()) == [voice]
    html = page(client, audit.get_absolute_url())
    assert "Areas for improvement (1)" in html and "Voice of the child" in html
    edit = reverse("audits:finding_edit", args=[finding.pk])
    assert client.post(edit, {"kind": FindingKind.STRENGTH, "text": "Better."}).status_code == 302
    finding.refresh_from_db()
    assert finding.kind == FindingKind.STRENGTH and not finding.themes.exists()


def test_another_boards_audit_and_its_parts_are_not_found(login_as, other_board, outsider):
    other = QualityAuditFactory(board=other_board, group=SubgroupFactory(board=other_board))
    finding = FindingFactory(audit=other)
    recommendation = AuditRecommendationFactory(audit=other)
    client = login_as("office")
    for url in [
        reverse("audits:quality_audit", args=[other.pk]),
        reverse("audits:quality_audit_edit", args=[other.pk]),
        reverse("audits:quality_audit_record", args=[other.pk]),
        reverse("audits:finding_add", args=[other.pk]),
        reverse("audits:finding_edit", args=[finding.pk]),
        reverse("audits:quality_recommendation_add", args=[other.pk]),
        reverse("audits:quality_recommendation_edit", args=[recommendation.pk]),
        reverse("audits:quality_recommendation_action", args=[recommendation.pk]),
        reverse("audits:quality_audit_add", args=[other_board.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    assert "Audit theme" not in page(client, reverse("audits:quality_audits"))


def complete(action, user):
    record_update(action, author=user, text="Done", rag=Rag.COMPLETE, comment="Done")


def test_recommendations_become_actions_and_the_audit_closes_when_they_are_complete(
    login_as, audit, subgroup, subgroup_chair
):
    client = login_as("subgroup_chair")
    add = reverse("audits:quality_recommendation_add", args=[audit.pk])
    assert client.get(add).context["form"]["number"].value() == 1
    for n, text in enumerate(["Hold stage 1 and 2 meetings", "Share return interviews"], 1):
        assert client.post(add, {"number": n, "text": text}).status_code == 302
    first, second = AuditRecommendation.objects.order_by("number")
    assert (first.number, second.number) == (1, 2)
    for recommendation in (first, second):
        url = reverse("audits:quality_recommendation_action", args=[recommendation.pk])
        response = client.post(url, date_fields("due_date", datetime.date(2017, 7, 31)))
        assert response.status_code == 302
    audit.refresh_from_db()
    assert audit.plan.kind == PlanKind.AUDIT and audit.plan.board == audit.board
    actions = list(Action.objects.filter(plan=audit.plan).order_by("ref"))
    assert [a.ref for a in actions] == ["1", "2"]
    assert all(list(a.owners.all()) == [subgroup] for a in actions)
    assert actions[0].text == "Hold stage 1 and 2 meetings"
    assert actions[0].due_date == datetime.date(2017, 7, 31)
    # Again: already an action, nothing new
    again = client.post(reverse("audits:quality_recommendation_action", args=[first.pk]), {})
    assert again.status_code == 302 and Action.objects.count() == 2

    audit.status = QualityAuditStatus.REPORTED
    audit.save()
    # the chair of the owning group updates them in the actions app
    update = reverse("actions:update", args=[actions[0].pk])
    posted = {"text": "Meetings held", "rag": "C", "comment": "Held", "version": 0}
    assert client.post(update, posted).status_code == 302
    audit.refresh_from_db()
    assert audit.status == QualityAuditStatus.REPORTED
    complete(Action.objects.get(pk=actions[1].pk), subgroup_chair)
    audit.refresh_from_db()
    assert audit.status == QualityAuditStatus.CLOSED and audit.closed_on
    assert audit.history.first().history_user == subgroup_chair
    html = page(client, audit.get_absolute_url())
    assert (
        "This audit is closed" in html
        and "all 2 actions from its recommendations are complete" in html
    )

    # An update withdrawn reopens it
    last = Action.objects.get(pk=actions[1].pk).updates.get()
    withdraw_update(last, user=subgroup_chair, reason="Entered in error")
    audit.refresh_from_db()
    assert audit.status == QualityAuditStatus.REPORTED and audit.closed_on is None


def test_an_audit_with_outstanding_actions_cannot_be_closed_by_hand(
    login_as, audit, subgroup, office
):
    recommendation = AuditRecommendationFactory(audit=audit)
    from audits.quality_actions import make_action

    make_action(recommendation, user=office)
    client = login_as("office")
    url = reverse("audits:quality_audit_edit", args=[audit.pk])
    errors = errors_of(client.post(url, plan_data(subgroup, status=QualityAuditStatus.CLOSED)))
    assert errors["status"] == [
        "The audit closes when all its actions are complete: 1 is outstanding"
    ]


def test_an_audit_reported_when_its_actions_are_already_complete_closes_at_once(
    login_as, audit, subgroup, office
):
    from audits.quality_actions import make_action

    action = make_action(AuditRecommendationFactory(audit=audit), user=office)
    complete(action, office)
    audit.refresh_from_db()
    assert audit.status == QualityAuditStatus.PLANNED  # not reported yet: stays as it is
    client = login_as("office")
    url = reverse("audits:quality_audit_edit", args=[audit.pk])
    assert client.post(url, plan_data(subgroup, status="reported")).status_code == 302
    audit.refresh_from_db()
    assert audit.status == QualityAuditStatus.CLOSED


@pytest.mark.parametrize("role", ["member", "lead_x", "other_chair", "chair"])
def test_the_boards_people_read_audits_but_do_not_change_them(login_as, audit, role):
    FindingFactory(audit=audit, text="Effective multi-agency working.")
    client = login_as(role)
    html = page(client, audit.get_absolute_url())
    assert "Effective multi-agency working." in html
    assert "Record cases, gradings and report" not in html
    assert "Missing from home" in page(client, reverse("audits:quality_audits"))


def test_the_forward_plan_answers_in_the_same_queries_with_more_audits(
    login_as, board, office, subgroup
):
    def grow():
        for n in range(20):
            audit = QualityAuditFactory(board=board, group=subgroup, theme=f"Theme {n}")
            AuditRecommendationFactory(audit=audit)

    QualityAuditFactory(board=board, group=subgroup)
    assert_queries_do_not_grow(login_as("office"), reverse("audits:quality_audits"), grow)


def test_an_audits_page_answers_in_the_same_queries_with_more_findings(
    login_as, board, audit, office
):
    from audits.quality_actions import make_action

    def grow():
        for n in range(10):
            finding = FindingFactory(audit=audit, kind=FindingKind.IMPROVEMENT, text=f"F {n}")
            finding.themes.add(LearningThemeFactory(board=board))
            make_action(AuditRecommendationFactory(audit=audit), user=office)

    make_action(AuditRecommendationFactory(audit=audit), user=office)
    FindingFactory(audit=audit).themes.add(LearningThemeFactory(board=board))
    assert_queries_do_not_grow(login_as("office"), audit.get_absolute_url(), grow)

"""The demo's multi-agency quality audits are those of the 2016-17 annual report (sections 13 and 16)."""

import datetime

from django.urls import reverse

from accounts.models import User
from audits.models import QualityAudit
from audits.quality import FindingKind, QualityAuditStatus
from reports import annual
from reports.models import AnnualReport

from ..helpers import page


def test_the_three_qags_themed_audits_and_the_domestic_abuse_deep_dive(demo_board):
    audits = {a.theme: a for a in QualityAudit.objects.filter(board=demo_board)}
    assert set(audits) == {
        "Missing from home",
        "Parental substance misuse",
        "Children with disabilities",
        "Domestic abuse deep dive",
    }
    assert {a.theme: a.group.short_name for a in audits.values()} == {
        "Missing from home": "QAG North & Eden",
        "Parental substance misuse": "QAG South",
        "Children with disabilities": "QAG West",
        "Domestic abuse deep dive": "DA T&F",
    }
    chairs = {a.group.short_name: a.group.chair_note for a in audits.values()}
    assert chairs["QAG North & Eden"] == "Chaired by the Police"
    assert chairs["QAG South"] == "Chaired by Children's Services"
    assert chairs["QAG West"] == "Chaired by NCUHT"
    assert all(a.status == QualityAuditStatus.REPORTED for a in audits.values())


def test_the_deep_dive_graded_its_cases(demo_board):
    deep_dive = QualityAudit.objects.get(board=demo_board, theme="Domestic abuse deep dive")
    assert [n for _, n in deep_dive.case_counts()] == [1, 2, 2, 0]
    assert [n for _, n in deep_dive.grading_counts()] == [0, 1, 3, 0]
    assert deep_dive.not_graded == 1 and deep_dive.cases == 5
    assert deep_dive.findings.filter(kind=FindingKind.STRENGTH).count() == 4
    assert deep_dive.findings.filter(kind=FindingKind.IMPROVEMENT).count() == 3


def test_the_seeds_findings_tagged_with_the_boards_themes(demo_board):
    counts = {
        a.theme: (
            a.findings.filter(kind=FindingKind.STRENGTH).count(),
            a.findings.filter(kind=FindingKind.IMPROVEMENT).count(),
        )
        for a in QualityAudit.objects.filter(board=demo_board)
    }
    assert counts == {
        "Missing from home": (2, 4),
        "Parental substance misuse": (1, 3),
        "Children with disabilities": (3, 2),
        "Domestic abuse deep dive": (4, 3),
    }
    voice = demo_board.learning_themes.get(name="Voice of the child")
    assert voice.audit_findings.count() == 3


def test_the_themes_page_shows_audits_beside_lessons(client, demo_board):
    client.force_login(User.objects.get(email="member@demo.lscb.test"))
    html = page(client, reverse("reports:themes"))
    assert "Good examples of the voice of the child being assessed" in html
    assert "Child AC" in html or "Child N" in html


def test_the_2016_17_report_has_its_quality_audits_section(demo_board):
    report = AnnualReport.objects.get(board=demo_board, title="Annual Report 2016-17")
    office = User.objects.get(email="office@demo.lscb.test")
    section = next(
        s for s in annual.build(report, office)["sections"] if s["kind"] == "quality_audits"
    )
    assert section["title"] == "Multi-Agency Quality Audits"
    assert section["paragraphs"][-1].startswith("4 multi-agency audits reported in the year")
    captions = [t["caption"] for t in section["tables"]]
    assert "Cases by overall grading" in captions
    assert "Key themes from the Missing from home audit" in captions
    assert report.period_end == datetime.date(2017, 3, 31)

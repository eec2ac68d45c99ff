"""Section 11 returns by sector, and the statutory partners' own summary (the seed's "summary of
findings" for them), counted from small data with the compliance report's small-number rule."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.compliance import (
    FEWER,
    SECTOR_GROUPS,
    STATUTORY,
    STATUTORY_PARTNERS,
    by_sector,
    sector_group,
    statutory_partners,
)
from audits.models import Rating, Submission, SubmissionStatus
from audits.submitting import record_results
from boards.models import Sector
from reports.annual import section_11

from ..factories import AgencyFactory, BoardAgencyFactory, SubmissionFactory
from ..helpers import count_queries, page

FULLY, PARTIALLY, NOT_MET, NA = (
    Rating.FULLY,
    Rating.PARTIALLY,
    Rating.NOT_MET,
    Rating.NOT_APPLICABLE,
)


def returned(cycle, board, name, sector, statutory, short=None, **fields):
    """A return of a new partner agency: every criterion fully met except `short` {"1.2": rating}."""
    agency = AgencyFactory(name=name, sector=sector, statutory=statutory)
    BoardAgencyFactory(board=board, agency=agency)
    submission = SubmissionFactory(
        cycle=cycle, agency=agency, **{"status": SubmissionStatus.SUBMITTED, **fields}
    )
    for standard in cycle.framework.standards.all():
        for criterion in standard.criteria.all():
            rating = (short or {}).get(f"{standard.number}.{criterion.number}", FULLY)
            submission.answers.create(criterion=criterion, rating=rating, improvement_action="Fix")
    record_results(submission)
    return submission


@pytest.fixture
def partners(audit_cycle, board):
    """Four statutory partners (police, council, NHS trust, YOS), three schools (one statutory, as a
    head teachers' association is), one GP practice, one voluntary group, and a statutory partner's
    draft that never counts."""
    made = [
        ("Police", Sector.POLICE, True, {}),
        ("Council", Sector.DISTRICT_COUNCIL, True, {"1.2": PARTIALLY}),
        ("Trust", Sector.NHS_TRUST, True, {"1.1": NOT_MET, "2.1": PARTIALLY}),
        ("YOS", Sector.YOUTH_JUSTICE, True, {"1.2": NA, "2.1": NA}),
        ("School A", Sector.SCHOOL, False, {"2.1": PARTIALLY}),
        ("School B", Sector.SCHOOL, False, {}),
        ("Heads", Sector.SCHOOL, True, {}),
        ("Surgery", Sector.GP, False, {}),
        ("Charity", Sector.VOLUNTARY, False, {}),
    ]
    for name, sector, statutory, short in made:
        returned(audit_cycle, board, name, sector, statutory, short)
    returned(
        audit_cycle,
        board,
        "Draft",
        Sector.LOCAL_AUTHORITY,
        True,
        {"1.1": NOT_MET},
        status=SubmissionStatus.DRAFT,
    )
    return audit_cycle


def test_returns_are_counted_by_sector_with_the_agencies_sectors(partners):
    groups = {g.group: (g.returns, g.sectors) for g in by_sector(partners)}
    assert list(groups) == [STATUTORY, "Schools"] + ["GPs", "Voluntary sector"]
    assert groups[STATUTORY] == (
        4,
        ["District or borough council", "Police", "NHS trust", "Youth justice"],
    )
    # A school counts among the schools, statutory or not.
    assert groups["Schools"] == (3, ["School or college"])
    # One GP practice, one voluntary group: how many is not shown, nor which sectors.
    assert groups["GPs"] == groups["Voluntary sector"] == (FEWER, [])


def test_the_statutory_partners_summary_counts_their_returns_alone(partners):
    report = statutory_partners(partners)
    assert report.responses == report.responses_shown == 4
    # The police fully meets everything; the YOS's not applicable answers are not short of it.
    assert report.fully_compliant == 2 and report.fully_compliant_percent == 50
    by_standard = {r.item.number: list(r.counts.values()) for r in report.standards}
    assert by_standard == {1: [2, 1, 1, 0], 2: [2, 1, 0, 1]}
    assert [r.fully for r in report.standards] == [50, 67]  # 2 of the 3 it applies to
    by_criterion = {
        f"{r.item.standard.number}.{r.item.number}": list(r.counts.values())
        for r in report.criteria
    }
    assert by_criterion == {"1.1": [3, 0, 1, 0], "1.2": [2, 1, 0, 1], "2.1": [2, 1, 0, 1]}


def test_a_return_submitted_after_the_date_is_not_counted(partners):
    late = Submission.objects.get(agency__name="Police")
    late.submitted = timezone.now() + datetime.timedelta(days=3)
    late.save()
    report = statutory_partners(partners, as_at=timezone.localdate())
    assert report.responses == 3 and report.fully_compliant == 1
    assert {g.group: g.returns for g in by_sector(partners, timezone.localdate())}[STATUTORY] == 3


def test_fewer_than_3_statutory_partners_show_no_figure(audit_cycle, board):
    returned(audit_cycle, board, "Police", Sector.POLICE, True, {"1.1": PARTIALLY})
    returned(audit_cycle, board, "Council", Sector.LOCAL_AUTHORITY, True)
    for name in ("A", "B", "C"):
        returned(audit_cycle, board, f"School {name}", Sector.SCHOOL, False)
    report = statutory_partners(audit_cycle)
    assert report.responses_shown == FEWER and report.fully_compliant == FEWER
    for row in report.standards + report.criteria:
        assert row.fully == FEWER and set(row.counts.values()) == {FEWER}
    assert {g.group: g.returns for g in by_sector(audit_cycle)} == {STATUTORY: FEWER, "Schools": 3}


@pytest.mark.parametrize("sector", Sector.values)
@pytest.mark.parametrize("statutory", [True, False])
def test_the_statutory_partners_filter_is_the_sector_group(db, sector, statutory):
    agency = AgencyFactory(sector=sector, statutory=statutory)
    submission = SubmissionFactory(agency=agency)
    among = Submission.objects.filter(STATUTORY_PARTNERS, pk=submission.pk).exists()
    assert among == (sector_group(statutory, sector) == STATUTORY)
    assert sector_group(statutory, sector) in SECTOR_GROUPS


def test_the_report_page_shows_the_sectors_and_the_statutory_partners(partners, login_as):
    html = page(login_as("member"), reverse("audits:report", args=[partners.pk]))
    assert "Returns by sector" in html and "District or borough council, Police" in html
    assert "Statutory partners: ratings by standard" in html
    assert "Statutory partners: ratings by criterion" in html
    assert (
        "Counted from 4 statutory partners' returns: 2 of 4 (50%) fully met every standard." in html
    )


def test_the_page_hides_fewer_than_3_statutory_partners(audit_cycle, board, login_as):
    returned(audit_cycle, board, "Police", Sector.POLICE, True, {"1.1": PARTIALLY})
    for name in ("A", "B", "C"):
        returned(audit_cycle, board, f"School {name}", Sector.SCHOOL, False)
    html = page(login_as("member"), reverse("audits:report", args=[audit_cycle.pk]))
    assert f"Counted from {FEWER} statutory partners' returns: their figures are not shown." in html


def test_the_report_page_costs_the_same_queries_with_more_returns(audit_cycle, board, login_as):
    client = login_as("office")
    url = reverse("audits:report", args=[audit_cycle.pk])
    for n in range(3):
        returned(audit_cycle, board, f"Police {n}", Sector.POLICE, True)
    before = count_queries(client, url)
    for n in range(20):
        returned(audit_cycle, board, f"Council {n}", Sector.LOCAL_AUTHORITY, True, {"2.1": NA})
        returned(audit_cycle, board, f"School {n}", Sector.SCHOOL, False, {"1.1": PARTIALLY})
    assert count_queries(client, url) == before


def annual_section(cycle, board, reader):
    return section_11(
        SimpleNamespace(audit_cycle_id=cycle.pk, audit_cycle=cycle),
        SimpleNamespace(board=board, period_end=datetime.date.today()),
        reader,
    )


def test_the_annual_report_section_has_the_sectors_and_the_statutory_summary(
    partners, board, office
):
    built = annual_section(partners, board, office)
    tables = {t["caption"]: t for t in built["tables"]}
    sectors = tables["Returns by sector"]
    assert sectors["head"] == ["Sector", "Returns", "Agencies' sectors"]
    assert sectors["rows"] == [
        [STATUTORY, "4", "District or borough council, Police, NHS trust, Youth justice"],
        ["Schools", "3", "School or college"],
        ["GPs", FEWER, ""],
        ["Voluntary sector", FEWER, ""],
        ["All returns", "9", ""],
    ]
    standards = tables["Statutory partners: ratings by standard"]
    assert standards["head"] == [
        "Standard",
        "Fully met",
        "Partially met",
        "Not met",
        "Not applicable",
        "% fully met",
    ]
    assert standards["rows"][0] == ["Every standard", "2", "", "", "", "50%"]
    assert [row[1:] for row in standards["rows"][1:]] == [
        ["2", "1", "1", "0", "50%"],
        ["2", "1", "0", "1", "67%"],
    ]
    criteria = tables["Statutory partners: ratings by criterion"]
    assert [row[0] for row in criteria["rows"]] == [
        "1.1 Commissioning requires safeguarding",
        "1.2 A senior lead is named",
        "2.1 Staff checks are reviewed regularly",
    ]
    assert (
        f"Returns by sector: Statutory partners 4; Schools 3; GPs {FEWER}; Voluntary sector {FEWER}."
        in built["paragraphs"]
    )
    assert (
        "4 returns came from statutory partners; 2 of 4 (50%) fully met every standard."
        in built["paragraphs"]
    )
    # The first sentence stays the headline (the report on a page shows it).
    assert built["paragraphs"][0].startswith("9 agencies returned their self-assessment")


def test_the_annual_report_section_hides_fewer_than_3_statutory_partners(
    audit_cycle, board, office
):
    returned(audit_cycle, board, "Police", Sector.POLICE, True, {"1.1": PARTIALLY})
    for name in ("A", "B", "C"):
        returned(audit_cycle, board, f"School {name}", Sector.SCHOOL, False)
    built = annual_section(audit_cycle, board, office)
    captions = [t["caption"] for t in built["tables"]]
    assert "Returns by sector" in captions
    assert not any(c.startswith("Statutory partners") for c in captions)
    assert (
        f"Statutory partners: {FEWER} returns, so their figures are not shown."
        in built["paragraphs"]
    )
    sectors = next(t for t in built["tables"] if t["caption"] == "Returns by sector")
    assert sectors["rows"][0] == [STATUTORY, FEWER, ""]


def test_no_return_yet_no_sector_tables(audit_cycle, board, office):
    built = annual_section(audit_cycle, board, office)
    assert [t["caption"] for t in built["tables"]] == [f"Overall compliance: {audit_cycle.name}"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_exports_have_the_sectors_and_the_statutory_partners(partners, login_as, fmt):
    from core.spreadsheets import read_table

    response = login_as("member").get(reverse("audits:report_export", args=[partners.pk, fmt]))
    rows = [[str(v) for v in row] for row in read_table(f"report.{fmt}", response.content)]
    assert [STATUTORY, "4", "District or borough council, Police, NHS trust, Youth justice"] in rows
    assert ["GPs", FEWER] in [row[:2] for row in rows]
    standard = next(r for r in rows if r[:1] == ["Statutory partners: standard"])
    after = rows[rows.index(standard) + 1]
    assert after[1:6] == ["2", "1", "1", "0", "50"]
    assert ["Statutory partners' returns", "4", "Fully met every standard", "2"] in [
        row[:4] for row in rows
    ]
    assert rows[-1][:4] == ["Responses", "9", "Fully met every standard", "6"]

"""The demo's 2016-17 Section 11 returns are the seed's (section 18): 433 returns, 205 from schools,
47 from GPs and 15 from statutory partners, with the PMQAG's findings for the statutory partners
(demo/data/section11_2016_17_returns.toml records the transcription). Its 2017-18 cycle still works
on top of them (tests/demo/test_second_year.py)."""

import pytest

from audits.compliance import STATUTORY, by_sector, compliance, statutory_partners
from audits.models import AuditCycle, Submission

SEED_SECTORS = {STATUTORY: 15, "Schools": 205, "GPs": 47}
# The seed's statutory partners: local authority, district councils, police, YOS, probation, health.
SEED_STATUTORY_SECTORS = [
    "Local authority",
    "District or borough council",
    "Police",
    "NHS trust",
    "Clinical commissioning group or ICB",
    "Probation",
    "Youth justice",
]


@pytest.fixture
def cycle(demo_board):
    return AuditCycle.objects.get(name="Section 11 audit 2016-17")


def counts(report, ref):
    """[fully, partially, not met, not applicable] of a standard ("3") or criterion ("3.1")."""
    rows = report.criteria if "." in ref else report.standards
    for row in rows:
        item = row.item
        label = f"{item.standard.number}.{item.number}" if "." in ref else str(item.number)
        if label == ref:
            return list(row.counts.values())
    raise KeyError(ref)


def test_the_returns_by_sector_are_the_seeds(cycle):
    groups = {g.group: g.returns for g in by_sector(cycle)}
    assert {group: groups[group] for group in SEED_SECTORS} == SEED_SECTORS
    assert sum(n for n in groups.values() if isinstance(n, int)) <= 433
    assert compliance(cycle).responses == 433
    statutory = next(g for g in by_sector(cycle) if g.group == STATUTORY)
    assert statutory.sectors == SEED_STATUTORY_SECTORS


def test_the_statutory_partners_findings_are_the_seeds(cycle):
    report = statutory_partners(cycle)
    assert report.responses == 15
    # "Full compliance 3/15 agencies (20%) said they 'fully met' all standards"
    assert (report.fully_compliant, report.fully_compliant_percent) == (3, 20)
    # "Only one agency said 'not met' for one of the standards": the commissioning process (1.2)
    assert counts(report, "1.2") == [14, 0, 1, 0]
    assert sum(counts(report, str(n))[2] for n in range(1, 10)) == 1
    # "Commissioning 8 agencies 'fully met', 1 agency 'partially met' and 4 recorded N/A"; the two
    # the seed leaves out are not applicable here (the data file's decision)
    assert counts(report, "1.3") == [8, 1, 0, 6]
    # "Voice of the child 4/15 agencies (27%) felt they only 'partially met'"
    assert counts(report, "3.1") == [11, 4, 0, 0]
    assert counts(report, "3") == [11, 4, 0, 0]
    # "Information sharing 14/15 agencies (93%) 'fully met'", twice
    assert counts(report, "5.2")[0] == counts(report, "5.3")[0] == 14
    # "Safer recruitment only 12/15 agencies (80%) ... 11/15 agencies (73%)"
    assert (counts(report, "7.2")[0], counts(report, "7.3")[0]) == (12, 11)
    # "Supervision 14/15 agencies (93%) 'fully met'"
    assert counts(report, "8.3")[0] == 14
    # "Allegations against staff All agencies 'fully met'"
    assert counts(report, "9") == [15, 0, 0, 0]
    # The percentages the seed compares with 2015/16: 93% information sharing, 73% listening, 100%
    by_standard = {row.item.number: row.fully for row in report.standards}
    assert (by_standard[5], by_standard[3], by_standard[9]) == (93, 73, 100)


def test_the_statutory_partners_are_the_seeds_list(cycle):
    returned = Submission.objects.filter(cycle=cycle, agency__statutory=True).exclude(
        agency__sector="school"
    )
    names = set(returned.values_list("agency__name", flat=True))
    assert len(names) == 15
    assert "Cumbria Constabulary" in names and "Youth Offending Service" in names
    assert {"NHS England", "CAFCASS, Cumbria", "Cumbria District/Borough Councils"}.isdisjoint(
        names
    )
    assert sum(name.startswith("Demo district council") for name in names) == 6


def test_the_police_lead_last_years_return_fully_met_every_standard(cycle):
    police = Submission.objects.get(cycle=cycle, agency__name="Cumbria Constabulary")
    assert set(police.results.values_list("rating", flat=True)) == {"fully"}
    assert police.answers.filter(evidence__startswith="Safeguarding is in every").count() == 3

"""The demo's second year (illustrative, not transcribed: demo/data/*2017_18*): a 2017-18 Section 11
cycle open today in which the police and school leads find their own accepted 2016-17 answers beside
each criterion; the business plan's 2017-18 rounds; the first quarter's figures of some indicators;
a draft 2017-18 annual report comparing with 2016-17. The seed's 2016-17 tables stay as printed."""

import datetime
import tomllib
from collections import Counter
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from actions.models import Update
from actions.updating import record_update
from audits.compliance import summary
from audits.models import AuditCycle, Criterion, SubmissionStatus
from core.history import describe
from core.rag import Rag
from demo import actions as demo_actions
from demo import annual_report as demo_annual_report
from demo import performance as demo_performance
from demo.audits import SECOND_YEAR
from performance.models import Measurement
from performance.rating import rate_at
from reports import annual
from reports.models import AnnualReport

from ..audits.test_audits import text_of
from ..reports.test_dashboard import home

LEADS = {
    "police.lead@demo.lscb.test": "Cumbria Constabulary",
    "school.lead@demo.lscb.test": "Fellside Primary School (demo)",
}


def cycle(name):
    return AuditCycle.objects.get(name=name)


def test_the_second_year_is_marked_illustrative():
    data = tomllib.loads(SECOND_YEAR.read_text(encoding="utf-8"))
    assert data["illustrative"] is True
    assert "ILLUSTRATIVE, NOT TRANSCRIBED" in SECOND_YEAR.read_text(encoding="utf-8")


def test_2017_18_is_open_today_and_2016_17_still_counts_the_seeds_433_returns(demo_board):
    today = datetime.date.today()
    assert list(AuditCycle.objects.open(today)) == [cycle("Section 11 audit 2017-18")]
    assert cycle("Section 11 audit 2017-18").previous == cycle("Section 11 audit 2016-17")
    assert not cycle("Section 11 audit 2017-18").submissions.exists()
    assert cycle("Section 11 audit 2016-17").closed == datetime.date(2017, 3, 31)
    last_year = cycle("Section 11 audit 2016-17")
    assert summary(last_year).responses == 433
    for agency in LEADS.values():
        assert last_year.submissions.get(agency__name=agency).status == SubmissionStatus.ACCEPTED


def test_the_leads_find_their_own_2016_17_answer_beside_every_criterion(demo_board, client):
    data = tomllib.loads(SECOND_YEAR.read_text(encoding="utf-8"))
    evidence = {row["agency"]: row["evidence"] for row in data["last_year"]}
    this_year = cycle("Section 11 audit 2017-18")
    for email, agency in LEADS.items():
        client.force_login(User.objects.get(email=email))
        response = client.post(reverse("audits:start", args=[this_year.pk]))
        assert response.status_code == 302
        submission = this_year.submissions.get(agency__name=agency)
        for standard in this_year.framework.standards.all():
            url = reverse("audits:standard", args=[submission.pk, standard.number])
            page = text_of(client.get(url))
            criteria = Criterion.objects.filter(standard=standard).count()
            assert page.count("Last year (Section 11 audit 2016-17): ") == criteria
            assert page.count(f"Evidence: {evidence[agency][standard.number - 1]}") == criteria
        other = next(name for name in LEADS.values() if name != agency)
        assert evidence[other][0] not in text_of(
            client.get(reverse("audits:standard", args=[submission.pk, 1]))
        )


def test_the_police_lead_sees_2017_18_to_do_and_2016_17_in_their_history(demo_board, client):
    client.force_login(User.objects.get(email="police.lead@demo.lscb.test"))
    to_do, history = home(client).split("Earlier cycles")
    assert "Section 11 audit 2017-18" in to_do and "Not started" in to_do
    assert "Section 11 audit 2016-17" not in to_do
    assert "Section 11 audit 2016-17" in history and "Accepted" in history


# The plan, the scorecard and the annual report carry on into 2017-18 (illustrative) ------------

PLAN = "LSCB Business Plan 2016-19"
ILLUSTRATIVE_FILES = [
    demo_actions.SECOND_YEAR,
    demo_performance.SECOND_YEAR,
    demo_annual_report.REPORTS[1],
]


def at_noon(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_every_second_year_file_is_marked_illustrative():
    for path in ILLUSTRATIVE_FILES:
        assert "ILLUSTRATIVE, NOT TRANSCRIBED" in path.read_text(encoding="utf-8"), path.name
    notes = [
        line.rsplit(",", 1)[1]
        for line in demo_performance.SECOND_YEAR.read_text(encoding="utf-8").splitlines()
        if line[:2] == "CS"
    ]
    assert notes and all(note.startswith("Illustrative") for note in notes)


def test_the_plan_carries_on_through_its_2017_18_rounds(demo_board):
    plan = demo_board.plans.get(name=PLAN)
    rounds = {c.name: c for c in plan.cycles.all()}
    assert list(rounds) == [  # latest deadline first
        "April 2018 updates",
        "October 2017 updates",
        "July 2017 updates",
        "April 2017 updates",
    ]
    assert plan.current_cycle() == rounds["April 2018 updates"]
    later = Update.objects.filter(action__plan=plan).exclude(cycle=rounds["April 2017 updates"])
    assert later.count() == 28
    for update in later.select_related("cycle"):  # each dated in its round, after the seed's
        assert update.cycle.opens <= timezone.localdate(update.created) <= update.cycle.deadline
        assert update.created > at_noon(datetime.date(2017, 4, 28))
    # The same 62 actions, carried on: a few complete, 3.1 rated red, 7.3 rated for the first time.
    assert plan.actions.count() == 62
    assert plan.actions.done().count() == 23
    assert plan.actions.get(ref="3.1").rag == Rag.RED
    assert plan.actions.get(ref="7.3").rag == Rag.GREEN
    # A change of RAG is in the action's audit trail, by its author, on its date.
    change = next(c for c in describe(plan.actions.get(ref="2.1").history.all()) if c.fields)
    assert (change.who.email, change.when) == (
        "pmqag.chair@demo.lscb.test",
        at_noon(datetime.date(2017, 7, 18)),
    )
    assert ("RAG", "Green", "Complete") in change.fields


def test_the_year_end_round_is_partly_done_so_chairs_have_actions_to_update(demo_board, client):
    client.force_login(User.objects.get(email="landi.chair@demo.lscb.test"))
    page = text_of(client.get(reverse("home")))
    assert "Update 4.7" in page and "27 April 2018" in page
    assert "Update 1.10" not in page  # updated in April 2018's round already
    assert "Update 4.5" not in page


def test_2017_18_figures_are_only_partly_in_so_31_march_2017_stays_the_complete_period(
    demo_board,
):
    indicators = demo_board.indicators.filter(on_scorecard=True)
    figures = Measurement.objects.filter(indicator__in=indicators)
    assert figures.filter(period_end=datetime.date(2017, 3, 31)).count() == 48
    assert figures.filter(period_end=datetime.date(2017, 6, 30)).count() == 14
    assert not figures.filter(period_end__gt=datetime.date(2017, 6, 30)).exists()
    # As at 31 March 2017 the scorecard is the seed's.
    rags = Counter(row.rag for row in rate_at(indicators, datetime.date(2017, 3, 31)))
    assert rags == {Rag.GREEN: 30, Rag.RED: 11, Rag.AMBER: 5, Rag.NOT_RATED: 2}
    # A first-quarter figure is rated against 2017-18's target (2016-17's, rolled over).
    cs25 = indicators.get(code="CS2.5")
    (row,) = rate_at([cs25], datetime.date(2017, 6, 30))
    assert (row.value, row.target.starts, row.target.value) == (
        Decimal("12.4"),
        datetime.date(2017, 4, 1),
        Decimal("10"),
    )
    assert row.rag == Rag.RED


def report_sections(title):
    report = AnnualReport.objects.get(title=title)
    office = User.objects.get(email="office@demo.lscb.test")
    return report, {s["title"]: s for s in annual.build(report, office)["sections"]}


def test_the_2017_18_report_is_a_draft_whose_sections_compare_with_2016_17(demo_board):
    report, sections = report_sections("Annual Report 2017-18")
    assert not report.publications.exists()
    plan = sections["2017-18 Business Plan Update"]
    assert plan["paragraphs"][1:] == [
        "As at 27 April 2018, of the 62 actions of LSCB Business Plan 2016-19, 23 are complete "
        "(1 red, 2 amber, 28 green, 8 not rated).",
        "A year earlier, as at 28 April 2017 (April 2017 updates), 62 actions, 16 complete.",
    ]
    compared, listed = plan["tables"]
    assert compared["head"] == ["RAG", "As at 28 April 2017", "As at 27 April 2018", "Change"]
    assert compared["rows"] == [
        ["Red", "0", "1", "+1"],
        ["Amber", "2", "2", "+0"],
        ["Green", "34", "28", "-6"],
        ["Complete", "16", "23", "+7"],
        ["Not rated", "10", "8", "-2"],
        ["All actions", "62", "62", "+0"],
    ]
    assert listed["head"][6] == "April 2018 updates" and len(listed["rows"]) == 62
    section_11 = sections["Safeguarding (Section 11) Audit"]
    head, responses = section_11["tables"][0]["head"], section_11["tables"][0]["rows"][0]
    assert head == ["Standard", "Section 11 audit 2016-17", "Section 11 audit 2017-18", "Change"]
    assert responses == ["Number of responses", "433", "0", "-433"]
    assert section_11["paragraphs"] == [
        "No agency has returned its self-assessment for Section 11 audit 2017-18 yet.",
        "Returns submitted by 31 March 2018 are counted.",
    ]
    # The 2016-17 report, the plan's first year, has nothing earlier to compare with.
    _, earlier = report_sections("Annual Report 2016-17")
    assert len(earlier["2016-17 Business Plan Update"]["tables"]) == 1


def test_the_2017_18_plan_section_is_as_at_its_round_not_today(demo_board):
    report, before = report_sections("Annual Report 2017-18")
    plan = demo_board.plans.get(name=PLAN)
    action = plan.actions.get(ref="4.7")
    record_update(
        action,
        author=User.objects.get(email="landi.chair@demo.lscb.test"),
        text="Evaluation summary presented.",
        rag=Rag.COMPLETE,
        comment="Done",
        cycle=plan.current_cycle(),
    )
    assert plan.actions.done().count() == 24
    _, after = report_sections("Annual Report 2017-18")
    assert after["2017-18 Business Plan Update"] == before["2017-18 Business Plan Update"]

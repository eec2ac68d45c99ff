"""Loads the Section 11 framework of the seed's section 18 (data/section11_2016.toml, whose header
records its transcription decisions), the board's two audit cycles of the seed, and an illustrative
third (data/section11_2017_18.toml: made up, not transcribed).

Decisions:
- 2016-17 ran from 8 December 2016 to 13 March 2017, as printed. The demo marks it closed on 31 March
  2017 (the end of the year the report covers; the date is not printed), so its returns are accepted.
- 2016-17's returns by sector and its statutory partners' answers are transcribed in
  data/section11_2016_17_returns.toml (its header records the decisions): who returned, and the 15
  statutory partners' ratings that give the seed's findings. The other returns are generated so that
  the whole reproduces the seed's table.
- 2017-18 is illustrative: the same season a year on, left open (not closed by the office), so the
  demo's police and school leads complete theirs and find their own 2016-17 answers beside each
  criterion. The two 2016-17 returns are among the 433 (the police's ratings are the data file's,
  the school's are generated; only their evidence text comes from data/section11_2017_18.toml), so
  the table does not move.
- 2015-16's dates are not printed; the demo assumes the same season a year earlier (7 December 2015
  to 14 March 2016) and marks it closed.
- Both years used the same nine standards (the report compares them one to one), so both cycles use
  one framework version.
- Every partner agency of the board is expected to return.
"""

import tomllib
from datetime import date, datetime, time
from pathlib import Path

from django.db import connection
from django.utils import timezone

from audits.compliance import percent, returns_by_group
from audits.models import (
    NEEDS_ACTION,
    Answer,
    AuditCycle,
    Criterion,
    Framework,
    Rating,
    Standard,
    StandardResult,
    Submission,
    SubmissionStatus,
    standard_rating,
)
from boards.models import Agency, BoardAgency, Sector

DATA = Path(__file__).parent / "data" / "section11_2016.toml"
SECOND_YEAR = Path(__file__).parent / "data" / "section11_2017_18.toml"
RETURNS = Path(__file__).parent / "data" / "section11_2016_17_returns.toml"
CYCLES = [
    {
        "name": "Section 11 audit 2015-16",
        "opens": date(2015, 12, 7),
        "closes": date(2016, 3, 14),
        "closed": date(2016, 3, 31),
    },
    {
        "name": "Section 11 audit 2016-17",
        "opens": date(2016, 12, 8),
        "closes": date(2017, 3, 13),
        "closed": date(2017, 3, 31),
    },
]


def cycles():
    """The seed's two cycles, then the illustrative 2017-18 one (open: no closing date)."""
    second = tomllib.loads(SECOND_YEAR.read_text(encoding="utf-8"))
    return [*CYCLES, {**second["cycle"], "closed": None}], second["last_year"]


def load(board, stdout):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    framework, _ = Framework.objects.get_or_create(
        name=data["framework"]["name"],
        version=data["framework"]["version"],
        defaults={"description": data["framework"]["description"]},
    )
    for row in data["standards"]:
        standard, _ = Standard.objects.get_or_create(
            framework=framework,
            number=row["number"],
            defaults={"title": row["title"], "description": row["description"]},
        )
        for number, text in enumerate(row["criteria"], start=1):
            Criterion.objects.get_or_create(
                standard=standard, number=number, defaults={"text": text.strip()}
            )
    previous = None
    specs, last_year = cycles()
    for spec in specs:
        cycle, created = AuditCycle.objects.get_or_create(
            name=spec["name"], defaults={**spec, "framework": framework, "previous": previous}
        )
        if created:
            cycle.boards.add(board)
            cycle.expected.set(board.agencies.all())
        if cycle.name in PUBLISHED:
            generate_returns(cycle, board, stdout)
        previous = cycle
    write_last_years_evidence(previous.previous, last_year)
    criteria = Criterion.objects.filter(standard__framework=framework).count()
    stdout.write(
        f"{framework}: {len(data['standards'])} standards, {criteria} criteria; {len(specs)} audit cycles."
    )


def write_last_years_evidence(cycle, returns):
    """The demo leads' own 2016-17 returns, as the illustrative data file words them: the sign-off and
    each standard's evidence. Ratings stay as generated, so the counted figures do not change; writing
    the same text again changes nothing."""
    for spec in returns:
        submission = Submission.objects.get(cycle=cycle, agency__name=spec["agency"])
        Submission.objects.filter(pk=submission.pk).update(
            signed_off_name=spec["signed_off_name"], signed_off_role=spec["signed_off_role"]
        )
        for number, evidence in enumerate(spec["evidence"], start=1):
            submission.answers.filter(criterion__standard__number=number).update(evidence=evidence)


# The returns of section 18's "Overall Compliance 2015/16 v 2016/17" table: how many, and the % of them
# fully meeting each of the nine standards. The demo generates returns that reproduce these figures.
PUBLISHED = {
    "Section 11 audit 2015-16": (486, [98, 97, 96, 95, 95, 95, 94, 94, 96]),
    "Section 11 audit 2016-17": (433, [97, 98, 97, 95, 96, 93, 93, 94, 97]),
}
# 2015-16's split by sector is not printed, so the demo assumes a year with more schools (the report
# says the 486 "inc. schools"). 2016-17's is transcribed in data/section11_2016_17_returns.toml.
GENERATED = {"Section 11 audit 2015-16": {Sector.SCHOOL: 240, Sector.GP: 50}}
# The groups of the compliance report that the generated schools and GP practices count in.
GROUP_OF = {Sector.SCHOOL: "Schools", Sector.GP: "GPs"}
# The demo's police and school leads have no 2015-16 return and complete 2017-18 themselves; their
# 2016-17 returns are generated with the rest (so the 433 stay 433) and worded by
# data/section11_2017_18.toml.
LEFT_FOR_THE_DEMO = {
    "Section 11 audit 2015-16": ["Cumbria Constabulary", "Fellside Primary School (demo)"],
    "Section 11 audit 2016-17": [],
}
IMPROVEMENT = "Review the arrangements and report progress to the safeguarding lead"
EVIDENCE = {
    Rating.FULLY: "Policy reviewed and signed off by the governing body",
    Rating.NOT_APPLICABLE: "Not applicable to the organisation's services",
}
SHORT_EVIDENCE = "Policy in draft"


def fully_met_count(percent_printed, responses):
    """How many returns fully meet a standard for the printed whole-number percentage."""
    count = round(percent_printed * responses / 100)
    while percent(count, responses) != percent_printed:
        count += 1 if percent(count, responses) < percent_printed else -1
    return count


def transcribed_returns():
    """{cycle name: its returns as data/section11_2016_17_returns.toml transcribes them}."""
    data = tomllib.loads(RETURNS.read_text(encoding="utf-8"))
    return {data["cycle"]["name"]: data}


def generated_agencies(board, sector, count):
    """Fictional schools, GP practices, voluntary groups and district councils ("Demo school 001"),
    partners of the board; the district councils are statutory partners."""
    label = {
        Sector.SCHOOL: "Demo school",
        Sector.GP: "Demo GP practice",
        Sector.VOLUNTARY: "Demo voluntary group",
        Sector.DISTRICT_COUNCIL: "Demo district council",
    }
    names = [f"{label[sector]} {number:03d}" for number in range(1, count + 1)]
    # Looked up among the board's partners only: agency names are unique per board, not globally.
    existing = set(board.agencies.filter(name__in=names).values_list("name", flat=True))
    made = Agency.objects.bulk_create(
        Agency(name=n, sector=sector, statutory=sector == Sector.DISTRICT_COUNCIL)
        for n in names
        if n not in existing
    )
    BoardAgency.objects.bulk_create(BoardAgency(board=board, agency=a) for a in made)
    return list(board.agencies.filter(name__in=names).order_by("name"))


def generate_returns(cycle, board, stdout):
    """Submitted returns whose % fully met per standard equals the published table. For 2016-17, the
    returns by sector and the statutory partners' answers are the data file's; the others are
    generated. Deterministic: see insert_generated_answers."""
    if cycle.submissions.exists():
        return
    responses, printed = PUBLISHED[cycle.name]
    spec = transcribed_returns().get(cycle.name)
    skipped = LEFT_FOR_THE_DEMO[cycle.name] + (spec["returning"]["not_returned"] if spec else [])
    agencies = [
        a
        for a in board.agencies.exclude(name__in=skipped).order_by("name")
        if not a.name.startswith("Demo ")
    ]
    if spec:
        councils = spec["returning"]["district_councils"]
        agencies += generated_agencies(board, Sector.DISTRICT_COUNCIL, councils)
        generated = {
            sector: spec["sectors"][group] - sum(a.sector == sector for a in agencies)
            for sector, group in GROUP_OF.items()
        }
    else:
        generated = GENERATED[cycle.name]
    for sector, count in generated.items():
        agencies += generated_agencies(board, sector, count)
    agencies += generated_agencies(board, Sector.VOLUNTARY, responses - len(agencies))
    cycle.expected.add(*agencies)
    submit_returns(cycle, agencies)
    short = shortfalls(cycle, printed, responses)
    answered = 0
    if spec:
        check_sectors(cycle, spec["sectors"])
        answered, short_of_partners = answer_as_transcribed(cycle, spec["statutory_partners"])
        short = {number: short[number] - short_of_partners[number] for number in short}
    insert_generated_answers(cycle, responses - answered, short)
    stdout.write(f"{cycle.name}: {responses} returns generated to match the published table.")


def check_sectors(cycle, transcribed):
    """Stop the load if the returns by sector are not the data file's."""
    returns, _ = returns_by_group(cycle.submissions.order_by())
    made = {group: returns.get(group, 0) for group in transcribed}
    if made != transcribed:
        raise ValueError(f"{cycle.name}: returns by sector {made}, not {transcribed}")


def answer_as_transcribed(cycle, partners):
    """The statutory partners' answers and results as the data file gives them (every criterion not
    listed fully met). Returns how many returns were answered, and {standard number: how many of them
    fall short of it} (not applicable is not short), for the generated returns to make up the rest."""
    submissions = {
        s.agency.name: s
        for s in cycle.submissions.filter(agency__name__in=[p["agency"] for p in partners])
        .select_related("agency")
        .order_by()
    }
    criteria = list(Criterion.objects.filter(standard__framework=cycle.framework_id))
    standards = {s.pk: s.number for s in cycle.framework.standards.all()}
    answers, results = [], []
    short_of = dict.fromkeys(standards.values(), 0)
    for partner in partners:
        submission = submissions[partner["agency"]]
        ratings = {}
        for criterion in criteria:
            ref = f"{standards[criterion.standard_id]}.{criterion.number}"
            rating = Rating(partner["short"].get(ref, Rating.FULLY))
            ratings.setdefault(criterion.standard_id, []).append(rating)
            answers.append(transcribed_answer(submission, criterion, rating))
        for standard, rated in ratings.items():
            result = standard_rating(rated)
            results.append(
                StandardResult(submission=submission, standard_id=standard, rating=result)
            )
            short_of[standards[standard]] += result not in (Rating.FULLY, Rating.NOT_APPLICABLE)
    Answer.objects.bulk_create(answers)
    StandardResult.objects.bulk_create(results)
    return len(partners), short_of


def transcribed_answer(submission, criterion, rating):
    return Answer(
        submission=submission,
        criterion=criterion,
        rating=rating,
        evidence=EVIDENCE.get(rating, SHORT_EVIDENCE),
        improvement_action=IMPROVEMENT if rating in NEEDS_ACTION else "",
    )


def submit_returns(cycle, agencies):
    """Submitted returns (accepted, once the cycle is closed) of `agencies`, without answers yet."""
    status = SubmissionStatus.ACCEPTED if cycle.closed else SubmissionStatus.SUBMITTED
    Submission.objects.bulk_create(
        (
            Submission(
                cycle=cycle,
                agency=a,
                status=status,
                submitted=timezone.make_aware(datetime.combine(cycle.closes, time(12))),
                signed_off_name="Senior lead",
                signed_off_role="Chief executive",
            )
            for a in agencies
        ),
        batch_size=5000,
    )


def shortfalls(cycle, printed, responses):
    """{standard number: how many of `responses` returns fall short of it} for the printed % fully met."""
    return {
        standard.number: responses - fully_met_count(printed[standard.number - 1], responses)
        for standard in cycle.framework.standards.all()
    }


def insert_generated_answers(cycle, responses, shortfalls):
    """The answers and per-standard results of the generated returns, made by the database itself
    (two INSERT ... SELECT statements instead of 30,000 objects), for the cycle's `responses` returns
    that have no results yet (the returns answered as transcribed already do): return i (numbered by
    agency name) falls short on standard s when (7i + 13(s-1)) mod n < shortfall(s), and then its first
    criterion is only partially met."""
    short_case = "CASE st.number " + " ".join("WHEN %s THEN %s" for _ in shortfalls) + " END"
    short_params = [value for pair in shortfalls.items() for value in pair]
    falls_short = f"((7 * sub.idx + 13 * (st.number - 1)) %% %s) < {short_case}"
    # Only table names (from the models) are put into the SQL text; every value is a parameter.
    numbered = f"""
        SELECT s.id, ROW_NUMBER() OVER (ORDER BY a.name) - 1 AS idx
        FROM {Submission._meta.db_table} s JOIN {Agency._meta.db_table} a ON a.id = s.agency_id
        WHERE s.cycle_id = %s AND NOT EXISTS (
            SELECT 1 FROM {StandardResult._meta.db_table} r WHERE r.submission_id = s.id)"""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {Answer._meta.db_table}
                (submission_id, criterion_id, rating, evidence, improvement_action, action_owner, moderated_rating)
            SELECT sub.id, c.id,
                CASE WHEN c.number = 1 AND {falls_short} THEN %s ELSE %s END,
                CASE WHEN c.number = 1 AND {falls_short} THEN %s ELSE %s END,
                CASE WHEN c.number = 1 AND {falls_short} THEN %s ELSE '' END,
                '', ''
            FROM ({numbered}) sub
            CROSS JOIN {Criterion._meta.db_table} c
            JOIN {Standard._meta.db_table} st ON st.id = c.standard_id
            WHERE st.framework_id = %s""",
            [
                responses,
                *short_params,
                Rating.PARTIALLY,
                Rating.FULLY,
                responses,
                *short_params,
                SHORT_EVIDENCE,
                EVIDENCE[Rating.FULLY],
                responses,
                *short_params,
                IMPROVEMENT,
                cycle.pk,
                cycle.framework_id,
            ],
        )
        cursor.execute(
            f"""INSERT INTO {StandardResult._meta.db_table} (submission_id, standard_id, rating)
            SELECT sub.id, st.id, CASE WHEN {falls_short} THEN %s ELSE %s END
            FROM ({numbered}) sub CROSS JOIN {Standard._meta.db_table} st
            WHERE st.framework_id = %s""",
            [
                responses,
                *short_params,
                Rating.PARTIALLY,
                Rating.FULLY,
                cycle.pk,
                cycle.framework_id,
            ],
        )
    AuditCycle.objects.filter(pk=cycle.pk).results_changed()

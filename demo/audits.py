"""Loads the Section 11 framework of the seed's section 18 (data/section11_2016.toml, whose header
records its transcription decisions), the board's two audit cycles of the seed, and an illustrative
third (data/section11_2017_18.toml: made up, not transcribed).

Decisions:
- 2016-17 ran from 8 December 2016 to 13 March 2017, as printed. The demo marks it closed on 31 March
  2017 (the end of the year the report covers; the date is not printed), so its returns are accepted.
- 2017-18 is illustrative: the same season a year on, left open (not closed by the office), so the
  demo's police and school leads complete theirs and find their own 2016-17 answers beside each
  criterion. The two 2016-17 returns are among the 433 generated for the seed's table (their ratings
  follow its spread, only their evidence text comes from the data file), so the table does not move.
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

from audits.compliance import percent
from audits.models import (
    Answer,
    AuditCycle,
    Criterion,
    Framework,
    Rating,
    Standard,
    StandardResult,
    Submission,
    SubmissionStatus,
)
from boards.models import Agency, BoardAgency, Sector

DATA = Path(__file__).parent / "data" / "section11_2016.toml"
SECOND_YEAR = Path(__file__).parent / "data" / "section11_2017_18.toml"
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
# 2016-17: "205 submissions from schools and 47 from GPs"; 2015-16's split is not printed, so the demo
# assumes a year with more schools (the report says the 486 "inc. schools").
GENERATED = {
    "Section 11 audit 2015-16": {Sector.SCHOOL: 240, Sector.GP: 50},
    "Section 11 audit 2016-17": {Sector.SCHOOL: 205, Sector.GP: 47},
}
# The demo's police and school leads have no 2015-16 return and complete 2017-18 themselves; their
# 2016-17 returns are generated with the rest (so the 433 stay 433) and worded by
# data/section11_2017_18.toml.
LEFT_FOR_THE_DEMO = {
    "Section 11 audit 2015-16": ["Cumbria Constabulary", "Fellside Primary School (demo)"],
    "Section 11 audit 2016-17": [],
}
IMPROVEMENT = "Review the arrangements and report progress to the safeguarding lead"


def fully_met_count(percent_printed, responses):
    """How many returns fully meet a standard for the printed whole-number percentage."""
    count = round(percent_printed * responses / 100)
    while percent(count, responses) != percent_printed:
        count += 1 if percent(count, responses) < percent_printed else -1
    return count


def generated_agencies(board, sector, count):
    """Fictional schools and GP practices ("Demo school 001"), partners of the board."""
    label = {
        Sector.SCHOOL: "Demo school",
        Sector.GP: "Demo GP practice",
        Sector.VOLUNTARY: "Demo voluntary group",
    }
    names = [f"{label[sector]} {number:03d}" for number in range(1, count + 1)]
    # Looked up among the board's partners only: agency names are unique per board, not globally.
    existing = set(board.agencies.filter(name__in=names).values_list("name", flat=True))
    made = Agency.objects.bulk_create(
        Agency(name=n, sector=sector, statutory=False) for n in names if n not in existing
    )
    BoardAgency.objects.bulk_create(BoardAgency(board=board, agency=a) for a in made)
    return list(board.agencies.filter(name__in=names).order_by("name"))


def generate_returns(cycle, board, stdout):
    """Submitted returns whose % fully met per standard equals the published table. Deterministic:
    return i falls short on standard s when (7i + 13s) mod n < n - fully met, a one-to-one spread."""
    if cycle.submissions.exists():
        return
    responses, printed = PUBLISHED[cycle.name]
    agencies = [
        a
        for a in board.agencies.exclude(name__in=LEFT_FOR_THE_DEMO[cycle.name]).order_by("name")
        if not a.name.startswith("Demo ")
    ]
    for sector, count in GENERATED[cycle.name].items():
        agencies += generated_agencies(board, sector, count)
    agencies += generated_agencies(board, Sector.VOLUNTARY, responses - len(agencies))
    cycle.expected.add(*agencies)
    submit_returns(cycle, agencies)
    insert_generated_answers(cycle, responses, shortfalls(cycle, printed, responses))
    stdout.write(f"{cycle.name}: {responses} returns generated to match the published table.")


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
    (two INSERT ... SELECT statements instead of 30,000 objects): return i (numbered by agency name)
    falls short on standard s when (7i + 13(s-1)) mod n < shortfall(s), and then its first criterion is
    only partially met."""
    short_case = "CASE st.number " + " ".join("WHEN %s THEN %s" for _ in shortfalls) + " END"
    short_params = [value for pair in shortfalls.items() for value in pair]
    falls_short = f"((7 * sub.idx + 13 * (st.number - 1)) %% %s) < {short_case}"
    # Only table names (from the models) are put into the SQL text; every value is a parameter.
    numbered = f"""
        SELECT s.id, ROW_NUMBER() OVER (ORDER BY a.name) - 1 AS idx
        FROM {Submission._meta.db_table} s JOIN {Agency._meta.db_table} a ON a.id = s.agency_id
        WHERE s.cycle_id = %s"""
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
                "Policy in draft",
                "Policy reviewed and signed off by the governing body",
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

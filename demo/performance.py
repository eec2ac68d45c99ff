"""Loads the performance scorecard of the seed's section 12 (31 March 2017) and the multi-year series
printed in sections 12 and 23.

- data/performance_scorecard_2017.csv: the 48 indicators as printed; its header records every
  transcription decision (areas, units, the 10% amber tolerance, overrides "as reported", trends).
- data/performance_series.csv: the earlier years of the printed series, in the import format of the
  product (Code, Period end, Value, Note), loaded through the importer office staff use. Series that
  are not a scorecard indicator are loaded as indicators "reported alongside the scorecard"
  (CONTEXT below); their codes are the demo's own, since the report prints none.

- data/performance_2017_18_q1.csv is ILLUSTRATIVE, NOT TRANSCRIBED: the 2017-18 targets (the
  2016-17 ones rolled over) and the first quarter's figures of only some indicators, an office
  partway through collecting (second_year below); its header records the decisions.

Idempotent: a board that has indicators is left unchanged; the second year is added once.
"""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from core.history import saved_by
from core.spreadsheets import read_table
from performance.importing import import_rows, parse
from performance.models import Indicator, Measurement, Polarity, Target, Trend, Unit
from performance.rating import rate

DATA = Path(__file__).parent / "data"
SCORECARD = DATA / "performance_scorecard_2017.csv"
SERIES = DATA / "performance_series.csv"
SECOND_YEAR = DATA / "performance_2017_18_q1.csv"
NEXT_YEAR = (date(2017, 4, 1), date(2018, 3, 31))
AS_AT = date(2017, 3, 31)
YEAR = (date(2016, 4, 1), date(2017, 3, 31))
SOURCE = "LSCB performance report (31 March 2017), annual report 2016-17 section 12"
CHILDRENS_SERVICES = "Cumbria County Council, Children's Services"
AS_REPORTED = "as reported"
POLARITY = {"high": Polarity.HIGH, "low": Polarity.LOW, "n/a": Polarity.NONE}
RAG = {"G": "G", "A": "A", "R": "R", "n/a": ""}

S12 = "Annual report 2016-17 section 12"
S23 = "Annual report 2016-17 section 23 (Department for Education figures)"
# code, description, area, unit, decimals, polarity, owner, source, notes
CONTEXT = [
    (
        "REF-NUM",
        "Number of referrals received",
        "Referral and assessment",
        Unit.COUNT,
        0,
        Polarity.NONE,
        CHILDRENS_SERVICES,
        S12,
        "",
    ),
    (
        "REREF-NUM",
        "Referrals where the same child had been recorded within the previous 12 months",
        "Referral and assessment",
        Unit.COUNT,
        0,
        Polarity.LOW,
        CHILDRENS_SERVICES,
        S12,
        "The percentage of these referrals is CS1.0.",
    ),
    (
        "EHA-RATE",
        "Early Help Assessments (EHAs) initiated, rate per 10,000",
        "Early help",
        Unit.RATE,
        1,
        Polarity.HIGH,
        CHILDRENS_SERVICES,
        S12,
        "",
    ),
    (
        "EHA-NUM",
        "Early Help Assessments (EHAs) initiated, number",
        "Early help",
        Unit.COUNT,
        0,
        Polarity.HIGH,
        CHILDRENS_SERVICES,
        S12,
        "",
    ),
    (
        "CP-NUM",
        "Number of children on a child protection plan",
        "Child protection",
        Unit.COUNT,
        0,
        Polarity.LOW,
        CHILDRENS_SERVICES,
        S12,
        "The rate per 10,000 is CS2.3.",
    ),
    (
        "CLA-NUM",
        "Number of children looked after",
        "Children looked after",
        Unit.COUNT,
        0,
        Polarity.LOW,
        CHILDRENS_SERVICES,
        S12,
        "The rate per 10,000 is CS3.0. The report states a target figure of 610 at the end of March 2017.",
    ),
    (
        "CSE-POL",
        "CSE reports to police (full year)",
        "Missing from home",
        Unit.COUNT,
        0,
        Polarity.NONE,
        "Cumbria Constabulary",
        S12,
        "Footnote as printed, cut short in the source: “All Sexual offences and obscene publicat…”",
    ),
    (
        "MFH-EP",
        "Missing from home episodes (full year)",
        "Missing from home",
        Unit.COUNT,
        0,
        Polarity.NONE,
        "Cumbria Constabulary",
        S12,
        "Footnote to 2015 and 2016 as printed, cut short: “The number of instances where children (und…”",
    ),
    (
        "PF-CUMBRIA",
        "Children reported as being under private fostering arrangements at 31 March, Cumbria",
        "Private fostering",
        Unit.COUNT,
        0,
        Polarity.NONE,
        CHILDRENS_SERVICES,
        S23,
        "",
    ),
    (
        "PF-NW",
        "Children reported as being under private fostering arrangements at 31 March, North West",
        "Private fostering",
        Unit.COUNT,
        0,
        Polarity.NONE,
        None,
        S23,
        "No longer published after 2014: the Department for Education removed the annual return.",
    ),
    (
        "PF-ENG",
        "Children reported as being under private fostering arrangements at 31 March, England",
        "Private fostering",
        Unit.COUNT,
        0,
        Polarity.NONE,
        None,
        S23,
        "No longer published after 2014: the Department for Education removed the annual return.",
    ),
]
CONTEXT_TARGETS = {"CLA-NUM": (Decimal(610), Decimal(61))}  # the report's "target figure of 610"


def scorecard_rows():
    lines = [line for line in SCORECARD.read_text().splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines))


def load(board, office_user, stdout):
    if board.indicators.exists():
        stdout.write("Performance scorecard: already loaded, unchanged.")
        return
    owners = {
        a.name: a
        for a in board.agencies.filter(name__in=[CHILDRENS_SERVICES, "Cumbria Constabulary"])
    }
    overridden = 0
    latest = {}
    for row in scorecard_rows():
        polarity = POLARITY[row["polarity"].lower()]
        indicator = saved_by(
            Indicator(
                board=board,
                code=row["code"],
                description=row["description"],
                area=row["area"],
                unit=row["unit"],
                decimals=int(row["decimals"]),
                polarity=polarity,
                owner=owners[CHILDRENS_SERVICES] if row["code"].startswith("CS") else None,
                source=SOURCE,
            ),
            office_user,
        )
        target_value = None if row["target"] == "Not set" else Decimal(row["target"])
        tolerance = Decimal(row["tolerance"] or 0)
        saved_by(
            Target(
                indicator=indicator,
                starts=YEAR[0],
                ends=YEAR[1],
                value=target_value,
                tolerance=tolerance,
                label=row["target_label"],
            ),
            office_user,
        )
        value = Decimal(row["value"]) if row["value"] else None
        measurement = Measurement(
            indicator=indicator,
            period_end=AS_AT,
            value=value,
            note="" if value is not None else "No figure is printed in the report.",
        )
        printed = RAG[row["rag"]]
        if rate(value, target_value, tolerance, polarity) != printed:
            measurement.rag_override, measurement.rag_reason = printed, AS_REPORTED
            overridden += 1
        latest[indicator.code] = (saved_by(measurement, office_user), Trend(row["trend"].lower()))
    for code, description, area, unit, decimals, polarity, owner, source, notes in CONTEXT:
        indicator = saved_by(
            Indicator(
                board=board,
                code=code,
                description=description,
                area=area,
                unit=unit,
                decimals=decimals,
                polarity=polarity,
                owner=owners.get(owner),
                source=source,
                notes=notes,
                on_scorecard=False,
            ),
            office_user,
        )
        if code in CONTEXT_TARGETS:
            value, tolerance = CONTEXT_TARGETS[code]
            saved_by(
                Target(
                    indicator=indicator,
                    starts=YEAR[0],
                    ends=YEAR[1],
                    value=value,
                    tolerance=tolerance,
                ),
                office_user,
            )
    rows, errors = parse(read_table(SERIES.name, SERIES.read_bytes()), board)
    if errors:
        raise ValueError(f"The demo performance series do not import: {errors}")
    import_rows(rows, user=office_user)
    trends = set_printed_trends(board, latest, office_user)
    stdout.write(
        f"Performance scorecard: {len(latest)} indicators at {AS_AT:%d %B %Y} "
        f"({overridden} RAGs and {trends} trends as reported), {len(CONTEXT)} context series, "
        f"{len(rows)} earlier figures."
    )


def set_printed_trends(board, latest, office_user):
    """The printed trend wins: computed from a stored earlier figure where the report prints one,
    otherwise stored as an override "as reported"."""
    from performance.rating import rate_at

    overrides = 0
    indicators = board.indicators.filter(code__in=latest)
    for rated in rate_at(indicators, AS_AT):
        measurement, printed = latest[rated.indicator.code]
        if rated.computed_trend != printed:
            measurement.trend_override, measurement.trend_reason = printed, AS_REPORTED
            saved_by(measurement, office_user)
            overrides += 1
    return overrides


def second_year(board, office_user, stdout):
    """The illustrative 2017-18: every 2016-17 target rolled over, and the first quarter's figures of
    some indicators, imported as the office imports figures. Once: targets of 2017-18 mean done."""
    targets = Target.objects.filter(indicator__board=board, indicator__on_scorecard=True)
    if targets.filter(starts=NEXT_YEAR[0]).exists():
        return
    for target in targets.filter(starts=YEAR[0]).select_related("indicator"):
        saved_by(
            Target(
                indicator=target.indicator,
                starts=NEXT_YEAR[0],
                ends=NEXT_YEAR[1],
                value=target.value,
                tolerance=target.tolerance,
                label=target.label,
            ),
            office_user,
        )
    lines = [line for line in SECOND_YEAR.read_text().splitlines() if not line.startswith("#")]
    table = read_table(SECOND_YEAR.name, "\n".join(lines).encode())
    rows, errors = parse(table, board)
    if errors:
        raise ValueError(f"The demo's 2017-18 figures do not import: {errors}")
    import_rows(rows, user=office_user)
    stdout.write(
        f"Performance 2017-18 (illustrative): targets rolled over, {len(rows)} of "
        f"{targets.filter(starts=YEAR[0]).count()} indicators' figures at 30 June 2017."
    )

"""The compliance report of an audit cycle, counted in the database from submitted returns
(drafts never count): per standard and criterion, by sector, agencies fully compliant, and the
comparison with the previous cycle. A fixed number of queries, whatever the number of returns.

Small numbers are suppressed, as statistical releases do: a figure worked out from fewer than
SMALL returns (a sector of one or two returns, a standard applicable to two) shows FEWER instead, so
nobody reads one agency's answers off the breakdown. The office reads each return itself."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q

from boards.models import Sector
from core.as_at import end_of

from .models import COUNTED, Answer, Criterion, Rating, StandardResult, Submission

SMALL = 3
FEWER = f"fewer than {SMALL}"

RATINGS = [Rating.FULLY, Rating.PARTIALLY, Rating.NOT_MET, Rating.NOT_APPLICABLE]
RATING_LABELS = [rating.label for rating in RATINGS]
STATUTORY = "Statutory partners"
SECTOR_GROUPS = [STATUTORY, "Schools", "GPs", "Voluntary sector", "Other"]


def is_figure(value):
    return value is not None and value != FEWER


def percent_text(value):
    """A percentage for people: "" for none, FEWER as it is, otherwise "n%"."""
    if value is None:
        return ""
    return value if value == FEWER else f"{value}%"


def percent(part, whole):
    """Whole-number percentage, halves rounded up (as people round), or None for nothing to count."""
    return int(100 * part / whole + 0.5) if whole else None


def sector_group(statutory, sector):
    """The group of the report an agency's returns count in, from its sector and statutory flag."""
    if sector == Sector.SCHOOL:
        return "Schools"
    if sector == Sector.GP:
        return "GPs"
    if statutory:
        return STATUTORY
    return "Voluntary sector" if sector == Sector.VOLUNTARY else "Other"


# The returns sector_group puts among the statutory partners, as a filter on returns.
STATUTORY_PARTNERS = Q(agency__statutory=True) & ~Q(agency__sector__in=[Sector.SCHOOL, Sector.GP])


@dataclass
class Row:
    """Counts of one standard or criterion; `fully` is the % fully met of those it applies to."""

    item: object
    counts: dict = field(default_factory=dict)
    fully: int | None = None
    previous: int | None = None

    @property
    def change(self):
        if is_figure(self.fully) and is_figure(self.previous):
            return self.fully - self.previous
        return None

    @property
    def bar(self):
        """The % fully met to draw (0 when there is none to show)."""
        return self.fully if is_figure(self.fully) else 0

    @property
    def previous_bar(self):
        return self.previous if is_figure(self.previous) else 0

    @property
    def fully_text(self):
        return percent_text(self.fully)

    @property
    def previous_text(self):
        return percent_text(self.previous)


def row(item, counts):
    """A standard's or criterion's counts and % fully met; from fewer than SMALL returns, FEWER."""
    counts = {rating: counts.get(rating, 0) for rating in RATINGS}
    if 0 < sum(counts.values()) < SMALL:
        return Row(item, dict.fromkeys(counts, FEWER), FEWER)
    applicable = sum(counts.values()) - counts[Rating.NOT_APPLICABLE]
    if 0 < applicable < SMALL:
        return Row(item, counts, FEWER)
    return Row(item, counts, percent(counts[Rating.FULLY], applicable))


@dataclass
class Moderation:
    """Among the moderated answers of a standard: % fully met as self-rated and as moderated."""

    standard: object
    answers: int
    self_rated: int
    moderated: int

    @property
    def gap(self):
        return self.self_rated - self.moderated if is_figure(self.self_rated) else None


@dataclass
class Report:
    cycle: object
    responses: int
    standards: list
    criteria: list
    fully_compliant: int
    sectors: list  # (group, responses, [% fully met per standard])
    previous: "Report | None" = None
    moderation: list = field(default_factory=list)

    @property
    def fully_compliant_percent(self):
        if not is_figure(self.fully_compliant):
            return self.fully_compliant
        return percent(self.fully_compliant, self.responses)

    @property
    def fully_compliant_headline(self):
        """The % of agencies fully meeting every standard, or FEWER."""
        value = self.fully_compliant_percent
        return value if value == FEWER else f"{value or 0}%"

    @property
    def response_change(self):
        return None if self.previous is None else self.responses - self.previous.responses

    @property
    def responses_shown(self):
        """How many returns, or FEWER: for a part of the returns (a sector), not the whole cycle."""
        return FEWER if 0 < self.responses < SMALL else self.responses


def with_fully_met(counts, total):
    """Counts of the ratings other than fully met, completed with fully met: the rest of `total`."""
    return {**counts, Rating.FULLY: total - sum(counts.values())}


def counted_returns(cycle, as_at=None):
    """The cycle's returns that count (drafts never do); with `as_at`, those submitted by then."""
    counted = Submission.objects.filter(cycle=cycle, status__in=COUNTED).order_by()
    return counted.filter(submitted__lt=end_of(as_at)) if as_at else counted


def returns_by_group(counted):
    """{group: returns} and {group: the agencies' sectors} of `counted` returns, in one query."""
    returns, sectors = {}, {}
    for entry in counted.values("agency__statutory", "agency__sector").annotate(n=Count("pk")):
        group = sector_group(entry["agency__statutory"], entry["agency__sector"])
        returns[group] = returns.get(group, 0) + entry["n"]
        sectors.setdefault(group, set()).add(entry["agency__sector"])
    return returns, sectors


@dataclass
class SectorReturns:
    group: str
    returns: object  # a number, or FEWER
    sectors: list  # the agencies' sectors in the group, as people read them


def by_sector(cycle, as_at=None):
    """How many returns each group sent (statutory partners, schools, GPs, voluntary sector, other),
    with the sectors of its agencies; a group of fewer than SMALL returns shows FEWER and no sectors."""
    returns, sectors = returns_by_group(counted_returns(cycle, as_at))
    labels = dict(Sector.choices)
    return [
        SectorReturns(group, returns[group], [labels[s] for s in labels if s in sectors[group]])
        if returns[group] >= SMALL
        else SectorReturns(group, FEWER, [])
        for group in SECTOR_GROUPS
        if group in returns
    ]


def statutory_partners(cycle, as_at=None):
    """The report of the statutory partners' returns alone (the seed's "summary of findings" for
    them): ratings by standard and criterion, and how many fully met every standard, with the same
    small-number rule (`responses_shown` for how many returned)."""
    return compliance(cycle, compare=False, as_at=as_at, only=STATUTORY_PARTNERS)


def compliance(cycle, compare=True, detail=True, as_at=None, only=None):
    """The report of `cycle`; with `detail` off, only the standards' counts, the responses and the
    agencies fully compliant (what the previous year's column and the dashboard show). With `as_at`
    (a date), only the returns submitted by the end of that day are counted; with `only` (a filter
    of returns, such as STATUTORY_PARTNERS), only those returns.

    A counted return is complete (one answer per criterion, one result per standard, see
    submitting.py), so the database counts only the ratings short of fully met, through partial
    indexes, and fully met is the rest: the report reads the few exceptions, not every answer
    (1.25 million at 48,000 returns). `order_by()` keeps Meta.ordering's joins out of the counts."""
    counted = counted_returns(cycle, as_at)
    if only is not None:
        counted = counted.filter(only)
    criteria = Prefetch(
        "criteria",
        queryset=Criterion.objects.select_related("standard").prefetch_related("replaces"),
    )
    standards = list(cycle.framework.standards.prefetch_related(criteria))
    short = StandardResult.objects.filter(submission__in=counted).exclude(rating=Rating.FULLY)
    by_standard, sectors, responses_by_group = {}, {}, {}
    if detail:
        responses_by_group, _ = returns_by_group(counted)
        responses = sum(responses_by_group.values())
        for entry in short.values(
            "standard", "rating", "submission__agency__statutory", "submission__agency__sector"
        ).annotate(n=Count("pk")):
            group = sector_group(
                entry["submission__agency__statutory"], entry["submission__agency__sector"]
            )
            counts = sectors.setdefault(group, {}).setdefault(entry["standard"], {})
            counts[entry["rating"]] = counts.get(entry["rating"], 0) + entry["n"]
            standard = by_standard.setdefault(entry["standard"], {})
            standard[entry["rating"]] = standard.get(entry["rating"], 0) + entry["n"]
    else:
        responses = counted.count()
        for entry in short.values("standard", "rating").annotate(n=Count("pk")):
            by_standard.setdefault(entry["standard"], {})[entry["rating"]] = entry["n"]
    by_criterion = {}
    if detail:
        for entry in (
            Answer.objects.filter(submission__in=counted)
            .exclude(rating=Rating.FULLY)
            .order_by()
            .values("criterion", "rating")
            .annotate(n=Count("pk"))
        ):
            by_criterion.setdefault(entry["criterion"], {})[entry["rating"]] = entry["n"]

    def standard_counts(standard, counts, total):
        # a standard without criteria has no results at all
        return with_fully_met(counts, total) if standard.criteria.all() else {}

    report = Report(
        cycle=cycle,
        responses=responses,
        standards=[
            row(s, standard_counts(s, by_standard.get(s.pk, {}), responses)) for s in standards
        ],
        criteria=[
            row(c, with_fully_met(by_criterion.get(c.pk, {}), responses))
            for standard in (standards if detail else [])
            for c in standard.criteria.all()
        ],
        fully_compliant=responses
        - short.exclude(rating=Rating.NOT_APPLICABLE).values("submission").distinct().count(),
        sectors=[
            (
                group,
                responses_by_group[group],
                [
                    row(
                        s,
                        standard_counts(
                            s, sectors.get(group, {}).get(s.pk, {}), responses_by_group[group]
                        ),
                    ).fully
                    for s in standards
                ],
            )
            if responses_by_group[group] >= SMALL
            else (group, FEWER, [FEWER] * len(standards))
            for group in SECTOR_GROUPS
            if group in responses_by_group
        ],
    )
    if 0 < responses < SMALL:
        report.fully_compliant = FEWER
    if detail:
        report.moderation = moderation(counted, standards)
    if compare and cycle.previous_id:
        report.previous = summary(cycle.previous, compare=False, as_at=as_at)
        last = {r.item.pk: r.fully for r in report.previous.standards}
        same = cycle.previous.framework_id == cycle.framework_id
        for standard_row in report.standards:
            standard_row.previous = last.get(continued(standard_row.item, same))
    return report


SUMMARY_SECONDS = 24 * 60 * 60


def summary(cycle, compare=True, as_at=None):
    """compliance(cycle, compare, detail=False), kept in the cache under the cycle's results token
    (and its previous cycle's): a return entering or leaving the count changes the token, so the
    summary is counted again then, and otherwise read from the cache. At national scale (50,000
    returns a cycle) counting takes tens of milliseconds a cycle; dashboards ask for it all day.
    With `as_at`, only the returns submitted by then (cached under that date too)."""
    previous = cycle.previous if compare and cycle.previous_id else None
    key = f"audits:summary:{cycle.pk}:{cycle.results_token}:{previous and previous.results_token}"
    key += f":{as_at.isoformat()}" if as_at else ""
    report = cache.get(key)
    if report is None:
        report = compliance(cycle, compare=compare, detail=False, as_at=as_at)
        cache.set(key, report, SUMMARY_SECONDS)
    return report


def moderation(counted, standards):
    """Per standard, among its moderated answers: % fully met self-rated and moderated."""
    moderated = {}
    for entry in (
        Answer.objects.filter(submission__in=counted)
        .exclude(moderated_rating="")
        .order_by()
        .values("criterion__standard", "submission", "rating", "moderated_rating")
        .annotate(n=Count("pk"))
    ):
        counts = moderated.setdefault(
            entry["criterion__standard"], {"self": 0, "moderated": 0, "all": 0, "returns": set()}
        )
        counts["returns"].add(entry["submission"])
        counts["all"] += entry["n"]
        counts["self"] += entry["n"] if entry["rating"] == Rating.FULLY else 0
        counts["moderated"] += entry["n"] if entry["moderated_rating"] == Rating.FULLY else 0
    rows = []
    for standard in standards:
        counts = moderated.get(standard.pk)
        if counts is None:
            continue
        if len(counts["returns"]) < SMALL:  # moderated answers of one or two returns
            rows.append(Moderation(standard, FEWER, FEWER, FEWER))
            continue
        rows.append(
            Moderation(
                standard,
                counts["all"],
                percent(counts["self"], counts["all"]),
                percent(counts["moderated"], counts["all"]),
            )
        )
    return rows


def continued(standard, same_framework):
    """The previous cycle's standard this one compares with: itself in the same framework; across
    versions, the one standard whose criteria its criteria continue (none if they came from several)."""
    if same_framework:
        return standard.pk
    earlier = {old.standard_id for c in standard.criteria.all() for old in c.replaces.all()}
    return earlier.pop() if len(earlier) == 1 else None


def report_rows(report, sectors=(), statutory=None):
    """The report as a table for CSV and XLSX: standards (with last year's figures), then criteria;
    then the returns by sector and the statutory partners' ratings when given."""
    previous = report.previous.cycle.name if report.previous else "Previous cycle"
    yield [
        "Standard",
        "Fully met",
        "Partially met",
        "Not met",
        "Not applicable",
        "% fully met",
        f"{previous} % fully met",
        "Change",
    ]
    for r in report.standards:
        yield [str(r.item), *r.counts.values(), r.fully, r.previous, r.change]
    yield []
    yield ["Criterion", "Fully met", "Partially met", "Not met", "Not applicable", "% fully met"]
    for r in report.criteria:
        yield [
            f"{r.item.standard.number}.{r.item.number} {r.item.text}",
            *r.counts.values(),
            r.fully,
        ]
    yield []
    if sectors:
        yield ["Sector", "Returns", "Agencies' sectors"]
        yield from ([g.group, g.returns, ", ".join(g.sectors)] for g in sectors)
        yield []
    if statutory is not None and statutory.responses:
        yield ["Statutory partners: standard", *RATING_LABELS, "% fully met"]
        yield from ([str(r.item), *r.counts.values(), r.fully] for r in statutory.standards)
        yield ["Statutory partners: criterion", *RATING_LABELS, "% fully met"]
        yield from (
            [f"{r.item.standard.number}.{r.item.number} {r.item.text}", *r.counts.values(), r.fully]
            for r in statutory.criteria
        )
        yield [
            "Statutory partners' returns",
            statutory.responses_shown,
            "Fully met every standard",
            statutory.fully_compliant,
        ]
        yield []
    yield ["Responses", report.responses, "Fully met every standard", report.fully_compliant]

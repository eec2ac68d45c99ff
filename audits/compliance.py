"""The compliance report of an audit cycle, counted in the database from submitted returns
(drafts never count): per standard and criterion, by sector, agencies fully compliant, and the
comparison with the previous cycle. A fixed number of queries, whatever the number of returns."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from boards.models import Sector

from .models import COUNTED, Answer, Criterion, Rating, StandardResult, Submission

RATINGS = [Rating.FULLY, Rating.PARTIALLY, Rating.NOT_MET, Rating.NOT_APPLICABLE]
SECTOR_GROUPS = ["Statutory partners", "Schools", "GPs", "Voluntary sector", "Other"]


def percent(part, whole):
    """Whole-number percentage, halves rounded up (as people round), or None for nothing to count."""
    return int(100 * part / whole + 0.5) if whole else None


def sector_group(statutory, sector):
    if sector == Sector.SCHOOL:
        return "Schools"
    if sector == Sector.GP:
        return "GPs"
    if statutory:
        return "Statutory partners"
    return "Voluntary sector" if sector == Sector.VOLUNTARY else "Other"


@dataclass
class Row:
    """Counts of one standard or criterion; `fully` is the % fully met of those it applies to."""

    item: object
    counts: dict = field(default_factory=dict)
    fully: int | None = None
    previous: int | None = None

    @property
    def change(self):
        return None if self.fully is None or self.previous is None else self.fully - self.previous


def row(item, counts):
    counts = {rating: counts.get(rating, 0) for rating in RATINGS}
    applicable = sum(counts.values()) - counts[Rating.NOT_APPLICABLE]
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
        return self.self_rated - self.moderated


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
        return percent(self.fully_compliant, self.responses)

    @property
    def response_change(self):
        return None if self.previous is None else self.responses - self.previous.responses


def compliance(cycle, compare=True):
    counted = Submission.objects.filter(cycle=cycle, status__in=COUNTED)
    criteria = Prefetch(
        "criteria",
        queryset=Criterion.objects.select_related("standard").prefetch_related("replaces"),
    )
    standards = list(cycle.framework.standards.prefetch_related(criteria))
    by_standard = {}
    for entry in (
        StandardResult.objects.filter(submission__in=counted)
        .values("standard", "rating")
        .annotate(n=Count("pk"))
    ):
        by_standard.setdefault(entry["standard"], {})[entry["rating"]] = entry["n"]
    by_criterion = {}
    for entry in (
        Answer.objects.filter(submission__in=counted)
        .values("criterion", "rating")
        .annotate(n=Count("pk"))
    ):
        by_criterion.setdefault(entry["criterion"], {})[entry["rating"]] = entry["n"]
    sectors = {}
    for entry in (
        StandardResult.objects.filter(submission__in=counted)
        .values("standard", "rating", "submission__agency__statutory", "submission__agency__sector")
        .annotate(n=Count("pk"))
    ):
        group = sector_group(
            entry["submission__agency__statutory"], entry["submission__agency__sector"]
        )
        sectors.setdefault(group, {}).setdefault(entry["standard"], {})[entry["rating"]] = entry[
            "n"
        ]
    responses_by_group = {}
    for entry in counted.values("agency__statutory", "agency__sector").annotate(n=Count("pk")):
        group = sector_group(entry["agency__statutory"], entry["agency__sector"])
        responses_by_group[group] = responses_by_group.get(group, 0) + entry["n"]
    report = Report(
        cycle=cycle,
        responses=sum(responses_by_group.values()),
        standards=[row(standard, by_standard.get(standard.pk, {})) for standard in standards],
        criteria=[
            row(c, by_criterion.get(c.pk, {}))
            for standard in standards
            for c in standard.criteria.all()
        ],
        fully_compliant=counted.exclude(
            results__rating__in=[Rating.PARTIALLY, Rating.NOT_MET]
        ).count(),
        sectors=[
            (
                group,
                responses_by_group[group],
                [row(s, sectors[group].get(s.pk, {})).fully for s in standards],
            )
            for group in SECTOR_GROUPS
            if group in responses_by_group
        ],
    )
    moderated = {}
    for entry in (
        Answer.objects.filter(submission__in=counted)
        .exclude(moderated_rating="")
        .values("criterion__standard", "rating", "moderated_rating")
        .annotate(n=Count("pk"))
    ):
        counts = moderated.setdefault(
            entry["criterion__standard"], {"self": 0, "moderated": 0, "all": 0}
        )
        counts["all"] += entry["n"]
        counts["self"] += entry["n"] if entry["rating"] == Rating.FULLY else 0
        counts["moderated"] += entry["n"] if entry["moderated_rating"] == Rating.FULLY else 0
    report.moderation = [
        Moderation(
            standard,
            moderated[standard.pk]["all"],
            percent(moderated[standard.pk]["self"], moderated[standard.pk]["all"]),
            percent(moderated[standard.pk]["moderated"], moderated[standard.pk]["all"]),
        )
        for standard in standards
        if standard.pk in moderated
    ]
    if compare and cycle.previous_id:
        report.previous = compliance(cycle.previous, compare=False)
        last = {r.item.pk: r.fully for r in report.previous.standards}
        same = cycle.previous.framework_id == cycle.framework_id
        for standard_row in report.standards:
            standard_row.previous = last.get(continued(standard_row.item, same))
    return report


def continued(standard, same_framework):
    """The previous cycle's standard this one compares with: itself in the same framework; across
    versions, the one standard whose criteria its criteria continue (none if they came from several)."""
    if same_framework:
        return standard.pk
    earlier = {old.standard_id for c in standard.criteria.all() for old in c.replaces.all()}
    return earlier.pop() if len(earlier) == 1 else None


def report_rows(report):
    """The report as a table for CSV and XLSX: standards (with last year's figures), then criteria."""
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
    yield ["Responses", report.responses, "Fully met every standard", report.fully_compliant]

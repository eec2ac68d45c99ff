"""The annual report's Section 11 section, generated from the year's audit cycle as the seed's
section 18 reports it: the overall compliance table beside last year's, the returns by sector, and
the statutory partners' own summary (fully compliant on every standard, and per standard and
criterion how many fully, partially or not met), with the compliance report's small-number rule."""

from audits.compliance import (
    FEWER,
    by_sector,
    is_figure,
    percent_text,
    statutory_partners,
)
from audits.compliance import summary as compliance_summary
from audits.models import AuditCycle

from .content import table

RATING_HEAD = ["Fully met", "Partially met", "Not met", "Not applicable", "% fully met"]


def change_text(value):
    """As the seed prints changes: +1%, -2%, 0%."""
    return "" if value is None else f"{value:+d}%" if value else "0%"


def audit_cycle_of(section, report, reader):
    cycles = AuditCycle.objects.visible_to(reader).filter(boards=report.board)
    if section.audit_cycle_id:
        return cycles.filter(pk=section.audit_cycle_id).first()
    return (
        cycles.filter(closes__range=(report.period_start, report.period_end))
        .order_by("-closes")
        .first()
    )


def section_11(section, report, reader):
    cycle = audit_cycle_of(section, report, reader)
    if cycle is None:
        return {"paragraphs": ["No Section 11 audit closed in the year."]}
    # As at the year's end, or the cycle's close if later: returns submitted after it do not count.
    as_at = max(report.period_end, cycle.closes)
    result = compliance_summary(cycle, as_at=as_at)  # the overall table only
    previous = result.previous
    head = ["Standard", *([previous.cycle.name] if previous else []), cycle.name]
    head += ["Change"] if previous else []
    responses = ["Number of responses", *([previous.responses] if previous else [])]
    responses += [result.responses] + ([f"{result.response_change:+d}"] if previous else [])
    rows = [head, responses]
    bars = []
    for row in result.standards:
        values = [*([row.previous] if previous else []), row.fully]
        cells = [str(row.item), *(percent_text(v) for v in values)]
        rows.append(cells + ([change_text(row.change)] if previous else []))
        # a figure of fewer than 3 returns is not drawn (the table says "fewer than 3")
        drawn = [v if is_figure(v) else None for v in values]
        bars.append({"label": f"Standard {row.item.number}", "values": drawn})
    series = [*([previous.cycle.name] if previous else []), cycle.name]
    if not result.responses:  # a cycle still open, no return in yet
        headline = f"No agency has returned its self-assessment for {cycle.name} yet."
    else:
        headline = (
            f"{result.responses} agencies returned their self-assessment for {cycle.name}; "
            + (
                f"{result.fully_compliant} ({percent_text(result.fully_compliant_percent)}) "
                "fully met every standard."
                if is_figure(result.fully_compliant)
                else f"figures of {FEWER} returns are not shown."
            )
        )
    built = {
        "paragraphs": [headline, f"Returns submitted by {as_at:%-d %B %Y} are counted."],
        "tables": [table(f"Overall compliance: {' v '.join(series)}", rows)],
        "chart": {"title": "Standards fully met, per cent", "series": series, "bars": bars},
    }
    if result.responses:
        sectors(built, cycle, as_at, result.responses)
        statutory(built, cycle, as_at)
    return built


def sectors(built, cycle, as_at, responses):
    """The returns by sector (the seed: "205 submissions from schools and 47 from GPs")."""
    groups = by_sector(cycle, as_at)
    counted = "; ".join(f"{g.group} {g.returns}" for g in groups)
    built["paragraphs"].append(f"Returns by sector: {counted}.")
    rows = [["Sector", "Returns", "Agencies' sectors"]]
    rows += [[g.group, g.returns, ", ".join(g.sectors)] for g in groups]
    rows.append(["All returns", responses, ""])
    built["tables"].append(table("Returns by sector", rows))


def statutory(built, cycle, as_at):
    """The statutory partners' summary: how many fully met every standard, then their ratings by
    standard and by criterion. Fewer than 3 statutory partners' returns: no figure is shown."""
    report = statutory_partners(cycle, as_at)
    if not report.responses:
        return
    if not is_figure(report.fully_compliant):
        built["paragraphs"].append(
            f"Statutory partners: {FEWER} returns, so their figures are not shown."
        )
        return
    share = percent_text(report.fully_compliant_percent)
    built["paragraphs"].append(
        f"{report.responses} returns came from statutory partners; {report.fully_compliant} of "
        f"{report.responses} ({share}) fully met every standard."
    )
    by_standard = [["Standard", *RATING_HEAD]]
    by_standard.append(["Every standard", report.fully_compliant, "", "", "", share])
    by_standard += [rating_cells(str(r.item), r) for r in report.standards]
    by_criterion = [["Criterion", *RATING_HEAD]]
    by_criterion += [
        rating_cells(f"{r.item.standard.number}.{r.item.number} {r.item.text}", r)
        for r in report.criteria
    ]
    built["tables"] += [
        table("Statutory partners: ratings by standard", by_standard),
        table("Statutory partners: ratings by criterion", by_criterion),
    ]


def rating_cells(label, row):
    return [label, *row.counts.values(), percent_text(row.fully)]

"""The annual report's content, built from live data: one dict of plain values (paragraphs, tables,
charts) that the HTML, PDF and XLSX outputs all draw, and that publishing stores as it stands."""

from collections import Counter
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from actions.importing import export_rows
from actions.models import Action, Plan, PlanKind
from core.rag import DONE, ORDER, Rag, is_done
from notifications.models import Event
from notifications.notifying import notify
from notifications.recipients import members_of
from performance.models import Status, Trend
from performance.rating import SCORECARD_COLUMNS, rate_at
from subgroups.models import Subgroup

from . import budget_section, dataset_section, outline, recipients, training_section
from .case_reviews_section import NOT_SHOWN_REVIEWS, case_reviews  # noqa: F401 (re-exported)
from .content import paragraphs, table
from .membership_section import membership
from .models import Publication, Section, SectionKind
from .quality_section import quality_audits
from .section_11_section import section_11
from .survey_section import practitioner_survey

# Generated sections --------------------------------------------------------------------------


def subgroups(section, report, reader):
    groups = (
        Subgroup.objects.filter(board=report.board)
        .filter(Q(established__isnull=True) | Q(established__lte=report.period_end))
        .filter(Q(closed__isnull=True) | Q(closed__gte=report.period_start))
        .select_related("chair_agency")
        .prefetch_related("responsibilities")
        .order_by("name")
    )
    tables = []
    for group in groups:
        chair = group.chair_note or (group.chair_agency.name if group.chair_agency else "")
        caption = f"{group.name}" + (f" (chair: {chair})" if chair else "")
        rows = [[r.number, r.text] for r in group.responsibilities.all()]
        tables.append(table(caption, [["", "Responsibility"], *rows]))
    return {"paragraphs": [f"{len(tables)} groups did the board's work."], "tables": tables}


def performance(section, report, reader):
    """The scorecard as at the year's end, in the seed's columns: each indicator's latest figure on
    or before the period end (a figure dated after it is ignored; one dated earlier is named)."""
    indicators = report.board.indicators.filter(on_scorecard=True, status=Status.ACTIVE)
    as_at = report.period_end
    rows = sorted(rate_at(indicators, as_at), key=lambda row: row.indicator.code_sort)
    if all(row.measurement is None for row in rows):
        return {"paragraphs": ["No indicator has a figure for the year."]}
    counts = Counter(row.rag for row in rows)
    summary = ", ".join(f"{counts[r]} {r.label.lower()}" for r in ORDER if counts[r] and r)
    trends = Counter(row.trend for row in rows)
    impact = ", ".join(f"{trends[t]} {t.label.lower()}" for t in Trend if t and trends[t])
    earlier = [
        f"{row.indicator.code} ({row.figure_date:%-d %B %Y})" for row in rows if row.dated_earlier
    ]
    return {
        "paragraphs": [
            f"{len(rows)} indicators at {as_at:%-d %B %Y}: {summary}"
            + (f", {counts[Rag.NOT_RATED]} without a target." if counts[Rag.NOT_RATED] else "."),
            f"Against the year before: {impact}." if impact else "",
            f"Figures as at {as_at:%-d %B %Y}: each indicator's latest on or before it; "
            f"{len(earlier)} dated earlier: {', '.join(earlier)}."
            if earlier
            else "",
        ],
        "tables": [
            table(
                f"Key performance indicators at {as_at:%-d %B %Y}",
                [
                    SCORECARD_COLUMNS,
                    *(
                        [
                            row.indicator.code,
                            row.indicator.description,
                            row.value_text,
                            row.rag.label if row.rag else "No RAG",
                            row.trend.label if row.trend else "",
                            row.indicator.get_polarity_display(),
                            row.target_text,
                        ]
                        for row in rows
                    ),
                ],
            )
        ],
    }


def plan_of(section, report, reader):
    plans = Plan.objects.visible_to(reader).filter(board=report.board)
    if section.plan_id:
        return plans.filter(pk=section.plan_id).first()
    # The business plan running in the year: updated in a cycle that opened by the year's end.
    return (
        plans.filter(kind=PlanKind.BUSINESS)
        .filter(Q(closed__isnull=True) | Q(closed__gte=report.period_start))
        .filter(cycles__opens__lte=report.period_end)
        .distinct()
        .order_by("-pk")
        .first()
    )


def year_end_round(plan, report):
    """The plan's update round at the year's end (the latest-deadline cycle opened by the period
    end) and the date the section's figures are as at: that round's deadline, whose updates are
    often made after the year ends, or the period end if later."""
    cycle = plan.current_cycle(today=report.period_end)
    return cycle, max(report.period_end, cycle.deadline) if cycle else report.period_end


def rag_counts(actions, as_at):
    """{RAG: how many of `actions` had it as at `as_at`} (those that existed then), in one query."""
    return dict(actions.as_at(as_at).values_list("rag_then").annotate(n=Count("pk")).order_by())


def a_year_before(day):
    """The same day a year earlier (29 February: the 28th)."""
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


def year_before(plan, report, counted, as_at):
    """The plan's counts by RAG at the year-end round of the year before, with that round and date;
    None if the plan had no actions then (its first year)."""
    earlier = SimpleNamespace(period_end=a_year_before(report.period_end))
    cycle, then = year_end_round(plan, earlier)
    counts = rag_counts(counted, then) if then < as_at else {}
    return (cycle, then, counts) if counts else None


def compared(before, counts, as_at):
    """The table of actions by RAG, the year before's round beside this year's."""
    _, then, earlier = before
    head = ["RAG", f"As at {then:%-d %B %Y}", f"As at {as_at:%-d %B %Y}", "Change"]
    rows = [
        [
            rag.label,
            earlier.get(rag, 0),
            counts.get(rag, 0),
            f"{counts.get(rag, 0) - earlier.get(rag, 0):+d}",
        ]
        for rag in ORDER
    ]
    total = ["All actions", sum(earlier.values()), sum(counts.values())]
    rows.append([*total, f"{total[2] - total[1]:+d}"])
    return table("Actions by RAG, against the year before", [head, *rows])


def business_plan(section, report, reader):
    """The plan as it stood at the year's end: its actions then, each with its update and RAG as at
    that date, under the year-end round's name; later updates and actions are not in it. From the
    plan's second year, its counts by RAG beside those at the year before's round."""
    plan = plan_of(section, report, reader)
    if plan is None:
        return {"paragraphs": ["No business plan was updated in the year."]}
    cycle, as_at = year_end_round(plan, report)
    heading = cycle.name if cycle else f"{as_at:%B %Y}"
    # What the reader may read is listed; agencies' own improvement actions are counted, never
    # listed: only their agency reads them.
    actions = Action.objects.visible_to(reader).filter(plan=plan)
    listed = actions.of_no_agency().as_at(as_at).for_export(updates=False)
    rows = list(export_rows(listed, heading, as_at=True))
    counted = actions | plan.actions.of_agencies()
    counts = rag_counts(counted, as_at)
    total = sum(counts.values())
    done = sum(counts.get(r, 0) for r in DONE)
    others = ", ".join(f"{counts.get(r, 0)} {r.label.lower()}" for r in ORDER if not is_done(r))
    date = f"{as_at:%-d %B %Y}"
    paragraphs = [
        f"As at {date}, of the {total} actions of {plan.name}, {done} are complete ({others})."
    ]
    own = (
        plan.actions.of_agencies()
        .as_at(as_at)
        .aggregate(n=Count("pk"), done=Count("pk", filter=Q(rag_then__in=DONE)))
    )
    if own["n"]:
        paragraphs.append(
            f"{own['n']} of them are agencies' own improvement actions ({own['done']} complete), "
            "counted here but not listed."
        )
    tables = [table(f"{plan.name}: update on delivery of actions as at {date}", rows)]
    before = year_before(plan, report, counted, as_at)
    if before:
        earlier_cycle, then, earlier = before
        paragraphs.append(
            f"A year earlier, as at {then:%-d %B %Y}"
            + (f" ({earlier_cycle.name})" if earlier_cycle else "")
            + f", {sum(earlier.values())} actions, {sum(earlier.get(r, 0) for r in DONE)} complete."
        )
        tables.insert(0, compared(before, counts, as_at))
    return {"paragraphs": paragraphs, "tables": tables}


def on_a_page(section, report, built, sections=()):
    """The headline figures of the other generated sections, on one page, and the headline
    statistics of the datasets they draw on (`dataset_section.on_a_page`)."""
    figures = [["Section", "The year in a sentence"]]
    figures += [[other["title"], other["summary"]] for other in built if other.get("summary")]
    statistics = dataset_section.on_a_page(report, sections)
    return {"tables": [table("The year on a page", figures), *([statistics] if statistics else [])]}


BUILDERS = {
    SectionKind.MEMBERSHIP: membership,
    SectionKind.SUBGROUPS: subgroups,
    SectionKind.PERFORMANCE: performance,
    SectionKind.SECTION_11: section_11,
    SectionKind.CASE_REVIEWS: case_reviews,
    SectionKind.BUSINESS_PLAN: business_plan,
    SectionKind.QUALITY_AUDITS: quality_audits,
    SectionKind.TRAINING: training_section.build,
    SectionKind.PRACTITIONER_SURVEY: practitioner_survey,
    SectionKind.DATASET: dataset_section.build,
    SectionKind.BUDGET: budget_section.contributions,
    SectionKind.BUDGET_SPEND: budget_section.spend,
}


def build(report, reader):
    """The report as it stands now, as `reader` may see it: a generated section draws only on the
    records the reader may read (an agency lead who may not read case reviews sees none of them)."""
    built = []
    sections = list(
        report.sections.select_related("plan", "audit_cycle", "dataset").order_by("number")
    )
    for section in sections:
        entry = {
            "number": section.number,
            "title": section.title,
            "kind": section.kind,
            "paragraphs": paragraphs(section.body),
            "tables": [],
        }
        if section.kind == SectionKind.TABLE and section.table:
            entry["tables"].append(table(section.title, section.table))
        builder = BUILDERS.get(section.kind)
        if builder:
            generated = builder(section, report, reader)
            entry["paragraphs"] += [p for p in generated.get("paragraphs", []) if p]
            entry["summary"] = next(iter(generated.get("paragraphs", [])), "")
            entry["tables"] += generated.get("tables", [])
            entry["chart"] = generated.get("chart")
        built.append(entry)
    for entry, section in zip(built, sections, strict=True):
        if section.kind == SectionKind.ON_A_PAGE:
            entry["tables"] += on_a_page(section, report, built, sections)["tables"]
    return {
        "title": report.title,
        "board": report.board.name,
        "kind": report.kind.label,
        "period": f"{report.period_start:%-d %B %Y} to {report.period_end:%-d %B %Y}",
        "generated": timezone.now().isoformat(timespec="minutes"),
        "sections": built,
    }


@transaction.atomic
def publish(report, user, reasons=()):
    """Freeze the report as it stands into the next numbered version: the board's public record,
    readable by all the board's readers, built from what the publishing office staff may see.
    `reasons`: why each required section left empty is missing (reports/outline.py); each of the
    board's recipients gets a row to record when it was sent (reports/recipients.py)."""
    last = report.publications.select_for_update().order_by("-version").first()
    publication = Publication.objects.create(
        report=report,
        version=(last.version + 1) if last else 1,
        published_by=user,
        content=build(report, user),
        missing_reasons=list(reasons),
    )
    recipients.record_dispatches(publication, user)
    notify(
        members_of([report.board]),
        Event.REPORT_PUBLISHED,
        f"{report.board.short_name}: {report.title} published (version {publication.version})",
        f"{report.title} of {report.board.name} has been published as version "
        f"{publication.version}. This version will not change.",
        publication.get_absolute_url(),
        actor=user,
    )
    return publication


# A new report starts from the outline of a typical board's annual report (the seed's sections).
OUTLINE = [
    ("Foreword", SectionKind.NARRATIVE),
    ("Introduction", SectionKind.NARRATIVE),
    ("Who are members of the board", SectionKind.MEMBERSHIP),
    ("Budget", SectionKind.TABLE),
    ("Training", SectionKind.TRAINING),
    ("Allegations against people who work with children (LADO)", SectionKind.TABLE),
    ("Learning from child deaths", SectionKind.TABLE),
    ("Subgroups", SectionKind.SUBGROUPS),
    ("Key performance indicators", SectionKind.PERFORMANCE),
    ("Safeguarding (Section 11) audit", SectionKind.SECTION_11),
    ("Multi-agency quality audits", SectionKind.QUALITY_AUDITS),
    ("Learning from case reviews", SectionKind.CASE_REVIEWS),
    ("Business plan update", SectionKind.BUSINESS_PLAN),
    ("Annual report on a page", SectionKind.ON_A_PAGE),
]


def start(report, user):
    """Give a new report the standard outline, to rename, reorder, fill in or delete, then an empty
    section for each section the law or guidance requires of the board's kind that the standard
    outline does not generate (reports/outline.py), for the office (or the scrutineer) to write."""
    sections = []
    for title, kind in OUTLINE:
        section = Section(report=report, title=title, kind=kind)
        if kind == SectionKind.TABLE:
            section.table = [["Item", report.title]]
        sections.append(section)
    required = [
        Section(
            report=report,
            title=item.title,
            kind=item.requirement["written"][0],
            requirement=item.key,
        )
        for item in outline.missing_of(report, sections)
    ]
    sections[-1:-1] = required  # before the report on a page, which stays last
    for number, section in enumerate(sections, start=1):
        section.number = number
    for section in sections:
        section._history_user = user
        section.save()

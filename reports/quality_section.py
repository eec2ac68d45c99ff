"""The annual report's multi-agency quality audits section (the seed's section 13): the audits the
board's groups reported in the year, their cases and gradings, their key findings, and how far the
actions from their recommendations had got, all as at the report's period end."""

from collections import Counter

from actions.models import Action
from audits.quality import CaseType, FindingKind, Grading, QualityAudit
from core.rag import DONE


def action_progress(audits, as_at):
    """{plan id: (complete, all)} of the audits' action plans as at `as_at`: one query."""
    plans = [a.plan_id for a in audits if a.plan_id]
    rows = Action.objects.filter(plan__in=plans).as_at(as_at).values_list("plan_id", "rag_then")
    total, done = Counter(), Counter()
    for plan, rag in rows:
        total[plan] += 1
        done[plan] += rag in DONE
    return {plan: (done[plan], total[plan]) for plan in total}


def counted(n, word, plural=None):
    return f"{n} {word if n == 1 else plural or word + 's'}"


def quality_audits(section, report, reader):
    from .annual import table  # annual.py lists this builder: imported when it runs

    audits = list(
        QualityAudit.objects.visible_to(reader)
        .filter(board=report.board)
        .reported_between(report.period_start, report.period_end)
        .select_related("group")
        .prefetch_related("findings")
        .order_by("report_date", "theme")
    )
    if not audits:
        return {"paragraphs": ["No multi-agency quality audit was reported in the year."]}
    as_at = report.period_end
    progress = action_progress(audits, as_at)
    date = f"{as_at:%-d %B %Y}"
    findings = Counter(f.kind for a in audits for f in a.findings.all())
    done = sum(d for d, _ in progress.values())
    total = sum(t for _, t in progress.values())
    summary = (
        f"{counted(len(audits), 'multi-agency audit')} reported in the year, of "
        f"{counted(sum(a.cases for a in audits), 'case')}, found "
        f"{counted(findings[FindingKind.STRENGTH], 'strength')} and "
        f"{counted(findings[FindingKind.IMPROVEMENT], 'area', 'areas')} for improvement"
        + (
            f"; as at {date}, {done} of the {counted(total, 'action')} from their "
            "recommendations complete."
            if total
            else "."
        )
    )
    reported = [
        ["Audit", "Run by", "Reported", *(t.label for t in CaseType), "All cases"]
        + ["Child's voice gathered", f"Actions complete as at {date}"],
        *(
            [
                a.theme,
                a.group.name,
                f"{a.report_date:%-d %B %Y}" + (f", {a.reported_to}" if a.reported_to else ""),
                *(n for _, n in a.case_counts()),
                a.cases,
                a.get_child_voice_display() or "Not recorded",
                "{} of {}".format(*progress[a.plan_id]) if a.plan_id in progress else "None",
            ]
            for a in audits
        ),
    ]
    graded = [a for a in audits if a.graded]
    tables = [table("Multi-agency audits reported in the year", reported)]
    if graded:
        gradings = [
            ["Audit", *(g.label for g in Grading), "Not graded"],
            *([a.theme, *(n for _, n in a.grading_counts()), a.not_graded] for a in graded),
        ]
        tables.append(table("Cases by overall grading", gradings))
    for audit in audits:
        rows = [
            [f.get_kind_display(), f.text]
            for kind in (FindingKind.STRENGTH, FindingKind.IMPROVEMENT)
            for f in audit.findings.all()
            if f.kind == kind
        ]
        if rows:
            tables.append(
                table(f"Key themes from the {audit.theme} audit", [["", "Finding"], *rows])
            )
    return {"paragraphs": [summary], "tables": tables}

"""Loads the multi-agency quality audits of 2016-17 (the seed's sections 13 and 16): the three locality
QAGs' themed audits and the domestic abuse deep dive, with their findings tagged with the board's
learning themes. The data and every transcription decision are in data/quality_audits_2016_17.toml.
Run after reviews.load (which makes the learning themes). Idempotent: an audit is created only when
the board has none with its theme."""

import tomllib
from pathlib import Path

from audits.models import Finding, QualityAudit

DATA = Path(__file__).parent / "data" / "quality_audits_2016_17.toml"


def load(board, author, stdout):
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    groups = {g.short_name: g for g in board.subgroups.all()}
    themes = {t.name: t for t in board.learning_themes.all()}
    created = 0
    for row in data["audits"]:
        if QualityAudit.objects.filter(board=board, theme=row["theme"]).exists():
            continue
        audit = QualityAudit(
            board=board,
            theme=row["theme"],
            group=groups[row["group"]],
            reason=row["reason"],
            reason_note=row["reason_note"],
            planned_month=row["planned_month"],
            status=row["status"],
            child_voice=row["child_voice"],
            report_date=row["report_date"],
            reported_to=row["reported_to"],
            **{f"cases_{k}": n for k, n in row.get("cases", {}).items()},
            **{
                (k if k == "not_graded" else f"graded_{k}"): n
                for k, n in row.get("gradings", {}).items()
            },
        )
        audit._history_user = author
        audit.save()
        for item in row["findings"]:
            finding = Finding(audit=audit, kind=item["kind"], text=item["text"])
            finding._history_user = author
            finding.save()
            finding.themes.set(themes[name] for name in item["themes"])
        created += 1
    stdout.write(f"Quality audits: {created} added ({len(data['audits'])} in the demo).")

"""Loads the demo's annual reports: 2016-17 (data/annual_report_2016_17.toml, whose header records the
transcription decisions), its narrative and table sections and the generated sections that draw on
the live records; and an illustrative draft of 2017-18 (data/annual_report_2017_18.toml, made up, not
transcribed), whose generated sections compare with 2016-17. Idempotent: an existing report is left
as it is."""

import tomllib
from pathlib import Path

from reports.models import AnnualReport, Section

DATA = Path(__file__).parent / "data"
REPORTS = [DATA / "annual_report_2016_17.toml", DATA / "annual_report_2017_18.toml"]


def load(board, author, stdout):
    return [load_one(board, path, author, stdout) for path in REPORTS]


def load_one(board, path, author, stdout):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    report, created = AnnualReport.objects.get_or_create(
        board=board,
        title=data["title"],
        defaults={"period_start": data["period_start"], "period_end": data["period_end"]},
    )
    if created:
        for spec in data["sections"]:
            section = Section(
                report=report,
                number=spec["number"],
                title=spec["title"],
                kind=spec["kind"],
                body=spec.get("body", "").strip(),
                table=spec.get("table", []),
                dataset=dataset_of(board, spec),
            )
            section._history_user = author
            section.save()
    illustrative = " (illustrative draft)" if data.get("illustrative") else ""
    stdout.write(f"{report}{illustrative}: {report.sections.count()} sections.")
    return report


def dataset_of(board, spec):
    """The board's dataset a section names: `dataset_name`, or the library's `dataset` (the first
    added of that key)."""
    if "dataset_name" in spec:
        return board.datasets.filter(name=spec["dataset_name"]).first()
    if "dataset" in spec:
        return board.datasets.filter(library_key=spec["dataset"]).order_by("pk").first()
    return None

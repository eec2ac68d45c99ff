"""Imports under load: `python bench/imports.py` (also run by `python bench/run.py --imports`).

Builds legitimate and hostile import files, then reads and validates each in a fresh Python process
(the upload field's checks, core/spreadsheets.py read_table and the import's parse against the demo
board, as the import pages do: nothing is written) and reports the wall time and the memory:
peak resident set size of the process over its size before reading (getrusage maxrss), and the peak of
Python allocations (tracemalloc, in a second run, as tracing slows the reading). Targets: a 5,000-row
import under 5 s and 200 MB; a hostile file refused under 2 s. With --write it adds the table to
bench/results.md. The demo is loaded once into a SQLite database of its own (--db).
"""

import argparse
import io
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results.md"
LEGITIMATE_SECONDS, LEGITIMATE_MB, HOSTILE_SECONDS = 5, 200, 2
DEFAULT_DB = str(Path(tempfile.gettempdir()) / "lscb-bench-imports.sqlite3")

PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
}
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def handmade_xlsx(rows_xml, dimension=None, shared_strings=()):
    """An .xlsx written by hand, as a hostile one would be: `rows_xml` is an iterable of the sheet's
    <row> markup (bytes or str, streamed into the archive), `dimension` the size it declares."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        strings = "".join(f"<si><t>{s}</t></si>" for s in shared_strings)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{strings}</sst>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            declared = f'<dimension ref="{dimension}"/>' if dimension else ""
            sheet.write(f'<worksheet xmlns="{MAIN}">{declared}<sheetData>'.encode())
            for chunk in rows_xml:
                sheet.write(chunk.encode() if isinstance(chunk, str) else chunk)
            sheet.write(b"</sheetData></worksheet>")
    return stream.getvalue()


def inline_row(number, values):
    cells = "".join(
        f'<c r="{column}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
        for column, value in values
    )
    return f'<row r="{number}">{cells}</row>'


def declared_columns_xlsx(rows=4000):
    """Declares A1:XFD<rows> (16,384 columns); holds one short value per row."""
    return handmade_xlsx((inline_row(n, [("A", "x")]) for n in range(1, rows + 1)), f"A1:XFD{rows}")


def far_column_xlsx(rows=4000):
    """Like declared_columns_xlsx, with a value in column XFD of every row."""
    return handmade_xlsx(
        (inline_row(n, [("A", "x"), ("XFD", "y")]) for n in range(1, rows + 1)), f"A1:XFD{rows}"
    )


def zip_bomb_xlsx(megabytes=90):
    """A sheet of `megabytes` of rows without row numbers (each the next row), one number each,
    that compresses about 500 to 1: it passes the unpacked-size check."""
    row = b"<row><c><v>1</v></c></row>"
    chunk = row * (1024 * 1024 // len(row))
    return handmade_xlsx(chunk for _ in range(megabytes))


def blank_lines_csv(megabytes=5):
    header = b"Theme,Ref,Action,Who,When,What we are trying to achieve,April 2017 updates,RAG\n"
    return header + b"\n" * (megabytes * 1024 * 1024 - len(header) - 1)


# Legitimate files, from the demo board


def plan_rows(groups, count=5000):
    yield ["Theme", "Ref", "Action", "Who", "When", "What we are trying to achieve"] + [
        "April 2017 updates",
        "RAG",
    ]
    for i in range(count):
        theme = i // 500 + 1
        yield [
            f"{theme}. Theme {theme}",
            f"{theme}.{i + 1}",
            f"Review the multi-agency arrangements for area {i} and report to the board",
            groups[i % len(groups)],
            "Jul-17",
            "Partners are clear about their roles and children are safer",
            "On track: the first meetings are booked",
            "RAGC"[i % 4],
        ]


def figure_rows(codes, count=5000):
    yield ["Code", "Period end", "Value", "Note"]
    end = date(2017, 3, 31)
    for i in range(count):
        day = end - timedelta(days=i // len(codes))
        yield [codes[i % len(codes)], f"{day:%d/%m/%Y}", f"{i % 97}.5", "Quarterly return"]


def as_csv(rows):
    import csv

    stream = io.StringIO()
    csv.writer(stream).writerows(rows)
    return stream.getvalue().encode()


def as_xlsx(rows):
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sheet")
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


# Cases: (name, import, file name, what the reading must end in)
CASES = [
    ("5,000-row plan (CSV)", "plan", "plan.csv", "accepted"),
    ("5,000-row plan (XLSX)", "plan", "plan.xlsx", "accepted"),
    ("5,000 figures (CSV)", "figures", "figures.csv", "accepted"),
    ("5,000 figures (XLSX)", "figures", "figures.xlsx", "accepted"),
    ("XLSX declaring 16,384 columns, 4,000 rows", "plan", "declared.xlsx", "hostile"),
    ("XLSX with a value in column XFD, 4,000 rows", "plan", "far-column.xlsx", "hostile"),
    ("5 MB of blank CSV lines", "plan", "blank.csv", "hostile"),
    ("Zip bomb: 90 MB of rows in a small XLSX", "plan", "bomb.xlsx", "hostile"),
]


def setup_django(db):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")
    import django

    django.setup()


def demo_board():
    from boards.models import Board

    return Board.objects.filter(indicators__isnull=False).order_by("pk").first()


def build(directory, db):
    """Loads the demo once, then writes every case's file into `directory`."""
    if not Path(db).exists():
        environment = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
        for command in (["migrate", "-v0"], ["loaddemo"]):
            subprocess.run(  # noqa: S603 - our own interpreter and manage.py
                [PYTHON, "manage.py", *command],
                cwd=ROOT,
                env=environment,
                check=True,
                stdout=subprocess.DEVNULL,
            )
    setup_django(db)
    board = demo_board()
    groups = sorted(group.name for group in board.subgroups.all())
    codes = sorted(indicator.code for indicator in board.indicators.all())
    files = {
        "plan.csv": as_csv(plan_rows(groups)),
        "plan.xlsx": as_xlsx(plan_rows(groups)),
        "figures.csv": as_csv(figure_rows(codes)),
        "figures.xlsx": as_xlsx(figure_rows(codes)),
        "declared.xlsx": declared_columns_xlsx(),
        "far-column.xlsx": far_column_xlsx(),
        "blank.csv": blank_lines_csv(),
        "bomb.xlsx": zip_bomb_xlsx(),
    }
    for name, content in files.items():
        (Path(directory) / name).write_bytes(content)
    return {name: len(content) for name, content in files.items()}


def measure(db, kind, path, trace):
    """In a fresh process: check, read and validate one file; prints the result as JSON."""
    setup_django(db)
    import tracemalloc

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.forms import ValidationError

    from actions.importing import parse as parse_plan
    from core.spreadsheets import TableRefused, read_table
    from core.uploads import SpreadsheetField
    from performance.importing import parse as parse_figures

    board = demo_board()
    list(board.subgroups.all()), list(board.indicators.all())  # warm the connection
    content = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    try:
        upload = SpreadsheetField().clean(SimpleUploadedFile(Path(path).name, content))
        table = read_table(upload.name, upload.read(), "actions" if kind == "plan" else "figures")
        if kind == "plan":
            errors = parse_plan(table, board).errors
        else:
            errors = parse_figures(table, board)[1]
        outcome = "accepted" if not errors else f"row {errors[0][0]}: {errors[0][1]}"
    except ValidationError as error:
        outcome = f"refused by the upload check: {error.messages[0]}"
    except TableRefused as refused:
        outcome = f"refused at row {refused.errors[0][0]:,}: {refused.errors[0][1]}"
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if trace else None
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "rss_mb": after / 1024,
                "growth_mb": (after - before) / 1024,
                "traced_mb": peak / 1024 / 1024 if trace else None,
                "outcome": outcome,
            }
        )
    )


def run_case(db, kind, path, trace=False):
    command = [PYTHON, __file__, "--measure", kind, str(path), "--db", str(db)]
    if trace:
        command.append("--trace")
    done = subprocess.run(  # noqa: S603 - this script, in a fresh interpreter
        command, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(db, write):
    lines = [
        "| file | bytes | outcome | seconds | peak RSS MB (growth) | peak Python allocations MB "
        "| target |",
        "|---|--:|---|--:|--:|--:|---|",
    ]
    failed = []
    with tempfile.TemporaryDirectory() as directory:
        sizes = build(directory, db)
        for label, kind, name, expected in CASES:
            timed = run_case(db, kind, Path(directory) / name)
            traced = run_case(db, kind, Path(directory) / name, trace=True)
            if expected == "accepted":
                target = f"accepted, < {LEGITIMATE_SECONDS} s, < {LEGITIMATE_MB} MB"
                met = (
                    timed["outcome"] == "accepted"
                    and timed["seconds"] < LEGITIMATE_SECONDS
                    and timed["growth_mb"] < LEGITIMATE_MB
                    and traced["traced_mb"] < LEGITIMATE_MB
                )
            else:
                target = f"refused, < {HOSTILE_SECONDS} s"
                met = timed["outcome"] != "accepted" and timed["seconds"] < HOSTILE_SECONDS
            if not met:
                failed.append(label)
            lines.append(
                f"| {label} | {sizes[name]:,} | {timed['outcome']} | {timed['seconds']:.2f} "
                f"| {timed['rss_mb']:.0f} ({timed['growth_mb']:.0f}) | {traced['traced_mb']:.0f} "
                f"| {target}: {'met' if met else 'MISSED'} |"
            )
    table = "\n".join(lines)
    print(table)
    if write:
        record(table)
    if failed:
        print("Targets missed:", ", ".join(failed))
    return not failed


def record(table):
    """Replaces the imports section of bench/results.md (or adds it)."""
    heading = "## Imports"
    machine = (
        f"{os.cpu_count()} CPUs, {platform.machine()}, Linux {platform.release()}; "
        f"Python {platform.python_version()}"
    )
    section = (
        f"{heading}\n\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, `python bench/imports.py --write`: "
        "each file checked, read and validated against the demo board in a fresh process "
        f"(nothing written). Machine: {machine}.\n\n{table}\n"
    )
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if heading in text:
        before, rest = text.split(heading, 1)
        after = rest.split("\n## ", 1)
        text = before + section + ("\n## " + after[1] if len(after) > 1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    RESULTS.write_text(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", default=str(Path(tempfile.gettempdir()) / "lscb-bench-imports.sqlite3")
    )
    parser.add_argument("--write", action="store_true", help="record the table in bench/results.md")
    parser.add_argument("--measure", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.measure:
        measure(arguments.db, *arguments.measure, arguments.trace)
        return 0
    return 0 if run(arguments.db, arguments.write) else 1


if __name__ == "__main__":
    sys.exit(main())

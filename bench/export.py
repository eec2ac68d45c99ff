"""A national-scale board's whole record as open data: `python bench/export.py --factor 105`.

Uses the benchmark's PostgreSQL database of that factor (bench/run.py's `load`: the demo and
`seed_scale --factor N`, kept between runs), and writes one board's data package (opendata/exporting.py)
in a fresh Python process, twice: once timed, with the peak resident set size of the process over its
size before the export (getrusage maxrss), and once under tracemalloc for the peak of Python
allocations (tracing slows it). On PostgreSQL the database writes the CSV of most tables
(opendata/copying.py); `--python` measures the Python path too (`exporting.write(copy=False)`),
as it was before, in a row of its own. The board is a synthetic one ("SSP 001"), whose Section 11 cycles
are the national ones, shared by every synthetic board: at factor 105 they hold more than 50,000
returns, all in its package; at factor 1, the demo board. Targets (issue #20): under a minute, and
memory that does not grow with the board (under 200 MB). `--write` adds the table to
bench/results.md; `--database-url URL` measures that database as it is (nothing loaded).
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results.md"
SECONDS, MB = 60, 200
BOARDS = ("SSP 001", "Cumbria LSCB")  # the first there is


def measure(trace, python):
    """In the child process: export the board, answer the measurements as JSON."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")
    django.setup()
    from boards.models import Board
    from opendata import exporting

    board = next(b for name in BOARDS if (b := Board.objects.filter(short_name=name).first()))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if trace:
        tracemalloc.start()
    started = time.monotonic()
    with tempfile.TemporaryFile() as out:
        counts = exporting.write(board, out, copy=not python)
        size = out.tell()
    seconds = time.monotonic() - started
    traced = tracemalloc.get_traced_memory()[1] / 2**20 if trace else 0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "board": board.short_name,
        "rows": sum(counts.values()),
        "biggest": sorted(counts.items(), key=lambda c: -c[1])[:3],
        "bytes": size,
        "seconds": seconds,
        "rss_mb": rss,
        "growth_mb": rss - before,
        "traced_mb": traced,
    }


def child(url, trace, python=False):
    from bench.run import env_for

    command = [sys.executable, __file__, "--measure"] + (["--trace"] if trace else [])
    command += ["--python"] if python else []
    done = subprocess.run(  # noqa: S603 - this script, in a fresh interpreter
        command, cwd=ROOT, env=env_for(url), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def row(url, factor, python):
    """One path measured: answers its table row and whether it met the targets."""
    timed, traced = child(url, False, python), child(url, True, python)
    met = timed["seconds"] < SECONDS and timed["growth_mb"] < MB and traced["traced_mb"] < MB
    biggest = ", ".join(f"{name} {count:,}" for name, count in timed["biggest"])
    path = "Python (csv module)" if python else "database (COPY on PostgreSQL)"
    return (
        f"| {factor} | {timed['board']} | {path} | {timed['rows']:,} ({biggest}) "
        f"| {timed['bytes']:,} | {timed['seconds']:.1f} | {timed['rows'] / timed['seconds']:,.0f} "
        f"| {timed['rss_mb']:.0f} ({timed['growth_mb']:.0f}) | {traced['traced_mb']:.0f} "
        f"| < {SECONDS} s, < {MB} MB: {'met' if met else 'MISSED'} |"
    ), met


def run(url, factor, write, python):
    rows = [row(url, factor, False)] + ([row(url, factor, True)] if python else [])
    table = "\n".join(
        [
            "| factor | board | CSV written by | rows (biggest tables) | zip bytes | seconds "
            "| rows a second | peak RSS MB (growth) | peak Python allocations MB | target |",
            "|--:|---|---|--:|--:|--:|--:|--:|--:|---|",
            *[text for text, _ in rows],
        ]
    )
    print(table)
    if write:
        record(table, factor, python)
    return rows[0][1]  # the export as it runs


def record(table, factor, python):
    """Replaces the export section of bench/results.md (or adds it)."""
    heading = "## Export"
    load = os.getloadavg()[0]
    busy = " (more than the CPUs: other work shared them, and the times are inflated)"
    machine = (
        f"{os.cpu_count()} CPUs, {platform.machine()}, Linux {platform.release()}; "
        f"Python {platform.python_version()}; load average {load:.1f} at the end"
        f"{busy if load > (os.cpu_count() or 1) else ''}"
    )
    section = (
        f"{heading}\n\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, `python bench/export.py --factor "
        f"{factor}{' --python' if python else ''} --write`: one board's data package written in a "
        "fresh process. "
        f"Machine: {machine}.\n\n{table}\n"
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
    parser.add_argument("--factor", type=int, default=105)
    parser.add_argument("--database-url", help="measure this database as it is")
    parser.add_argument(
        "--base-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="the PostgreSQL server (the database name is replaced by lscb_bench_<factor>)",
    )
    parser.add_argument("--reload", action="store_true", help="load the factor's database again")
    parser.add_argument("--write", action="store_true", help="add the table to bench/results.md")
    parser.add_argument("--python", action="store_true", help="measure the Python path too")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.trace, args.python)))
        return
    from bench.run import load

    url = args.database_url or load(args.base_url, args.factor, args.reload)
    sys.exit(0 if run(url, args.factor, args.write, args.python) else 1)


if __name__ == "__main__":
    main()

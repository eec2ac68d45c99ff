"""The benchmark: `python bench/run.py --factor 1 --factor 105` (or `make bench`).

For each factor it loads a PostgreSQL database with the demo and `seed_scale --factor N` (kept for the
next run; --reload loads it again) and serves it with its own gunicorn, DEBUG off; all factors are
served at once. It measures each key page as the person who uses it, beside the floor (/healthz) and
the Django admin changelist of the same records:
- server time (median and p95 of sequential requests, from the Server-Timing header) and queries per
  request (X-Query-Count), both added by bench/middleware.py, turned on here by BENCH_TIMING. Every
  page of every factor is asked in turn, one request each per round, so a busy moment of the
  machine weighs on all pages and factors alike;
- throughput and client-side p95 with --users concurrent users for --seconds per page and factor,
  and errors (any answer but 200, or no answer).
It prints the tables, checks the targets and writes them with the machine to bench/results.md.
Factor 105 rather than 100: so that one national Section 11 cycle holds more than 50,000 returns.
"""

import argparse
import asyncio
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

try:  # the bench extra (pip install -e .[bench]); bench/export.py needs only the databases here
    import httpx
except ModuleNotFoundError:
    httpx = None

try:  # imported as bench.run (tests/bench)
    from bench.key_pages import PAGES, Page, p95
except ModuleNotFoundError:  # run as a script: bench/ is the script's own directory
    from key_pages import PAGES, Page, p95

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results.md"
FLOOR_RATIO = 10  # every key page's p95 at most this many times /healthz's (issue #16)
HOME_QUERIES = 15  # queries per home page, at most
HOME_THROUGHPUT = 50  # requests a second each home page serves to --users people, at least
SECRET = "bench-only-not-a-secret"  # noqa: S105 - the benchmark's own throwaway server


@dataclass
class Result:
    page: Page
    url: str
    records: int | None
    queries: list = field(default_factory=list)
    server_ms: list = field(default_factory=list)
    load_ms: list = field(default_factory=list)
    load_seconds: float = 0
    errors: int = 0

    @property
    def median(self):
        return statistics.median(self.server_ms)

    @property
    def p95(self):
        return p95(self.server_ms)

    @property
    def query_count(self):
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{low}-{high}"

    @property
    def throughput(self):
        return len(self.load_ms) / self.load_seconds if self.load_seconds else 0


def database_url(base, name):
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def env_for(url, **extra):
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "HTTPS": "false",
        **extra,
    }


def manage(url, *args, **extra):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env_for(url, **extra), check=True)  # noqa: S603


def load(base, factor, reload):
    """The factor's database: loaded once, then kept (its synthetic boards tell which factor it holds)."""
    name = f"lscb_bench_{factor}"
    url = database_url(base, name)
    admin = database_url(base, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not reload:
            with psycopg.connect(url) as db:
                try:
                    boards = db.execute(
                        "SELECT COUNT(*) FROM boards_board WHERE name LIKE 'Synthetic %%'"
                    ).fetchone()[0]
                    demo = db.execute(
                        "SELECT COUNT(*) FROM accounts_user WHERE email = 'office@demo.lscb.test'"
                    ).fetchone()[0]
                except psycopg.Error:
                    boards, demo = -1, 0
            if demo and boards == factor - 1:
                print(f"factor {factor}: {name} already loaded, kept (--reload to load again)")
                manage(url, "migrate", "--noinput", "-v0")  # the code may have moved on
                return url
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    started = time.monotonic()
    manage(url, "migrate", "--noinput", "-v0")
    manage(url, "seed_scale", "--factor", str(factor), DEBUG="true")
    print(f"factor {factor}: loaded {name} in {time.monotonic() - started:.0f} s")
    return url


def serve(url, port, workers):
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "lscb.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--timeout=120",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env_for(url, BENCH_TIMING="1"),
    )
    for _ in range(100):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def cookies(sessions, role, n=0):
    if role is None:
        return {}
    keys = sessions[role]
    return {"sessionid": keys[n % len(keys)]}


def measure_sequential(runs, requests, warmup):
    """`runs`: [(base url, result, sessions)], every page of every factor, asked in turn, one request
    each per round, so that whatever else the machine does weighs on every page and factor alike."""
    with contextlib.ExitStack() as stack:
        clients = [
            stack.enter_context(
                httpx.Client(base_url=base, cookies=cookies(sessions, result.page.role), timeout=60)
            )
            for base, result, sessions in runs
        ]
        for i in range(warmup + requests):
            for client, (_, result, _) in zip(clients, runs, strict=True):
                response = client.get(result.url)
                if response.status_code != 200:
                    raise SystemExit(f"{result.url} answered {response.status_code}")
                if i >= warmup:
                    result.queries.append(int(response.headers["X-Query-Count"]))
                    timing = response.headers["Server-Timing"].removeprefix("app;dur=")
                    result.server_ms.append(float(timing))


async def measure_load(base_url, result, sessions, users, seconds):
    """`users` people each asking for the page again as soon as it arrives, for `seconds`."""
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:
        deadline = time.monotonic() + seconds

        async def user(n):
            jar = cookies(sessions, result.page.role, n)
            while time.monotonic() < deadline:
                started = time.monotonic()
                try:
                    response = await client.get(result.url, cookies=jar)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    result.load_ms.append(1000 * (time.monotonic() - started))
                else:
                    result.errors += 1

        started = time.monotonic()
        await asyncio.gather(*(user(n) for n in range(users)))
        result.load_seconds = time.monotonic() - started


def prepare(args, url):
    return json.loads(
        subprocess.run(  # noqa: S603
            [PYTHON, "bench/prepare.py", str(args.users)],
            cwd=ROOT,
            env=env_for(url),
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )


def run(args, factors):
    """Every factor served at once, each by its own gunicorn; each page measured on all of them."""
    prepared, servers = {}, {}
    try:
        for n, factor in enumerate(factors):
            url = load(args.database_url, factor, args.reload)
            prepared[factor] = prepare(args, url)
            servers[factor] = (serve(url, args.port + n, args.workers), args.port + n)
        runs = []  # (factor, base url, result) of every page each factor has
        for page in PAGES:
            if args.only and page.key not in args.only:
                continue
            for factor in factors:
                try:
                    path = page.path.format(**prepared[factor]["ids"])
                except KeyError:
                    continue  # a record this factor does not have (the national cycles need factor 2+)
                if page.role and page.role not in prepared[factor]["sessions"]:
                    continue
                result = Result(page, path, prepared[factor]["records"].get(page.records))
                runs.append((factor, f"http://127.0.0.1:{servers[factor][1]}", result))
        measure_sequential(
            [(base, result, prepared[f]["sessions"]) for f, base, result in runs],
            args.requests,
            args.warmup,
        )
        results = {factor: {} for factor in factors}
        for factor, base, result in runs:
            if args.seconds:
                asyncio.run(
                    measure_load(
                        base, result, prepared[factor]["sessions"], args.users, args.seconds
                    )
                )
            results[factor][result.page.key] = result
            print(
                f"  factor {factor} {result.page.label}: {result.query_count} queries, "
                f"median {result.median:.0f} ms, p95 {result.p95:.0f} ms, "
                f"{result.throughput:.1f}/s, {result.errors} errors",
                flush=True,
            )
    finally:
        for server, _ in servers.values():
            server.terminate()
            server.wait()
    return {factor: (prepared[factor], results[factor]) for factor in factors}


def table(factor, results, users):
    lines = [
        f"| factor {factor}: page | records | queries | median ms | p95 ms | p95 / /healthz's | "
        f"req/s at {users} users | p95 ms at {users} users | errors |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    floor = results.get("healthz")
    for r in results.values():
        ratio = f"{r.p95 / floor.p95:.1f}" if floor and floor.p95 else ""
        lines.append(
            f"| {r.page.label} | {'' if r.records is None else f'{r.records:,}'} | {r.query_count} "
            f"| {r.median:.1f} | {r.p95:.1f} | {ratio} | {r.throughput:.1f} "
            f"| {p95(r.load_ms) if r.load_ms else 0:.0f} | {r.errors} |"
        )
    return "\n".join(lines)


def check(runs, users):
    """The targets of issues #8 and #16 (and #4's report under 1 s), each PASS or FAIL with its
    numbers."""
    lines = []

    def verdict(ok, text):
        lines.append(f"- {'PASS' if ok else 'FAIL'}: {text}")

    small = min(runs)
    for factor, (_, results) in sorted(runs.items()):
        errors = sum(r.errors for r in results.values())
        verdict(errors == 0, f"factor {factor}: {errors} errors at {users} concurrent users")
        floor = results.get("healthz")
        for r in results.values():  # issue #16: key pages near the floor, home pages fast and lean
            if r.page.kind == "key" and floor:
                verdict(
                    r.p95 <= FLOOR_RATIO * floor.p95,
                    f"factor {factor}: {r.page.label} p95 {r.p95:.1f} ms <= {FLOOR_RATIO} x "
                    f"/healthz's {floor.p95:.1f} ms ({r.p95 / floor.p95:.1f} x)",
                )
            if r.page.key.startswith("home"):
                verdict(
                    max(r.queries) <= HOME_QUERIES,
                    f"factor {factor}: {r.page.label} in {r.query_count} queries <= {HOME_QUERIES}",
                )
                if r.load_seconds:
                    verdict(
                        r.throughput >= HOME_THROUGHPUT,
                        f"factor {factor}: {r.page.label} {r.throughput:.1f} req/s >= "
                        f"{HOME_THROUGHPUT} at {users} users",
                    )
        for r in results.values():
            peer = results.get(r.page.peer)
            if r.page.kind == "key" and peer:
                verdict(
                    r.p95 <= peer.p95,
                    f"factor {factor}: {r.page.label} p95 {r.p95:.1f} ms vs "
                    f"{peer.page.label} {peer.p95:.1f} ms",
                )
        for key in ("report", "report_2015", "report_2016"):
            if key in results and (results[key].records or 0) >= 40_000:
                r = results[key]
                verdict(
                    r.p95 < 1000,
                    f"factor {factor}: {r.page.label} ({r.records:,} returns) p95 {r.p95:.0f} ms < 1 s",
                )
    for factor, (_, results) in sorted(runs.items()):
        if factor == small:
            continue
        base = runs[small][1]
        for key, r in results.items():
            if key not in base or r.page.kind != "key":
                continue
            b = base[key]
            # The fewest a request took: a session is written at most once a minute (an UPDATE
            # that comes and goes with the clock, not with the data; accounts/sessions.py).
            verdict(
                min(r.queries) == min(b.queries),
                f"{r.page.label}: {b.query_count} queries at factor {small}, "
                f"{r.query_count} at factor {factor} (the fewest equal)",
            )
            verdict(
                r.p95 <= 1.5 * b.p95,
                f"{r.page.label}: p95 {r.p95:.1f} ms at factor {factor} "
                f"<= 1.5 x {b.p95:.1f} ms at factor {small}",
            )
        if "report_2016" in results and "report" in base:  # both compared with the year before
            big = results["report_2016"]
            verdict(
                big.query_count == base["report"].query_count,
                f"Section 11 report with last year's column: {base['report'].query_count} queries "
                f"for {base['report'].records:,} returns, {big.query_count} for {big.records:,}",
            )
    return "\n".join(lines)


def machine(prepared, args):
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = int(line.split()[1]) / 1024 / 1024
    gunicorn = subprocess.run(  # noqa: S603
        [str(Path(PYTHON).parent / "gunicorn"), "--version"], capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory:.0f} GB RAM, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}, Django {prepared['django']}, "
        f"PostgreSQL {prepared['postgres']}, {gunicorn} with {args.workers} sync workers; "
        f"the load generator (httpx, asyncio) on the same machine"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, action="append", help="repeatable; default 1 and 105")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="the PostgreSQL server (the database name is replaced by lscb_bench_<factor>)",
    )
    parser.add_argument("--reload", action="store_true", help="load the databases again")
    parser.add_argument("--requests", type=int, default=60, help="sequential requests per page")
    parser.add_argument("--warmup", type=int, default=0, help="default: 3 per worker")
    parser.add_argument("--users", type=int, default=50, help="concurrent users in the load test")
    parser.add_argument("--seconds", type=float, default=10, help="load per page (0: no load)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--only", action="append", help="page keys to measure (repeatable)")
    parser.add_argument("--no-write", action="store_true", help="do not write bench/results.md")
    parser.add_argument(
        "--imports", action="store_true", help="also measure the imports (bench/imports.py)"
    )
    args = parser.parse_args()
    factors = sorted(set(args.factor or [1, 105]))
    args.warmup = args.warmup or 3 * args.workers

    # DEBUG off serves the collected, hashed static files.
    subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env_for(database_url(args.database_url, "postgres")),
        check=True,
    )
    runs = run(args, factors)
    prepared = next(iter(runs.values()))[0]
    command = "python bench/run.py " + " ".join(f"--factor {f}" for f in factors)
    report = "\n\n".join(
        [
            f"# Benchmark results\n\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, `{command}` "
            f"({args.requests} sequential requests per page after {args.warmup} to warm up; "
            f"then {args.users} concurrent users for {args.seconds:g} s per page).",
            f"Machine: {machine(prepared, args)}.",
            *(table(factor, results, args.users) for factor, (_, results) in runs.items()),
            "## Targets\n\n" + check(runs, args.users),
        ]
    )
    print("\n" + report)
    if not args.no_write:
        earlier = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        for kept in ("## Imports", "## Export"):  # bench/imports.py's, bench/export.py's
            if f"\n{kept}" in earlier:  # kept until measured again
                section = earlier.split(f"\n{kept}", 1)[1].split("\n## ", 1)[0]
                report += f"\n\n{kept}" + section.rstrip("\n")
        RESULTS.write_text(report + "\n", encoding="utf-8")
        print(f"\nWritten to {RESULTS.relative_to(ROOT)}")
    if args.imports:
        sys.path.insert(0, str(ROOT))
        from bench import imports

        imports.run(imports.DEFAULT_DB, write=not args.no_write)


if __name__ == "__main__":
    main()

"""A quick look at the key pages, in one process, without gunicorn or load: `DATABASE_URL=...
python bench/pages.py [--rounds 40] [--only plan --only scorecard] [--profile plan]`, against a
database loaded as bench/run.py loads one (the demo and `seed_scale --factor 1`).

Each round asks every page once, in turn, through Django's test client as the person who uses it
(so a busy moment of the machine weighs on all pages alike), after one round to warm up. It prints
each page's queries, median and p95 milliseconds, its p95 as a multiple of /healthz's, and the
median CPU milliseconds this process spent on it (the database's time left out: steadier on a busy
machine). With
--profile KEY it prints the cProfile of that page's requests instead. For comparing a change before
and after; bench/run.py stays the benchmark of record."""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("HTTPS", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import prepare  # noqa: E402
from bench.key_pages import PAGES, p95  # noqa: E402


def clients(ids):
    """A signed-in client per role, and the pages this database has the ids for."""
    from accounts.models import User

    if not User.objects.filter(email=prepare.ROLES["system administrator"]).exists():
        User.objects.create_superuser(prepare.ROLES["system administrator"], name="Benchmark Admin")
    by_role = {None: Client()}
    for role, email in prepare.ROLES.items():
        user = User.objects.filter(email=email).first()
        if user:
            by_role[role] = Client()
            by_role[role].cookies[settings.SESSION_COOKIE_NAME] = prepare.sessions(user, 1)[0]
    pages = []
    for page in PAGES:
        try:
            path = page.path.format(**ids)
        except KeyError:
            continue
        if page.role in by_role:
            pages.append((page, path, by_role[page.role]))
    return pages


def ask(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code}")
    return response


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--only", action="append", default=[], help="page keys (healthz is kept)")
    parser.add_argument("--profile", help="a page key: print its cProfile")
    args = parser.parse_args()
    ids = _ids()
    pages = [
        p
        for p in clients(ids)
        if not args.only or p[0].key in {"healthz", *args.only, args.profile}
    ]
    if args.profile:
        page, path, client = next(p for p in pages if p[0].key == args.profile)
        ask(client, path)
        profile = cProfile.Profile()
        profile.runcall(lambda: [ask(client, path) for _ in range(args.rounds)])
        pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
        return
    queries, times, cpu = (
        {},
        {page.key: [] for page, _, _ in pages},
        {page.key: [] for page, _, _ in pages},
    )
    for page, path, client in pages:
        ask(client, path)  # warm: the caches filled
        with CaptureQueriesContext(connection) as captured:
            ask(client, path)
        queries[page.key] = len(captured)
    for _ in range(args.rounds):
        for page, path, client in pages:
            started, started_cpu = time.perf_counter(), time.process_time()
            ask(client, path)
            times[page.key].append(1000 * (time.perf_counter() - started))
            cpu[page.key].append(1000 * (time.process_time() - started_cpu))
    floor = p95(times["healthz"])
    print("| page | queries | median ms | p95 ms | p95 / /healthz's | median CPU ms |")
    print("|---|--:|--:|--:|--:|--:|")
    for page, _, _ in pages:
        ms = times[page.key]
        print(
            f"| {page.label} | {queries[page.key]} | {statistics.median(ms):.1f} | "
            f"{p95(ms):.1f} | {p95(ms) / floor:.1f} | {statistics.median(cpu[page.key]):.1f} |"
        )


def _ids():
    """The ids bench/prepare.py finds, without its sessions."""
    import contextlib
    import io
    import json

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        prepare.main(0)
    return json.loads(out.getvalue())["ids"]


if __name__ == "__main__":
    main()

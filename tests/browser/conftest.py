"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser), with axe-core
checking every page a journey visits against the WCAG 2.2 A and AA rules."""

import hashlib
import os
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..conftest import without_foreign_key_checks

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
DEMO_PASSWORD = "demo-password-2017"  # noqa: S105

# axe-core (the copy axe-playwright-python ships) is added to every page as it loads, by the browser
# itself (an init script of the context), rather than sent over again before every check: sending
# its 570 kB took about a tenth of a second a page. Only violations are reported: axe then skips
# describing every passing element, which is most of its time on a long page; the rules run are the
# same.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
AXE_RUN = "options => axe.run(document, options)"
# What axe's verdict depends on: the page's markup (less what differs on every response: the
# form's CSRF token and the scripts' nonce) and the size it is shown at. A page identical in both to
# one that passed already, in this test process, passes again without running axe.
PAGE_AS_CHECKED = """() => `${innerWidth}x${innerHeight} ${document.documentElement.outerHTML}`
  .replace(/(name="csrfmiddlewaretoken" value=")[^"]*/g, "$1")
  .replace(/ nonce="[^"]*"/g, "")"""
PASSED = set()


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    reason = f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install -y chromium)"
    print(f"\n*** {reason} ***")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


class DemoSnapshot:
    """The demo's rows, copied out of PostgreSQL after the first `loaddemo` of a test process and
    copied back in (COPY, a fraction of a second) for every later browser test, which then starts
    from exactly what `loaddemo` writes, into the emptied database. On SQLite every test runs
    `loaddemo`. The tables are those the flush between tests empties; the two it refills itself
    (content types, permissions) are left as the flush made them: nothing of the demo refers to them."""

    def __init__(self):
        self.rows = None

    def load(self):
        from django.db import connection, transaction

        if connection.vendor != "postgresql":
            return self.loaddemo()
        with transaction.atomic():
            if self.rows is None:
                self.loaddemo()
                self.rows = self.copy_out(connection)
            else:
                self.copy_in(connection)

    def loaddemo(self):
        call_command("loaddemo", stdout=open(os.devnull, "w"))  # noqa: SIM115

    def copy_out(self, connection):
        rows = {}
        with connection.cursor() as cursor:
            for table in connection.introspection.django_table_names(only_existing=True):
                cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")')  # noqa: S608
                if not cursor.fetchone()[0] or table in ("django_content_type", "auth_permission"):
                    continue
                with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                    rows[table] = b"".join(bytes(block) for block in copy)
        return rows

    def copy_in(self, connection):
        with connection.cursor() as cursor:
            for statement in without_foreign_key_checks(connection):
                cursor.execute(statement)
            for table, data in self.rows.items():
                with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(data)


DEMO_SNAPSHOT = DemoSnapshot()


@pytest.fixture
def demo(live_server, settings, transactional_db):
    """The Cumbria demo in the live server's database."""
    settings.DEBUG = True  # loaddemo refuses the demo password when DEBUG is off
    DEMO_SNAPSHOT.load()
    settings.DEBUG = False
    return live_server


class Visit:
    """Drives one person's journey: every page visited is checked with axe."""

    def __init__(self, page, server):
        from axe_playwright_python.base import AXE_SCRIPT

        self.page, self.server, self.checked = page, server, []
        page.add_init_script(script=AXE_SCRIPT)

    def go(self, path):
        response = self.page.goto(self.server.url + path)
        self.check()
        return response

    def check(self):
        from playwright.sync_api import Error

        try:
            self.check_once()
        except Error:  # a click's navigation was still under way: check the page it arrived at
            self.check_once()
        self.checked.append(self.page.url)

    def check_once(self):
        from axe_playwright_python.base import AxeResults

        self.page.wait_for_load_state()
        seen = hashlib.sha256(self.page.evaluate(PAGE_AS_CHECKED).encode()).hexdigest()
        if seen in PASSED:  # this very page, at this size, passed already
            return
        results = AxeResults(self.page.evaluate(AXE_RUN, AXE_OPTIONS))
        assert results.violations_count == 0, f"{self.page.url}\n{results.generate_report()}"
        PASSED.add(seen)

    def sign_in(self, email, password=DEMO_PASSWORD):
        self.go("/login/")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.check()
        if urlparse(self.page.url).path == "/two-factor/":  # office staff: the code from their app
            self.page.get_by_label("Security code").fill(totp_code(email))
            self.page.get_by_role("button", name="Continue").click()
            self.check()


def totp_code(email):
    """The code the person's authenticator app (the demo's published key) shows now, or the next
    one when this one was used already (a code works once)."""
    device = TOTPDevice.objects.get(user__email=email, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    ahead = device.last_t + 1 - totp.t()  # steps until a code not used yet
    if ahead > device.tolerance:
        time.sleep((ahead - device.tolerance) * device.step)
        totp.time = time.time()
        ahead = device.last_t + 1 - totp.t()
    totp.time += max(ahead, 0) * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def visit(page, demo):
    return Visit(page, demo)

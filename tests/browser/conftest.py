"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser), with axe-core
checking every page a journey visits against the WCAG 2.2 A and AA rules."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
DEMO_PASSWORD = "demo-password-2017"  # noqa: S105


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


@pytest.fixture
def demo(live_server, settings, transactional_db):
    """The Cumbria demo in the live server's database."""
    settings.DEBUG = True  # loaddemo refuses the demo password when DEBUG is off
    call_command("loaddemo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.DEBUG = False
    return live_server


class Visit:
    """Drives one person's journey: every page visited is checked with axe."""

    def __init__(self, page, server):
        self.page, self.server, self.checked = page, server, []

    def go(self, path):
        response = self.page.goto(self.server.url + path)
        self.check()
        return response

    def check(self):
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        self.checked.append(self.page.url)
        assert results.violations_count == 0, f"{self.page.url}\n{results.generate_report()}"

    def sign_in(self, email, password=DEMO_PASSWORD):
        self.go("/login/")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.check()


@pytest.fixture
def visit(page, demo):
    return Visit(page, demo)

"""The check every browser test relies on: axe runs on the page and a violation fails the test, the
second time a failing page is visited too (only pages that passed are remembered)."""

from types import SimpleNamespace

import pytest

from .conftest import Visit

pytestmark = pytest.mark.browser

SITE = "http://axe-check.test"
PAGES = {
    "/fails/": '<img src="/chart.png">',  # an image without a text alternative
    "/passes/": '<img src="/chart.png" alt="A chart">',
}


@pytest.fixture
def visit(page):
    def fulfil(route):
        path = route.request.url.removeprefix(SITE)
        body = PAGES.get(path, "")
        head = '<!doctype html><html lang="en"><head><title>Check</title></head>'
        html = f"{head}<body><main><h1>Check</h1>{body}</main></body></html>"
        route.fulfill(body=html, content_type="text/html")

    page.route(f"{SITE}/**", fulfil)
    return Visit(page, SimpleNamespace(url=SITE))


def test_a_violation_fails_every_time(visit):
    for _ in range(2):
        with pytest.raises(AssertionError, match="image-alt"):
            visit.go("/fails/")


def test_a_page_without_violations_passes(visit):
    visit.go("/passes/")
    visit.go("/passes/")
    assert visit.checked == [f"{SITE}/passes/"] * 2

"""The accessibility crawler: signed in as each demo role, it follows every same-site link from the
home page and runs axe on each page (Visit.check), up to MAX_PAGES pages per role.

It counts one page per pattern: numbers in the path are ids (/actions/1/ and /actions/2/ are one
page), and a query string counts by its parameter names. It does not follow sign-out, downloads
(CSV, XLSX), or the Django admin (the system administrator's back office, outside the service)."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest

pytestmark = pytest.mark.browser

ROLES = [
    "office@demo.lscb.test",
    "chair@demo.lscb.test",
    "pmqag.chair@demo.lscb.test",
    "police.lead@demo.lscb.test",
    "member@demo.lscb.test",
]
MAX_PAGES = 80
SKIP = re.compile(r"^/(logout|admin|static|media)/|\.(csv|xlsx|pdf|zip)$|/export")


def pattern(url):
    """/actions/12/?rag=R -> "/actions/<id>/?rag": one axe check per kind of page."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/<id>", parts.path)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def links(page, origin):
    """Same-site links of the page, as paths with their query, without fragments."""
    found = []
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or SKIP.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


@pytest.mark.parametrize("email", ROLES)
def test_every_page_a_role_reaches_has_no_axe_violations(visit, email, capsys):
    visit.sign_in(email)
    origin = visit.server.url
    queue, seen, checked, failed = ["/"], {pattern("/")}, [], []
    while queue and len(checked) < MAX_PAGES:
        path = queue.pop(0)
        response = visit.go(path)  # axe runs on every page (Visit.check)
        checked.append(path)
        if response is None or response.status >= 400:
            failed.append(f"{path} answered {response.status if response else 'nothing'}")
            continue
        for link in links(visit.page, origin):
            if pattern(link) not in seen:
                seen.add(pattern(link))
                queue.append(link)
    with capsys.disabled():
        print(
            f"\n{email}: axe found no violations on {len(checked)} pages ({len(queue)} left over)"
        )
    assert not failed, failed
    assert len(checked) > 3

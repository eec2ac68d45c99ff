"""The accessibility crawler: signed in as each demo role, it follows every same-site link from the
home page and runs axe on each page (Visit.check), until it has seen every kind of page the role
reaches (MAX_PAGES is only a bound). The roles: the children's board's office, independent chair,
a subgroup chair, an agency lead and a board member, and the illustrative adults board's office.

It crawls on a small screen, 320 by 640 CSS pixels (WCAG 2.2 success criterion 1.4.10, Reflow): on
every page the page itself does not scroll sideways (wide tables scroll inside their own region) and
every chart's text is drawn at least MIN_CHART_TEXT pixels high. The journeys run at desktop size.

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
    "sab.office@demo.lscb.test",
]
MAX_PAGES = 300  # a bound, above every page kind a demo role reaches (the office: about 190)
SMALL_SCREEN = {"width": 320, "height": 640}
MIN_CHART_TEXT = 12  # CSS pixels

# How wide the page is, and the chart text drawn smaller than the minimum: its font size (computed)
# times the SVG's scale on screen.
REFLOW = """min => {
  const small = [];
  for (const text of document.querySelectorAll("svg text")) {
    const box = text.getBoundingClientRect();
    const ctm = text.getScreenCTM();
    if (!text.textContent.trim() || !box.width || !ctm) continue;
    const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b);
    if (size < min) small.push(`${text.textContent.trim().slice(0, 20)} (${size.toFixed(1)} px)`);
  }
  const width = document.documentElement.scrollWidth;
  const wide = width <= innerWidth ? [] : [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest(".app-table-wrapper"))
    .slice(0, 3).map(e => `${e.tagName.toLowerCase()}.${e.className}`);
  return {width, small: small.slice(0, 5), wide};
}"""


# What the crawl reads of a page once axe has passed it, in one call to the browser rather than
# two: how it reflows (REFLOW) and the addresses of its links.
FACTS = f"""min => ({{
  reflow: ({REFLOW})(min),
  links: Array.from(document.querySelectorAll("a[href]"), a => a.href),
}})"""


def reflow_problems(page, path):
    """What is wrong with the page at 320 px: the page scrolls sideways, or chart text is small."""
    return reflow_found(page.evaluate(REFLOW, MIN_CHART_TEXT), path)


def reflow_found(found, path):
    """The problems in what REFLOW found on the page at `path`."""
    problems = []
    if found["width"] > SMALL_SCREEN["width"]:
        problems.append(f"{path} is {found['width']} px wide at 320 ({', '.join(found['wide'])})")
    if found["small"]:
        problems.append(f"{path} has chart text under {MIN_CHART_TEXT} px: {found['small']}")
    return problems


SKIP = re.compile(r"^/(logout|admin|static|media)/|\.(csv|xlsx|pdf|zip)$|/export")


def pattern(url):
    """/actions/12/?rag=R -> "/actions/<id>/?rag": one axe check per kind of page."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/<id>", parts.path)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def links(hrefs, origin):
    """The same-site links among a page's `hrefs`, as paths with their query, without fragments."""
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or SKIP.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


@pytest.mark.parametrize("email", ROLES)
def test_every_page_a_role_reaches_has_no_axe_violations_and_reflows(visit, email, capsys):
    visit.page.set_viewport_size(SMALL_SCREEN)
    visit.sign_in(email)
    origin = visit.server.url
    queue, seen, checked, failed, reflow = ["/"], {pattern("/")}, [], [], []
    while queue and len(checked) < MAX_PAGES:
        path = queue.pop(0)
        response = visit.go(path)  # axe runs on every page (Visit.check)
        checked.append(path)
        if response is None or response.status >= 400:
            failed.append(f"{path} answered {response.status if response else 'nothing'}")
            continue
        facts = visit.page.evaluate(FACTS, MIN_CHART_TEXT)
        reflow += reflow_found(facts["reflow"], path)
        for link in links(facts["links"], origin):
            if pattern(link) not in seen:
                seen.add(pattern(link))
                queue.append(link)
    with capsys.disabled():
        print(
            f"\n{email}: axe found no violations on {len(checked)} pages at 320 px "
            f"({len(queue)} left over); {len(reflow)} reflow problems"
        )
    assert not failed, failed
    assert not queue, f"{len(queue)} kinds of page not reached: raise MAX_PAGES"
    assert not reflow, "\n".join(reflow)
    assert len(checked) > 3

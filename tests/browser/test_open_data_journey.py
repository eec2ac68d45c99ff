"""The office takes the board's whole record away as open data, in the browser: from the board page
to the page saying what the zip holds, and the download itself, which validates. Axe checks every
page visited."""

import pytest
from frictionless import validate
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_office_downloads_everything_as_open_data(visit, tmp_path):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    page.goto(visit.server.url + "/")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="Download everything as open data").click()
    visit.check()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download everything as open data")
    expect(page.locator("table", has_text="What the zip holds")).to_contain_text(
        "data/audit_trail.csv"
    )
    with page.expect_download() as waiting:
        page.get_by_role("link", name="Download everything as open data (zip)").click()
    download = waiting.value
    assert download.suggested_filename.startswith("cumbria-lscb-open-data-")
    path = tmp_path / "board.zip"
    download.save_as(path)
    report = validate(str(path))
    assert report.valid, report.flatten(["type", "note"])[:5]

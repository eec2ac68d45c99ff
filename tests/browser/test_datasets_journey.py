"""The office imports a year of LADO allegations (refused first, its totals not adding up), sees
them by category beside the years before, corrects a period, reads the audit trail and defines a
dataset of its own; every page checked with axe."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HEADER = "Period end,Category,Value,Source\n"


def test_office_imports_a_year_of_lado_figures_and_sees_them_beside_last_year(visit, tmp_path):
    from boards.models import Board

    board = Board.objects.get(short_name="Cumbria LSCB")
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    visit.go(f"/boards/{board.pk}/")
    page.get_by_role("link", name="Datasets: the board's statistics").click()
    visit.check()
    page.get_by_role("link", name="LADO allegations").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("LADO allegations")
    expect(page.locator("svg title")).to_contain_text("Allegations: total, by period")

    bad = tmp_path / "lado.csv"
    bad.write_text(
        HEADER + "2017-18,,250,LADO\n2017-18,Physical,100,LADO\n2017-18,Emotional,10,LADO\n"
        "2017-18,Sexual,40,LADO\n2017-18,Neglect,50,LADO\n2017-18,Conduct,40,LADO\n",
        encoding="utf-8",
    )
    page.get_by_role("link", name="Import figures").click()
    visit.check()
    page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(bad)
    page.get_by_role("button", name="Check and import").click()
    visit.check()
    expect(page.locator("#row-errors")).to_contain_text("add up to 240, but the total is 250")
    good = tmp_path / "good.csv"
    good.write_text(bad.read_text().replace("Conduct,40", "Conduct,50"), encoding="utf-8")
    page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(good)
    page.get_by_role("button", name="Check and import").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("6 figures added")
    table = page.get_by_role("region", name="LADO allegations: allegations by category", exact=True)
    expect(table).to_contain_text("2017-18")
    expect(table.locator("tr").last).to_contain_text("296")

    page.get_by_role("link", name="Figures for 2017-18").click()
    visit.check()
    page.get_by_label("Conduct", exact=True).first.fill("45")
    page.get_by_label("Physical", exact=True).first.fill("105")
    page.get_by_role("button", name="Save the figures").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the stored figures")
    page.get_by_label("Why are stored figures changed?").fill("LADO recount in May")
    page.get_by_role("button", name="Save the figures").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 corrected")

    page.get_by_role("link", name="Audit trail").click()
    visit.check()
    expect(page.get_by_text("LADO recount in May").first).to_be_visible()
    visit.go(f"/boards/{board.pk}/datasets/standard/")  # the demo has every standard dataset
    expect(page.locator("main")).to_contain_text("The board has every one already")
    visit.go(f"/boards/{board.pk}/datasets/add/")
    page.get_by_label("Name", exact=True).fill("Neglect training attendance")
    page.get_by_label("A count at a date each year").check()
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Neglect training attendance")
    page.get_by_role("link", name="Add a dimension").click()
    visit.check()

"""The office imports a published children in need table with a column per item: the mapping step
offers to map each column to an item, the figures import, and the dataset shows them; every page
checked with axe."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_office_maps_a_wide_national_table_column_by_column(visit, tmp_path):
    from boards.models import Board

    board = Board.objects.get(short_name="Cumbria LSCB")
    dataset = board.datasets.get(name="Children in need and looked after")
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    visit.go(f"/datasets/{dataset.pk}/")
    visit.check()
    wide = tmp_path / "cin.csv"
    wide.write_text(
        "time_period,la_name,Looked after (number),Looked after rate\n"
        "201718,Local authority,640,69.0\n201718,England,72670,62.0\n",
        encoding="utf-8",
    )
    page.get_by_role("link", name="Import figures").click()
    visit.check()
    page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(wide)
    page.get_by_role("button", name="Check and import").click()
    visit.check()
    page.get_by_role("link", name="The file has a column per item").click()
    visit.check()
    page.get_by_label("Column A: time_period", exact=True).select_option(label="Period end")
    page.get_by_label("Column B: la_name", exact=True).select_option(label="Area")
    page.get_by_label("Column C: Looked after (number)", exact=True).select_option(
        label="Figures of Item: Children looked after at 31 March (Number)"
    )
    page.get_by_label("Column D: Looked after rate", exact=True).select_option(
        label="Figures of Item: Children looked after at 31 March (Rate per 10,000 children)"
    )
    page.get_by_role("button", name="Import the figures").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("4 figures added")
    expect(page.locator("main")).to_contain_text("72,670")

"""The performance scorecard in the browser: a member reads it, office staff override a RAG with a
reason and import figures (after reading what the file adds and replaces); axe checks every page
visited."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_member_reads_the_scorecard_and_an_indicator(visit):
    page = visit.page
    visit.sign_in("member@demo.lscb.test")
    page.get_by_role("link", name="Performance", exact=True).click()
    visit.check()
    page.get_by_role("link", name=re.compile("Performance scorecard of Cumbria")).click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Performance scorecard: figures as at 31 March 2017")
    table = page.locator("table.app-scorecard")
    expect(table.locator("tbody tr")).to_have_count(48)
    expect(table.locator(".govuk-tag--red")).to_have_count(11)
    expect(page.get_by_role("link", name="Add an indicator")).to_have_count(0)

    page.get_by_text("Filter the scorecard").click()
    page.get_by_label("RAG against target").select_option(label="Amber")
    page.get_by_role("button", name="Apply filters").click()
    visit.check()
    expect(table.locator("tbody tr")).to_have_count(5)
    page.get_by_role("link", name="Clear filters").click()

    page.get_by_role("link", name="CS2.3", exact=True).click()
    visit.check()
    chart = page.get_by_role("img", name="CS2.3 Number/rate of children subject of CP plan")
    expect(chart).to_be_visible()
    figures = page.locator("table", has_text="Figures of CS2.3")
    expect(figures.locator("tbody tr")).to_have_count(5)
    expect(figures).to_contain_text("36.1")


def test_office_overrides_a_rag_with_a_reason_and_imports_figures(visit, tmp_path):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Performance", exact=True).click()
    page.get_by_role("link", name=re.compile("Performance scorecard of Cumbria")).click()
    page.get_by_role("link", name="HE2", exact=True).click()
    visit.check()
    page.get_by_role("link", name="Set RAG or trend at 31 Mar 2017").click()
    visit.check()
    page.get_by_role("radio", name="Green").check()
    page.get_by_role("button", name="Save override").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the RAG is set by hand")
    page.get_by_label("Reason for the RAG").fill(
        "Two urgent cases seen at 49 hours; agreed at PMQAG"
    )
    page.get_by_role("button", name="Save override").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("override saved")
    expect(page.get_by_text("Set by hand: Two urgent cases seen at 49 hours").first).to_be_visible()

    bad = tmp_path / "figures.csv"
    bad.write_text(
        "Code,Period end,Value,Note\nHE1,30/06/2017,93,\nHE9,30/06/2017,12,\n", encoding="utf-8"
    )
    page.get_by_role("link", name="Scorecard").click()
    page.get_by_role("link", name="Import figures").click()
    visit.check()
    page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(bad)
    page.get_by_role("button", name="Check and import").click()
    visit.check()
    expect(page.locator("#row-errors")).to_contain_text(
        "no indicator of the board has the code “HE9”"
    )
    good = tmp_path / "good.csv"
    good.write_text(
        "Code,Period end,Value,Note\nHE1,30/06/2017,93,\nHE2,30/06/2017,91,\n", encoding="utf-8"
    )
    page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(good)
    page.get_by_role("button", name="Check and import").click()
    visit.check()
    # Nothing is imported before the office reads what the file adds and confirms.
    expect(page.locator("h1")).to_have_text("Check the figures before importing them")
    expect(page.get_by_text("2 figures for 2 indicators, 2 new and 0 replacing")).to_be_visible()
    expect(page.locator("table", has_text="Figures per indicator")).to_contain_text("HE2")
    page.get_by_role("button", name="Import the figures").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 figures added")
    # Two figures for a later date do not move the scorecard: it stays at the latest complete date.
    expect(page.locator("h1")).to_have_text("Performance scorecard: figures as at 31 March 2017")
    expect(page.get_by_text("Later figures (30 June 2017)")).to_be_visible()
    page.get_by_text("Filter the scorecard").click()
    page.get_by_label("Figures as at", exact=True).select_option(label="30 June 2017")
    page.get_by_role("button", name="Apply filters").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Performance scorecard: figures as at 30 June 2017")
    table = page.locator("table.app-scorecard")
    expect(table.locator("tbody tr")).to_have_count(48)
    expect(table.locator("tbody tr", has_text="HE1")).to_contain_text("93")
    expect(table.locator("tbody tr", has_text="CS2.3")).to_contain_text("figure of 31 Mar 2017")
    expect(table).to_contain_text("Missing")


def test_office_undoes_a_mistaken_import_and_deletes_a_figure(visit, tmp_path):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Performance", exact=True).click()
    page.get_by_role("link", name=re.compile("Performance scorecard of Cumbria")).click()
    mistaken = tmp_path / "mistaken.csv"
    mistaken.write_text("Code,Period end,Value,Note\nHE1,30/06/2017,93,\n", encoding="utf-8")
    page.get_by_role("link", name="Import figures").click()
    page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(mistaken)
    page.get_by_role("button", name="Check and import").click()
    visit.check()
    page.get_by_role("button", name="Import the figures").click()

    page.get_by_role("link", name="Recent figure imports").click()
    visit.check()
    expect(page.locator("table")).to_contain_text("mistaken.csv")
    page.get_by_role("link", name=re.compile("^Undo")).first.click()
    visit.check()
    page.get_by_role("button", name="Undo the import").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why")
    page.get_by_label("Why is the import undone?").fill("The June figures are not yet validated")
    page.get_by_role("button", name="Undo the import").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "1 figure deleted, 0 restored"
    )
    expect(page.locator("table")).to_contain_text("The June figures are not yet validated")

    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="HE2", exact=True).click()
    page.get_by_role("link", name="Delete the figure at 31 Mar 2017").click()
    visit.check()
    page.get_by_label("Why is the figure deleted?").fill("Entered for the wrong quarter")
    page.get_by_role("button", name="Delete the figure").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("was deleted")
    page.get_by_role("link", name="Audit trail").click()
    visit.check()
    expect(page.locator("table")).to_contain_text("Entered for the wrong quarter")

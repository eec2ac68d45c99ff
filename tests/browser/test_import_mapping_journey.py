"""A plan file with its own column names, in the browser: the office maps its columns once (a bad
choice is explained first), confirms the update cycle, and the next file with the same headings goes
straight to the confirmation; the office then changes how the remembered columns are read. Axe
checks every page visited."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WORKSTREAM = Path(__file__).parent.parent / "actions" / "files" / "workstream_plan.csv"
CHOICES = {  # (Target date and Status are names the import knows)
    "Theme": "Column A: Workstream",
    "Ref": "Column B: No.",
    "Action": "Column C: Task",
    "Who (the owners)": "Column D: Accountable",
    "What we are trying to achieve": "Column F: Aim",
    "Update": "Column G: Progress note",
}


def upload(visit, plan_name):
    page = visit.page
    page.goto(visit.server.url + "/")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="Business plan and action plans").click()
    page.get_by_role("link", name="Import a plan from a spreadsheet").click()
    visit.check()
    page.get_by_label("Name of the new plan").fill(plan_name)
    page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(WORKSTREAM)
    page.get_by_role("button", name="Check and import").click()
    visit.check()


def confirm(visit):
    page = visit.page
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which update cycle are the updates from?"
    )
    page.get_by_label("Name of the update cycle").fill("September 2017 review")
    for name, (day, month, year) in {"opens": (1, 8, 2017), "deadline": (29, 9, 2017)}.items():
        page.locator(f"[name={name}_0]").fill(str(day))
        page.locator(f"[name={name}_1]").fill(str(month))
        page.locator(f"[name={name}_2]").fill(str(year))
    page.get_by_role("button", name="Import the plan").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("3 actions imported")


def test_office_maps_a_files_columns_once(visit):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    upload(visit, "Early help plan 2017-18")
    expect(page.get_by_role("heading", level=1)).to_have_text("Which columns hold what?")
    expect(page.locator("table", has_text="Columns in the file")).to_contain_text("EH1")
    for label, option in CHOICES.items():
        page.get_by_label(label, exact=True).select_option(label=option)
    page.get_by_label("Action", exact=True).select_option(label="Column B: No.")
    page.get_by_role("button", name="Continue").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "“No.” is already chosen for Ref: choose each column once"
    )
    page.get_by_label("Action", exact=True).select_option(label="Column C: Task")
    page.get_by_role("button", name="Continue").click()
    visit.check()
    confirm(visit)
    expect(page.locator("#actions")).to_have_text("All 3 actions")

    upload(visit, "Early help plan 2017-18, second copy")
    confirm(visit)

    # The office changes how the remembered columns are read: the aim is no longer the outcome.
    page.goto(visit.server.url + "/")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="Column names matched up on imports").click()
    visit.check()
    mappings = page.locator("table", has_text="Remembered")
    expect(mappings).to_contain_text("What we are trying to achieve: “Aim”")
    mappings.get_by_role("link", name=re.compile("^Change")).first.click()
    visit.check()
    expect(page.get_by_label("Update", exact=True)).to_have_value("6")
    page.get_by_label("What we are trying to achieve", exact=True).select_option(
        label="Not in the file"
    )
    page.get_by_role("button", name="Save how these columns are read").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("will be read as")
    expect(mappings).not_to_contain_text("What we are trying to achieve")

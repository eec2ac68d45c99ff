"""Each role's main journey through the foundation pages, with an axe check on every page."""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_anonymous_reaches_only_public_pages(visit):
    visit.go("/")  # redirected to sign in
    expect(visit.page).to_have_url(re.compile(r"/login/\?next=/$"))
    visit.page.get_by_role("button", name="Sign in").click()  # empty form: the error summary
    visit.check()
    expect(visit.page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    visit.go("/password/reset/")
    visit.go("/accessibility/")
    visit.go("/privacy/")
    assert visit.page.goto(visit.server.url + "/healthz").status == 200


def test_office_sees_the_whole_board_and_edits_it(visit):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    expect(page.locator("h1")).to_have_text("Alex Morgan")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Cumbria Local Safeguarding Children Board")
    for agency in ["Cumbria Constabulary", "Barnardo's", "NHS England", "Lay Members"]:
        expect(page.get_by_role("link", name=agency, exact=True)).to_be_visible()
    # The partners not at the board (hundreds of schools) are on the list of every partner agency.
    expect(page.get_by_role("link", name="Fellside Primary School (demo)")).to_have_count(0)
    page.get_by_role("link", name=re.compile(r"^All \d+ partner agencies")).click()
    visit.check()
    page.locator("summary", has_text="Search and filter the agencies").click()
    page.get_by_label("Agency name contains").fill("Fellside")
    page.get_by_role("button", name="Apply filters").click()
    visit.check()
    expect(
        page.get_by_role("link", name="Fellside Primary School (demo)", exact=True)
    ).to_be_visible()
    page.get_by_role("link", name="Cumbria LSCB").click()  # back to the board
    visit.check()
    tree = page.locator("ul.app-tree").first
    expect(tree.locator("li")).to_have_count(21)
    for group in [
        "Child Death Overview Panel",
        "Neglect Task and Finish Group",
        "Safeguarding Hub Programme Board",
    ]:
        expect(tree.get_by_role("link", name=re.compile(group))).to_be_visible()

    page.get_by_role("link", name="Performance Management and Quality Assurance Group").click()
    visit.check()
    expect(page.locator("ol.govuk-list--number > li")).to_have_count(6)
    page.get_by_role("link", name="Edit terms of reference").click()
    visit.check()
    box = page.get_by_label("Responsibilities")
    box.fill(box.input_value() + "\n\nReport to the board on Section 11 compliance every year")
    page.get_by_role("button", name="Save terms of reference").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Terms of reference")
    expect(page.locator("ol.govuk-list--number > li")).to_have_count(7)

    visit.go("/")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="Add an agency").click()
    visit.check()
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Name", exact=True).fill("Eden Valley Academy Trust")
    page.get_by_label("Sector").select_option(label="School or college")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Eden Valley Academy Trust")

    page.goto(visit.server.url + "/")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="People at the board").click()
    visit.check()
    page.get_by_role("link", name="Add a person").click()
    visit.check()
    page.get_by_label("Work email address").fill("new.member@example.test")
    page.get_by_label("Full name").fill("Nat Newcomer")
    page.get_by_label("Board member").check()
    page.get_by_role("button", name="Add person").click()
    visit.check()
    # A new address is invited: it waits for an answer on the people page (an accessible table).
    expect(page.get_by_role("cell", name="new.member@example.test", exact=True)).to_be_visible()


def test_a_newcomer_sets_a_password_and_accepts_the_invitation(visit):
    """The office invites a new address; the person chooses a password from the email's link,
    signs in, and joins the board only when they accept."""
    from django.core import mail

    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="People at the board").click()
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Work email address").fill("jo.newcomer@example.test")
    page.get_by_label("Full name").fill("Jo Newcomer")
    page.get_by_label("Board member").check()
    page.get_by_role("button", name="Add person").click()
    visit.check()
    page.get_by_role("button", name="Sign out").click()

    email = mail.outbox[-1]
    assert email.to == ["jo.newcomer@example.test"]
    links = re.findall(r"https?://\S+", email.body)
    password_link, invitation_link = (urlparse(link).path for link in links)
    visit.go(password_link)
    page.get_by_label("New password", exact=True).fill("a long safe passphrase 2026")
    page.get_by_label("New password confirmation").fill("a long safe passphrase 2026")
    page.get_by_role("button", name="Set password").click()
    visit.check()
    visit.sign_in("jo.newcomer@example.test", "a long safe passphrase 2026")
    banner = page.locator(".govuk-notification-banner", has_text="Invitations")
    expect(banner).to_contain_text("invites you to join as: Board member")
    expect(
        banner.get_by_role("link", name="Cumbria Local Safeguarding Children Board")
    ).to_be_visible()
    visit.go(invitation_link)  # the email's link
    page.get_by_role("button", name="Continue").click()
    visit.check()  # nothing chosen: the error summary
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Yes, accept it").check()
    page.get_by_role("button", name="Continue").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have joined")
    expect(page.locator("h1")).to_have_text("Cumbria Local Safeguarding Children Board")


def test_subgroup_chair_sees_but_cannot_edit(visit):
    page = visit.page
    visit.sign_in("pmqag.chair@demo.lscb.test")
    page.get_by_role("link", name="Performance Management and Quality Assurance Group").click()
    visit.check()
    expect(page.get_by_role("link", name="Edit terms of reference")).to_have_count(0)
    expect(page.get_by_role("link", name="Priya Shah")).to_have_count(0)
    expect(page.locator("table")).to_contain_text("Priya Shah")
    page.get_by_role("link", name="Cumbria LSCB").first.click()
    visit.check()
    expect(page.get_by_role("link", name="Add an agency")).to_have_count(0)
    edit_url = page.url.replace("/boards/", "/boards/") + "agencies/add/"
    response = visit.go(edit_url.replace(visit.server.url, ""))
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("You cannot do this")


def test_agency_lead_sees_their_agency(visit):
    page = visit.page
    visit.sign_in("police.lead@demo.lscb.test")
    expect(page.get_by_text("you are its safeguarding lead")).to_be_visible()
    page.get_by_role("link", name="Cumbria Constabulary").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Cumbria Constabulary")
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)


def test_board_member_reads_the_board(visit):
    page = visit.page
    visit.sign_in("member@demo.lscb.test")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    visit.check()
    page.get_by_role("link", name="People at the board").click()
    visit.check()
    expect(page.get_by_role("link", name="Add a person")).to_have_count(0)
    page.get_by_role("link", name="Cumbria LSCB").click()
    page.get_by_role("link", name="Learning and Improvement Subgroup").click()
    visit.check()


def test_every_other_page_of_the_office_passes_axe(visit):
    """The pages the journeys above do not pass through, each with its errors shown where it has a form."""
    from actions.models import Plan
    from boards.models import Agency, Board, BoardMembership
    from subgroups.models import Subgroup, SubgroupMembership

    board = Board.objects.get(short_name="Cumbria LSCB")
    group = Subgroup.objects.get(short_name="PMQAG")
    agency = Agency.objects.get(name="Cumbria Constabulary")
    visit.sign_in("office@demo.lscb.test")
    for path in [
        f"/boards/{board.pk}/subgroups/add/",
        f"/subgroups/{group.pk}/edit/",
        f"/subgroups/{group.pk}/members/add/",
        f"/subgroups/members/{SubgroupMembership.objects.filter(subgroup=group).first().pk}/edit/",
        f"/subgroups/members/{SubgroupMembership.objects.filter(subgroup=group).first().pk}/remove/",
        f"/boards/{board.pk}/agencies/{agency.pk}/edit/",
        f"/boards/{board.pk}/agencies/{agency.pk}/remove/",
        f"/boards/{board.pk}/edit/",
        f"/boards/{board.pk}/links/add/",
        f"/boards/memberships/{BoardMembership.objects.filter(board=board).first().pk}/remove/",
        "/password/change/",
        f"/plans/{Plan.objects.get(kind='business').pk}/edit/",
        f"/themes/{Plan.objects.get(kind='business').themes.first().pk}/edit/",
        f"/cycles/{Plan.objects.get(kind='business').cycles.first().pk}/edit/",
    ]:
        visit.go(path)
        button = visit.page.locator("main form .govuk-button").first
        boxes = visit.page.locator(
            "main form input[type=text], main form input[type=email], main form input[type=password]"
        )
        if boxes.count():
            # Submit with the first text box emptied: the error summary and messages must pass too.
            boxes.first.fill("")
            button.click()
            expect(visit.page.locator(".govuk-error-summary")).to_be_visible()
            visit.check()
    # The board's partner agencies with the office's links on every row, a page of them filtered,
    # and the register (the crawl stops at its first 80 pages of the office's, before these).
    for path in [
        f"/boards/{board.pk}/agencies/",
        f"/boards/{board.pk}/agencies/?sector=school&page=2",
        f"/boards/{board.pk}/relevant-agencies/",
    ]:
        assert visit.go(path).status == 200
    expect(visit.page.get_by_role("link", name="not recorded as relevant agencies")).to_be_visible()
    visit.page.get_by_role("link", name="not recorded as relevant agencies").click()
    visit.check()
    expect(visit.page.get_by_role("link", name="Register entry").first).to_be_visible()
    assert visit.go("/no-such-page/").status == 404
    visit.go("/password/reset/not-a-user/not-a-token/")


def test_chair_updates_an_action_to_amber(visit):
    page = visit.page
    visit.sign_in("pmqag.chair@demo.lscb.test")
    page.get_by_role("link", name="See and update your actions").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Your actions")
    page.locator("table a", has_text="Update").first.click()
    visit.check()
    ref = page.locator("h1").inner_text().removeprefix("Update action ")
    page.get_by_label("Progress").fill("The audit slipped to September: two auditors left.")
    page.get_by_label("Amber").first.check()
    page.get_by_role("button", name="Save update").click()
    visit.check()  # refused: a change of RAG needs a reason
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the RAG has changed")
    page.get_by_label("Reason for the RAG").fill("Staff shortage in the audit team")
    page.get_by_role("button", name="Save update").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"Action {ref} updated: Amber"
    )
    # on to the next action to update; the one saved is a link away
    page.get_by_role("link", name=f"See action {ref}").click()
    visit.check()
    history = page.locator("table").first
    expect(history).to_contain_text("The audit slipped to September")
    expect(history).to_contain_text("Priya Shah")
    page.get_by_role("link", name="LSCB Business Plan 2016-19").first.click()
    visit.check()
    expect(page.locator("table").first).to_contain_text("Actions by theme and RAG")


def test_another_chair_cannot_update_it(visit):
    from actions.models import Action

    action = Action.objects.filter(owners__short_name="PMQAG", plan__kind="business").first()
    updates = action.updates.count()
    page = visit.page
    visit.sign_in("landi.chair@demo.lscb.test")
    visit.go(f"/actions/{action.pk}/")
    expect(page.get_by_role("link", name="Update this action")).to_have_count(0)
    assert visit.go(f"/actions/{action.pk}/update/").status == 403
    assert action.updates.count() == updates


def test_office_filters_the_plan(visit):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="Business plan and action plans").click()
    visit.check()
    page.get_by_role("link", name="LSCB Business Plan 2016-19").click()
    visit.check()
    page.get_by_role("link", name="6 not rated in 1. Leadership and Governance").click()
    visit.check()
    expect(page.locator("#actions")).to_have_text("6 matching actions")
    expect(page.locator("details.govuk-details")).to_have_attribute(
        "open", ""
    )  # open while filtered
    page.get_by_label("RAG", exact=True).select_option(label="Green")
    page.get_by_label("Theme", exact=True).select_option(index=0)
    page.get_by_role("button", name="Apply filters").click()
    visit.check()
    expect(page.locator("#actions")).to_have_text("28 matching actions")


def test_office_exports_and_imports_a_plan(visit, tmp_path):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="Business plan and action plans").click()
    page.get_by_role("link", name="LSCB Business Plan 2016-19").click()
    page.get_by_role("link", name="2 amber in all themes").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these actions as Excel (XLSX)").click()
    amber = tmp_path / "amber.xlsx"
    download.value.save_as(amber)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these actions as CSV").click()
    bad = tmp_path / "amber.csv"
    download.value.save_as(bad)
    bad.write_text(
        bad.read_text(encoding="utf-8-sig").replace(",A\n", ",Purple\n", 1), encoding="utf-8"
    )

    page.goto(visit.server.url + "/")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="Business plan and action plans").click()
    page.get_by_role("link", name="Import a plan from a spreadsheet").click()
    visit.check()
    page.get_by_label("Name of the new plan").fill("Amber actions carried into 2017-18")
    page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(bad)
    page.get_by_role("button", name="Check and import").click()
    visit.check()
    expect(page.locator("#row-errors")).to_contain_text("unknown RAG “Purple”")
    page.get_by_label("Spreadsheet (CSV or Excel .xlsx)").set_input_files(amber)
    page.get_by_role("button", name="Check and import").click()
    visit.check()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which update cycle are the updates from?"
    )
    expect(page.get_by_label("Name of the update cycle")).to_have_value("April 2018 updates")
    for name, (day, month, year) in {"opens": (1, 3, 2017), "deadline": (28, 4, 2017)}.items():
        page.locator(f"[name={name}_0]").fill(str(day))
        page.locator(f"[name={name}_1]").fill(str(month))
        page.locator(f"[name={name}_2]").fill(str(year))
    page.get_by_role("button", name="Import the plan").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 actions imported")
    expect(page.locator("#actions")).to_have_text("All 2 actions")


def test_office_sets_up_next_years_plan_and_carries_actions_forward(visit):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="Business plan and action plans").click()
    page.get_by_role("link", name="Add a plan").click()
    visit.check()
    page.get_by_label("Name").fill("LSCB Business Plan 2017-20")
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("LSCB Business Plan 2017-20")

    page.get_by_role("link", name="Open an update cycle").click()
    visit.check()
    page.get_by_label("Name").fill("October 2017 updates")
    page.get_by_role("button", name="Save").click()  # no dates: errors
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    for field, values in {"opens": ("1", "9", "2017"), "deadline": ("27", "10", "2017")}.items():
        for part, value in zip(("0", "1", "2"), values, strict=True):
            page.locator(f"#id_{field}_{part}").fill(value)
    page.get_by_role("button", name="Save").click()
    visit.check()

    page.get_by_role("link", name="Add a theme").click()
    visit.check()
    page.get_by_label("Number").fill("10")
    page.get_by_label("Title").fill("Neglect")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add an action").click()
    visit.check()
    page.get_by_label("Ref").fill("10.1")
    page.get_by_label("Action", exact=True).fill("Embed the neglect toolkit in every agency")
    page.get_by_label("Neglect Task and Finish Group").check()
    page.get_by_role("button", name="Save").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Action 10.1")
    page.get_by_role("link", name="Edit the action").click()
    visit.check()

    visit.go("/")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="Business plan and action plans").click()
    page.get_by_role("link", name="LSCB Business Plan 2016-19").click()
    page.get_by_role("link", name="Carry incomplete actions into another plan").click()
    visit.check()
    page.get_by_label("LSCB Business Plan 2017-20").check()
    page.get_by_role("button", name="Carry the actions forward").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "39 incomplete actions carried"
    )
    page.get_by_role("link", name="Audit trail of this plan").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Audit trail")


def test_police_lead_completes_and_submits_the_section_11_return(visit):
    page = visit.page
    visit.sign_in("police.lead@demo.lscb.test")
    page.get_by_role("link", name="Complete its Section 11 self-assessment").click()
    visit.check()
    page.get_by_role("link", name="Section 11 audit 2017-18").click()
    visit.check()
    page.get_by_role("button", name="Start Cumbria Constabulary's self-assessment").click()
    visit.check()
    expect(page.locator("h1")).to_have_text("Cumbria Constabulary")
    expect(page.get_by_text("You have completed 0 of 9 standards")).to_be_visible()

    page.locator(".govuk-task-list__link").first.click()  # standard 1: a draft with one answer
    visit.check()
    # last year's answer, read-only, beside each criterion (the demo's illustrative 2016-17 return)
    expect(page.locator(".govuk-inset-text").first).to_contain_text(
        "Last year (Section 11 audit 2016-17)"
    )
    expect(page.locator(".govuk-inset-text").first).to_contain_text("Public Protection Unit")
    page.locator("fieldset").first.get_by_label("Fully met").check()
    page.get_by_role("button", name="Save and return to the task list").click()
    visit.check()
    page.get_by_role("link", name="Sign off and submit").click()
    page.get_by_label("Senior lead's full name").fill("Deputy Chief Constable")
    page.get_by_label("Senior lead's job title").fill("Deputy Chief Constable")
    page.get_by_label("The senior lead has read").check()
    page.get_by_role("button", name="Sign off and submit").click()
    visit.check()  # refused: every missing answer is named
    expect(page.locator(".govuk-error-summary")).to_contain_text("1.2: choose a rating")

    page.goto(visit.server.url + "/")  # come back later
    page.get_by_role("link", name="Complete its Section 11 self-assessment").click()
    page.get_by_role("link", name="Section 11 audit 2017-18").click()
    page.get_by_role("link", name="Continue Cumbria Constabulary's self-assessment").click()
    save = page.get_by_role("button", name="Save and return to the task list")
    for number in range(9):
        page.locator(".govuk-task-list__link").nth(number).click()
        expect(save).to_be_visible()  # the standard's page has loaded before its fieldsets are read
        for fieldset in page.locator("form fieldset.govuk-fieldset").all():
            if fieldset.get_by_label("Fully met").count():
                fieldset.get_by_label("Fully met").check()
        save.click()
        expect(
            page.get_by_text(re.compile(r"You have completed \d+ of 9 standards"))
        ).to_be_visible()
    visit.check()
    expect(page.get_by_text("You have completed 9 of 9 standards")).to_be_visible()
    page.get_by_role("link", name="Sign off and submit").click()
    visit.check()
    page.get_by_label("Senior lead's full name").fill("A. Senior")
    page.get_by_label("Senior lead's job title").fill("Deputy Chief Constable")
    page.get_by_label("The senior lead has read").check()
    page.get_by_role("button", name="Sign off and submit").click()
    visit.check()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "self-assessment is submitted"
    )
    expect(page.locator(".govuk-tag").first).to_have_text("Submitted")

    # The office returns it with a comment, which the agency then sees.
    submission_url = page.url
    page.get_by_role("button", name="Sign out").click()
    visit.sign_in("office@demo.lscb.test")
    visit.go(submission_url.replace(visit.server.url, ""))
    page.get_by_role("link", name="Accept or return").click()
    visit.check()
    page.get_by_label("Return it to the agency for changes").check()
    page.get_by_role("button", name="Save decision").click()
    visit.check()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Say what the agency needs to change"
    )
    page.get_by_label("Comments for the agency").fill("Please add evidence for standard 7")
    page.get_by_role("button", name="Save decision").click()
    visit.check()
    expect(page.locator(".govuk-tag").first).to_have_text("Returned for changes")


def test_school_lead_cannot_see_the_police_return(visit):
    from audits.models import AuditCycle
    from audits.submitting import start
    from boards.models import Agency

    cycle = AuditCycle.objects.get(name="Section 11 audit 2017-18")
    police = start(cycle, Agency.objects.get(name="Cumbria Constabulary"), None)
    visit.sign_in("school.lead@demo.lscb.test")
    assert visit.go(f"/submissions/{police.pk}/").status == 404


def test_board_member_reads_the_section_11_compliance_report(visit):
    page = visit.page
    visit.sign_in("member@demo.lscb.test")
    page.get_by_role("link", name="Cumbria Local Safeguarding Children Board").click()
    page.get_by_role("link", name="Section 11 audits").click()
    visit.check()
    page.get_by_role("link", name="Section 11 audit 2016-17").click()
    visit.check()
    expect(page.get_by_role("link", name="Start")).to_have_count(0)
    page.get_by_role("link", name="Compliance report").click()
    visit.check()
    table = page.locator("table").first
    expect(table).to_contain_text("Number of responses")
    expect(table.locator("tr", has_text="Had a designated professional lead")).to_contain_text(
        "95%"
    )
    expect(table.locator("tr", has_text="Had a designated professional lead")).to_contain_text(
        "93%"
    )


def test_office_follows_returns_of_the_cycle(visit):
    page = visit.page
    visit.sign_in("office@demo.lscb.test")
    visit.go("/audits/")
    page.get_by_role("link", name="Section 11 audit 2017-18").click()
    visit.check()
    expect(page.locator("table").first).to_contain_text("Not started")
    visit.go("/audits/")
    page.get_by_role("link", name="Section 11 audit 2016-17").click()
    visit.check()
    expect(page.locator("table").first).to_contain_text("Accepted")
    page.get_by_role("link", name=re.compile(r"^Accepted: \d+ agencies")).click()  # its count
    visit.check()
    expect(page.locator("table caption")).to_contain_text("matching agencies")  # filters open
    page.get_by_label("Agency name contains").fill("Demo school 001")
    page.get_by_role("button", name="Apply filters").click()
    visit.check()
    page.get_by_role("link", name="Demo school 001").click()
    visit.check()
    expect(page.locator("h2", has_text="The answers")).to_be_visible()
    page.get_by_role("link", name="Moderate the ratings").click()
    visit.check()
    page.locator("main select").first.select_option(label="Partially met")
    page.get_by_role("button", name="Save moderated ratings").click()
    visit.check()
    expect(page.get_by_text("(moderated: Partially met)")).to_be_visible()

"""A board's budget per financial year: the board's people read it, its office records the
partners' contributions (money and in kind) and the spend; totals and balances add up; every change
is in the audit trail; downloads as CSV and XLSX."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from boards.funding import Budget, Contribution, SpendLine, money

from ..helpers import errors_of, page


@pytest.fixture
def budget(board, office, agency_x):
    budget = Budget(board=board, year=2016, brought_forward=Decimal("1000"))
    budget._history_user = office
    budget.save()
    Contribution.objects.create(
        budget=budget, agency=agency_x, label="Police", amount=Decimal("13811")
    )
    SpendLine.objects.create(budget=budget, heading="Independent Chair", amount=Decimal("23640"))
    return budget


def test_money_is_printed_as_the_seed_prints_it():
    assert money(Decimal("212588")) == "£212,588"
    assert money(Decimal("1234.5")) == "£1,234.50"
    assert money(Decimal("-50")) == "-£50"
    assert money(None) == ""


@pytest.mark.parametrize("role", ["office", "chair", "member", "lead_x", "subgroup_chair"])
def test_the_boards_people_read_the_budget(login_as, role, budget):
    text = page(login_as(role), reverse("boards:budget", args=[budget.pk]))
    assert "Budget 2016-17" in text
    assert "£13,811" in text and "£23,640" in text
    # brought forward 1,000 + 13,811 - 23,640
    assert "-£8,829" in text
    assert ("Add a line of spend" in text) == (role == "office")


def test_anonymous_is_sent_to_sign_in_and_another_board_gets_404(login_as, budget, outsider):
    url = reverse("boards:budget", args=[budget.pk])
    assert login_as("anonymous").get(url).status_code == 302
    assert login_as("outsider").get(url).status_code == 404
    line = budget.contributions.get()
    assert (
        login_as("outsider").get(reverse("boards:contribution_edit", args=[line.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("role", ["chair", "member", "lead_x"])
def test_only_the_office_changes_it(login_as, role, budget):
    client = login_as(role)
    line = budget.contributions.get()
    for url in [
        reverse("boards:budget_edit", args=[budget.pk]),
        reverse("boards:contribution_add", args=[budget.pk]),
        reverse("boards:contribution_edit", args=[line.pk]),
        reverse("boards:spend_add", args=[budget.pk]),
    ]:
        assert client.post(url, {"amount": "1"}).status_code == 403
    assert Contribution.objects.get().amount == Decimal("13811")


def test_the_office_records_a_year(login_as, board, office, agency_x, agency_y):
    client = login_as("office")
    response = client.post(
        reverse("boards:budget_add", args=[board.pk]),
        {"year": "2017", "brought_forward": "0", "notes": ""},
    )
    budget = Budget.objects.get(board=board, year=2017)
    assert response.url == budget.get_absolute_url()
    client.post(
        reverse("boards:contribution_add", args=[budget.pk]),
        {
            "agency": agency_x.pk,
            "label": "Police",
            "amount": "500",
            "in_kind": "",
            "in_kind_value": "",
        },
    )
    client.post(
        reverse("boards:contribution_add", args=[budget.pk]),
        {
            "agency": agency_y.pk,
            "label": "",
            "amount": "0",
            "in_kind": "A room for every meeting",
            "in_kind_value": "1200.50",
        },
    )
    client.post(
        reverse("boards:spend_add", args=[budget.pk]),
        {"heading": "Fees", "amount": "300", "note": "venue hire"},
    )
    text = page(client, budget.get_absolute_url())
    assert "A room for every meeting" in text and "£1,200.50" in text
    assert "Fees (venue hire)" in text
    assert "£200" in text  # carried forward: 0 + 500 - 300
    line = SpendLine.objects.get(budget=budget)
    assert line.history.get().history_user == office


def test_the_form_refuses_a_second_contribution_a_negative_sum_and_another_boards_agency(
    login_as, budget, agency_x, other_agency
):
    client = login_as("office")
    url = reverse("boards:contribution_add", args=[budget.pk])
    data = {"agency": agency_x.pk, "label": "", "amount": "-5", "in_kind": "", "in_kind_value": ""}
    errors = errors_of(client.post(url, data))
    assert errors["agency"] == ["This agency's contribution is already recorded: change that one"]
    assert errors["amount"] == ["Enter an amount of £0 or more"]
    errors = errors_of(client.post(url, {**data, "agency": other_agency.pk, "amount": "5"}))
    assert "agency" in errors
    errors = errors_of(
        client.post(
            reverse("boards:budget_add", args=[budget.board_id]),
            {"year": "2016", "brought_forward": "0"},
        )
    )
    assert errors["year"] == ["The board already has a budget for this year"]


def test_the_office_changes_and_removes_lines(login_as, budget, office):
    client = login_as("office")
    line = budget.spend_lines.get()
    client.post(
        reverse("boards:spend_edit", args=[line.pk]),
        {"heading": "Independent Chair", "amount": "24000", "note": ""},
    )
    line.refresh_from_db()
    assert line.amount == Decimal("24000")
    response = client.post(reverse("boards:spend_remove", args=[line.pk]), {"submit": "x"})
    assert response.status_code == 302 and not budget.spend_lines.exists()
    assert SpendLine.history.filter(history_type="-").get().history_user == office
    contribution = budget.contributions.get()
    client.post(reverse("boards:contribution_remove", args=[contribution.pk]), {"submit": "x"})
    assert not budget.contributions.exists()


def test_the_list_of_years_in_a_fixed_number_of_queries(
    login_as, board, agency_x, django_assert_max_num_queries
):
    for year in range(2000, 2030):
        budget = Budget.objects.create(board=board, year=year)
        Contribution.objects.create(budget=budget, agency=agency_x, amount=year)
        SpendLine.objects.create(budget=budget, heading="Fees", amount=1)
    client = login_as("member")
    url = reverse("boards:budgets", args=[board.pk])
    with django_assert_max_num_queries(12):
        text = page(client, url)
    assert "2029-30" in text and "£2,028" in text


def test_the_budget_page_in_a_fixed_number_of_queries(
    login_as, budget, agency_y, django_assert_max_num_queries
):
    for i in range(40):
        SpendLine.objects.create(budget=budget, heading=f"Line {i}", amount=i)
    client = login_as("office")
    with django_assert_max_num_queries(12):
        page(client, budget.get_absolute_url())


def test_the_download_holds_every_line_and_balance(login_as, budget):
    client = login_as("member")
    response = client.get(reverse("boards:budget_export", args=[budget.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Part", "Line", "Amount", "In kind", "Estimated value in kind", "Note"]
    assert ["Contribution", "Police", "13811.00", "", "", "Testshire Police"] in rows
    assert rows[-1] == ["Balance", "Carried forward to 2017-18", "-8829.00", "", "", ""]
    response = client.get(reverse("boards:budget_export", args=[budget.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Budget 2016-17"
    assert [c.value for c in sheet[3]][:2] == ["Contribution", "Police"]

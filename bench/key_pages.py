"""The pages the benchmark measures (bench/run.py) and the quick look (bench/pages.py): each key page
as the person who uses it, beside the floor (/healthz) and the Django admin changelist of the same
records."""

import statistics
from dataclasses import dataclass


@dataclass
class Page:
    key: str
    label: str
    role: str | None  # whose session; None: anonymous
    path: str  # formatted with the ids bench/prepare.py finds
    records: str = ""  # which count of prepare's `records` the page shows
    peer: str = ""  # the admin page of the same records
    kind: str = "key"  # key page, "floor" or "admin"


PAGES = [
    Page("healthz", "Floor: /healthz", None, "/healthz", kind="floor"),
    Page("home_office", "Home: office", "office", "/", peer="admin_index"),
    Page("home_chair", "Home: independent chair", "chair", "/", peer="admin_index"),
    Page("home_subgroup", "Home: subgroup chair", "subgroup chair", "/", peer="admin_index"),
    Page(
        "mine", "My actions: subgroup chair", "subgroup chair", "/actions/mine/", peer="admin_plan"
    ),
    Page("home_lead", "Home: agency lead", "agency lead", "/", peer="admin_index"),
    Page("home_member", "Home: board member", "member", "/", peer="admin_index"),
    Page(
        "home_national",
        "Home: office of a synthetic board (national cycles)",
        "national office",
        "/",
        "national_2016",
        "admin_index",
    ),
    Page("plans", "Plan list", "office", "/boards/{board}/plans/", "board", "admin_plans"),
    Page("plan", "Plan page (business plan)", "office", "/plans/{plan}/", "plan", "admin_plan"),
    Page("action", "Action page (1.1)", "office", "/actions/{action}/", "action", "admin_action"),
    Page(
        "report",
        "Section 11 report, demo 2016-17",
        "office",
        "/audits/{cycle}/report/",
        "cycle",
        "admin_returns",
    ),
    Page(
        "report_2015",
        "Section 11 report, national 2015-16",
        "national office",
        "/audits/{national_2015}/report/",
        "national_2015",
        "admin_returns_2015",
    ),
    Page(
        "report_2016",
        "Section 11 report, national 2016-17 (+ 2015-16 compared)",
        "national office",
        "/audits/{national_2016}/report/",
        "national_2016",
        "admin_returns_2016",
    ),
    Page("scorecard", "Scorecard", "office", "/boards/{board}/scorecard/", "", "admin_figures"),
    Page(
        "scorecard_national",
        "Scorecard, synthetic board (10 years monthly)",
        "national office",
        "/boards/{national_board}/scorecard/",
        "",
        "admin_figures_national",
    ),
    Page("annual", "Annual report 2016-17 (HTML)", "office", "/annual-reports/{annual}/", "annual"),
    Page(
        "annual_national",
        "Annual report (HTML), synthetic board (national cycles)",
        "national office",
        "/annual-reports/{national_annual}/",
        "national_annual",
    ),
    # The admin is the system administrators' alone (office staff are refused it).
    Page("admin_index", "Admin: index", "system administrator", "/admin/", kind="admin"),
    Page(
        "admin_plans",
        "Admin: plans of the board",
        "system administrator",
        "/admin/actions/plan/?board__id__exact={board}",
        "board",
        kind="admin",
    ),
    Page(
        "admin_plan",
        "Admin: actions of the plan",
        "system administrator",
        "/admin/actions/action/?plan__id__exact={plan}",
        "plan",
        kind="admin",
    ),
    Page(
        "admin_action",
        "Admin: updates of the action",
        "system administrator",
        "/admin/actions/update/?action__id__exact={action}",
        "action",
        kind="admin",
    ),
    Page(
        "admin_figures",
        "Admin: the board's indicators",
        "system administrator",
        "/admin/performance/indicator/?board__id__exact={board}",
        kind="admin",
    ),
    Page(
        "admin_figures_national",
        "Admin: indicators, synthetic board",
        "system administrator",
        "/admin/performance/indicator/?board__id__exact={national_board}",
        kind="admin",
    ),
    Page(
        "admin_returns",
        "Admin: returns of demo 2016-17",
        "system administrator",
        "/admin/audits/submission/?cycle__id__exact={cycle}",
        "cycle",
        kind="admin",
    ),
    Page(
        "admin_returns_2015",
        "Admin: returns of national 2015-16",
        "system administrator",
        "/admin/audits/submission/?cycle__id__exact={national_2015}",
        "national_2015",
        kind="admin",
    ),
    Page(
        "admin_returns_2016",
        "Admin: returns of national 2016-17",
        "system administrator",
        "/admin/audits/submission/?cycle__id__exact={national_2016}",
        "national_2016",
        kind="admin",
    ),
]


def p95(values):
    return (
        statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]
    )

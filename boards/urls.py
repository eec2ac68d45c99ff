from django.urls import path, re_path

from .views import agencies, boards, budgets, import_mappings, kind_change, links, people, statutory

app_name = "boards"
urlpatterns = [
    path("boards/<int:pk>/", boards.board_detail, name="board"),
    path("boards/<int:pk>/people/", people.board_people, name="people"),
    path("boards/<int:pk>/people/add/", people.board_person_add, name="person_add"),
    path("boards/memberships/<int:pk>/remove/", people.board_person_remove, name="person_remove"),
    path("boards/<int:pk>/agencies/", agencies.agency_list, name="agencies"),
    path("boards/<int:pk>/agencies/add/", agencies.agency_add, name="agency_add"),
    path("boards/<int:board_pk>/agencies/<int:pk>/edit/", agencies.agency_edit, name="agency_edit"),
    path("agencies/<int:pk>/", agencies.agency_detail, name="agency"),
    path("boards/<int:pk>/edit/", boards.board_edit, name="edit"),
    path("boards/<int:pk>/kind/", kind_change.kind_change_page, name="kind_change"),
    path("boards/<int:pk>/links/add/", links.link_add, name="link_add"),
    path("boards/links/<int:pk>/edit/", links.link_edit, name="link_edit"),
    path("boards/links/<int:pk>/remove/", links.link_remove, name="link_remove"),
    path(
        "boards/<int:board_pk>/agencies/<int:pk>/remove/",
        agencies.agency_remove,
        name="agency_remove",
    ),
    path(
        "boards/<int:board_pk>/import-columns/",
        import_mappings.mapping_list,
        name="import_mappings",
    ),
    path(
        "boards/import-columns/<int:pk>/",
        import_mappings.mapping_edit,
        name="import_mapping_edit",
    ),
    path(
        "boards/import-columns/<int:pk>/forget/",
        import_mappings.mapping_remove,
        name="import_mapping_remove",
    ),
    path(
        "boards/<int:board_pk>/relevant-agencies/",
        statutory.relevant_agencies,
        name="relevant_agencies",
    ),
    path(
        "boards/<int:board_pk>/relevant-agencies/<int:pk>/",
        statutory.relevant_agency_edit,
        name="relevant_agency_edit",
    ),
    path("boards/<int:board_pk>/scrutiny/", statutory.findings, name="findings"),
    path("boards/<int:board_pk>/scrutiny/add/", statutory.finding_add, name="finding_add"),
    path("boards/scrutiny/<int:pk>/", statutory.finding, name="finding"),
    path("boards/scrutiny/<int:pk>/respond/", statutory.finding_respond, name="finding_respond"),
    path("boards/<int:board_pk>/budgets/", budgets.budget_list, name="budgets"),
    path("boards/<int:board_pk>/budgets/add/", budgets.budget_add, name="budget_add"),
    path("budgets/<int:pk>/", budgets.budget_detail, name="budget"),
    path("budgets/<int:pk>/edit/", budgets.budget_edit, name="budget_edit"),
    re_path(
        r"^budgets/(?P<pk>[0-9]+)/budget\.(?P<fmt>csv|xlsx)$",
        budgets.budget_export,
        name="budget_export",
    ),
    path("budgets/<int:pk>/contributions/add/", budgets.contribution_add, name="contribution_add"),
    path("contributions/<int:pk>/edit/", budgets.contribution_edit, name="contribution_edit"),
    path("contributions/<int:pk>/remove/", budgets.contribution_remove, name="contribution_remove"),
    path("budgets/<int:pk>/spend/add/", budgets.spend_add, name="spend_add"),
    path("spend/<int:pk>/edit/", budgets.spend_edit, name="spend_edit"),
    path("spend/<int:pk>/remove/", budgets.spend_remove, name="spend_remove"),
    path("invitations/<str:token>/", people.invitation, name="invitation"),
    path(
        "boards/invitations/<int:pk>/withdraw/",
        people.invitation_withdraw,
        name="invitation_withdraw",
    ),
]

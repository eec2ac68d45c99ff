from django.urls import path, re_path

from .views import actions, cycles, imports, plans, themes

app_name = "actions"
urlpatterns = [
    path("boards/<int:board_pk>/plans/", plans.plan_list, name="plans"),
    path("boards/<int:board_pk>/plans/import/", plans.plan_import, name="import"),
    path("boards/<int:board_pk>/plans/imports/", imports.import_list, name="imports"),
    path("plan-imports/<int:pk>/undo/", imports.import_undo, name="import_undo"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan"),
    re_path(r"^plans/(?P<pk>[0-9]+)/export\.(?P<fmt>csv|xlsx)$", plans.plan_export, name="export"),
    path("actions/mine/", actions.my_actions, name="mine"),
    path("actions/<int:pk>/", actions.action_detail, name="action"),
    path("actions/<int:pk>/update/", actions.action_update, name="update"),
    path("updates/<int:pk>/withdraw/", actions.update_withdraw, name="update_withdraw"),
    path("boards/<int:board_pk>/plans/add/", plans.plan_add, name="plan_add"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/themes/add/", themes.theme_add, name="theme_add"),
    path("themes/<int:pk>/edit/", themes.theme_edit, name="theme_edit"),
    path("plans/<int:pk>/cycles/add/", cycles.cycle_add, name="cycle_add"),
    path("cycles/<int:pk>/edit/", cycles.cycle_edit, name="cycle_edit"),
    path("plans/<int:pk>/actions/add/", actions.action_add, name="action_add"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action_edit"),
    path("plans/<int:pk>/carry-forward/", plans.plan_carry_forward, name="carry_forward"),
    path("plans/<int:pk>/history/", plans.plan_history, name="history"),
]

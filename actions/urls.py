from django.urls import path, re_path

from . import planning, views

app_name = "actions"
urlpatterns = [
    path("boards/<int:board_pk>/plans/", views.plan_list, name="plans"),
    path("boards/<int:board_pk>/plans/import/", views.plan_import, name="import"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    re_path(r"^plans/(?P<pk>[0-9]+)/export\.(?P<fmt>csv|xlsx)$", views.plan_export, name="export"),
    path("actions/mine/", views.my_actions, name="mine"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/update/", views.action_update, name="update"),
    path("boards/<int:board_pk>/plans/add/", planning.plan_add, name="plan_add"),
    path("plans/<int:pk>/edit/", planning.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/themes/add/", planning.theme_add, name="theme_add"),
    path("themes/<int:pk>/edit/", planning.theme_edit, name="theme_edit"),
    path("plans/<int:pk>/cycles/add/", planning.cycle_add, name="cycle_add"),
    path("cycles/<int:pk>/edit/", planning.cycle_edit, name="cycle_edit"),
    path("plans/<int:pk>/actions/add/", planning.action_add, name="action_add"),
    path("actions/<int:pk>/edit/", planning.action_edit, name="action_edit"),
    path("plans/<int:pk>/carry-forward/", planning.plan_carry_forward, name="carry_forward"),
    path("plans/<int:pk>/history/", planning.plan_history, name="history"),
]

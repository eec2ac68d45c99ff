from django.urls import path, re_path

from . import views

app_name = "actions"
urlpatterns = [
    path("boards/<int:board_pk>/plans/", views.plan_list, name="plans"),
    path("boards/<int:board_pk>/plans/import/", views.plan_import, name="import"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    re_path(r"^plans/(?P<pk>[0-9]+)/export\.(?P<fmt>csv|xlsx)$", views.plan_export, name="export"),
    path("actions/mine/", views.my_actions, name="mine"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/update/", views.action_update, name="update"),
]

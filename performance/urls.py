from django.urls import path, re_path

from . import editing, views

app_name = "performance"
urlpatterns = [
    path("performance/", views.index, name="index"),
    path("boards/<int:board_pk>/scorecard/", views.scorecard, name="scorecard"),
    re_path(
        r"^boards/(?P<board_pk>[0-9]+)/scorecard/export\.(?P<fmt>csv|xlsx)$",
        views.scorecard_export,
        name="export",
    ),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator"),
    path("boards/<int:board_pk>/indicators/add/", editing.indicator_add, name="indicator_add"),
    path("indicators/<int:pk>/edit/", editing.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/targets/add/", editing.target_add, name="target_add"),
    path("targets/<int:pk>/edit/", editing.target_edit, name="target_edit"),
    path("indicators/<int:pk>/figures/add/", editing.measurement_add, name="measurement_add"),
    path("figures/<int:pk>/edit/", editing.measurement_edit, name="measurement_edit"),
    path("figures/<int:pk>/override/", editing.override, name="override"),
    path("boards/<int:board_pk>/figures/import/", editing.measurement_import, name="import"),
]

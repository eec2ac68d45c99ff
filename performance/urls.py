from django.urls import path, re_path

from .views import figures, imports, indicators, scorecard

app_name = "performance"
urlpatterns = [
    path("performance/", scorecard.index, name="index"),
    path("boards/<int:board_pk>/scorecard/", scorecard.scorecard, name="scorecard"),
    re_path(
        r"^boards/(?P<board_pk>[0-9]+)/scorecard/export\.(?P<fmt>csv|xlsx)$",
        scorecard.scorecard_export,
        name="export",
    ),
    path("indicators/<int:pk>/", indicators.indicator_detail, name="indicator"),
    path("boards/<int:board_pk>/indicators/add/", indicators.indicator_add, name="indicator_add"),
    path("indicators/<int:pk>/edit/", indicators.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/targets/add/", indicators.target_add, name="target_add"),
    path("targets/<int:pk>/edit/", indicators.target_edit, name="target_edit"),
    path("indicators/<int:pk>/figures/add/", figures.measurement_add, name="measurement_add"),
    path("figures/<int:pk>/edit/", figures.measurement_edit, name="measurement_edit"),
    path("figures/<int:pk>/delete/", figures.measurement_delete, name="measurement_delete"),
    path("indicators/<int:pk>/history/", indicators.indicator_history, name="indicator_history"),
    path("figures/<int:pk>/override/", figures.override, name="override"),
    path("boards/<int:board_pk>/figures/import/", figures.measurement_import, name="import"),
    path("boards/<int:board_pk>/figures/imports/", imports.import_list, name="imports"),
    path("figure-imports/<int:pk>/undo/", imports.import_undo, name="import_undo"),
]

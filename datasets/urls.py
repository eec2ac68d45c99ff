from django.urls import path

from .views import datasets, figures

app_name = "datasets"
urlpatterns = [
    path("boards/<int:board_pk>/datasets/", datasets.index, name="index"),
    path("boards/<int:board_pk>/datasets/add/", datasets.dataset_add, name="add"),
    path(
        "boards/<int:board_pk>/datasets/standard/", datasets.add_standard, name="add_from_library"
    ),
    path("datasets/<int:pk>/", datasets.dataset_detail, name="dataset"),
    path("datasets/<int:pk>/edit/", datasets.dataset_edit, name="edit"),
    path("datasets/<int:pk>/history/", datasets.dataset_history, name="history"),
    path("datasets/<int:pk>/dimensions/add/", datasets.dimension_add, name="dimension_add"),
    path("dataset-dimensions/<int:pk>/edit/", datasets.dimension_edit, name="dimension_edit"),
    path("datasets/<int:pk>/measures/add/", datasets.measure_add, name="measure_add"),
    path("dataset-measures/<int:pk>/edit/", datasets.measure_edit, name="measure_edit"),
    path("datasets/<int:pk>/figures/", figures.period_figures, name="period"),
    path("datasets/<int:pk>/figures/import/", figures.figures_import, name="import"),
    path("datasets/<int:pk>/figures/<str:period>/", figures.period_figures, name="period_edit"),
    path("dataset-figures/<int:pk>/edit/", figures.figure_edit, name="figure_edit"),
    path("dataset-figures/<int:pk>/delete/", figures.figure_delete, name="figure_delete"),
]

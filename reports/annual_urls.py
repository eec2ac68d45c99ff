from django.urls import path, re_path

from . import annual_views as views

app_name = "reports"
urlpatterns = [
    path("boards/<int:board_pk>/annual-reports/", views.report_list, name="annual_list"),
    path("boards/<int:board_pk>/annual-reports/add/", views.report_add, name="annual_add"),
    path("annual-reports/<int:pk>/", views.report_detail, name="annual"),
    path("annual-reports/<int:pk>/edit/", views.report_edit, name="annual_edit"),
    path("annual-reports/<int:pk>/publish/", views.report_publish, name="annual_publish"),
    re_path(
        r"^annual-reports/(?P<pk>[0-9]+)/report\.(?P<fmt>pdf|xlsx)$",
        views.report_output,
        name="annual_output",
    ),
    path("annual-reports/<int:pk>/sections/add/", views.section_add, name="section_add"),
    path("report-sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("report-sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    re_path(
        r"^publications/(?P<pk>[0-9]+)/report\.(?P<fmt>html|pdf|xlsx)$",
        views.publication,
        name="publication",
    ),
]

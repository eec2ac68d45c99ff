from django.urls import path, re_path

from .views import annual_reports, publishing, themes

# The home page (reports.views.home) is routed from lscb/urls.py: its name "home" has no namespace.
app_name = "reports"
urlpatterns = [
    path("learning-themes/", themes.themes, name="themes"),
    path("boards/<int:board_pk>/annual-reports/", annual_reports.report_list, name="annual_list"),
    path("boards/<int:board_pk>/annual-reports/add/", annual_reports.report_add, name="annual_add"),
    path("annual-reports/<int:pk>/", annual_reports.report_detail, name="annual"),
    path("annual-reports/<int:pk>/edit/", annual_reports.report_edit, name="annual_edit"),
    path("annual-reports/<int:pk>/publish/", publishing.report_publish, name="annual_publish"),
    re_path(
        r"^annual-reports/(?P<pk>[0-9]+)/report\.(?P<fmt>pdf|xlsx)$",
        annual_reports.report_output,
        name="annual_output",
    ),
    path("annual-reports/<int:pk>/sections/add/", annual_reports.section_add, name="section_add"),
    path("report-sections/<int:pk>/edit/", annual_reports.section_edit, name="section_edit"),
    path("report-sections/<int:pk>/delete/", annual_reports.section_delete, name="section_delete"),
    re_path(
        r"^publications/(?P<pk>[0-9]+)/report\.(?P<fmt>html|pdf|xlsx|zip)$",
        annual_reports.publication,
        name="publication",
    ),
    path("publications/<int:pk>/sent/", publishing.publication_sent, name="publication_sent"),
    path("report-sections/<int:pk>/statement/", publishing.statement_edit, name="statement_edit"),
    path(
        "boards/<int:board_pk>/report-recipients/",
        publishing.recipient_list,
        name="recipients",
    ),
    path(
        "boards/<int:board_pk>/report-recipients/add/",
        publishing.recipient_add,
        name="recipient_add",
    ),
    path("report-recipients/<int:pk>/edit/", publishing.recipient_edit, name="recipient_edit"),
    path(
        "report-recipients/<int:pk>/remove/", publishing.recipient_remove, name="recipient_remove"
    ),
]

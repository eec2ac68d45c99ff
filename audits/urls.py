from django.urls import path, re_path

from . import views

app_name = "audits"
urlpatterns = [
    path("audits/", views.cycle_list, name="cycles"),
    path("audits/add/", views.cycle_add, name="cycle_add"),
    path("audits/<int:pk>/", views.cycle_detail, name="cycle"),
    path("audits/<int:pk>/edit/", views.cycle_edit, name="cycle_edit"),
    path("audits/<int:pk>/start/", views.submission_start, name="start"),
    path("audits/<int:pk>/report/", views.cycle_report, name="report"),
    re_path(
        r"^audits/(?P<pk>[0-9]+)/report\.(?P<fmt>csv|xlsx)$",
        views.cycle_report_export,
        name="report_export",
    ),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path(
        "submissions/<int:pk>/standards/<int:number>/", views.submission_standard, name="standard"
    ),
    path("submissions/<int:pk>/submit/", views.submission_submit, name="submit"),
    path("submissions/<int:pk>/review/", views.submission_review, name="review"),
    path("submissions/<int:pk>/moderate/", views.submission_moderate, name="moderate"),
]

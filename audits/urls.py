from django.urls import path, re_path

from . import framework_views, views

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
    path("frameworks/", framework_views.framework_list, name="frameworks"),
    path("frameworks/add/", framework_views.framework_add, name="framework_add"),
    path("frameworks/<int:pk>/", framework_views.framework_detail, name="framework"),
    path("frameworks/<int:pk>/edit/", framework_views.framework_edit, name="framework_edit"),
    path("frameworks/<int:pk>/copy/", framework_views.framework_copy, name="framework_copy"),
    path("frameworks/<int:pk>/share/", framework_views.framework_share, name="framework_share"),
    path("frameworks/<int:pk>/standards/add/", framework_views.standard_add, name="standard_add"),
    path("standards/<int:pk>/edit/", framework_views.standard_edit, name="standard_edit"),
    path("standards/<int:pk>/delete/", framework_views.standard_delete, name="standard_delete"),
    path("standards/<int:pk>/criteria/add/", framework_views.criterion_add, name="criterion_add"),
    path("criteria/<int:pk>/edit/", framework_views.criterion_edit, name="criterion_edit"),
    path("criteria/<int:pk>/delete/", framework_views.criterion_delete, name="criterion_delete"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission"),
    path(
        "submissions/<int:pk>/standards/<int:number>/", views.submission_standard, name="standard"
    ),
    path("submissions/<int:pk>/submit/", views.submission_submit, name="submit"),
    path("submissions/<int:pk>/review/", views.submission_review, name="review"),
    path("submissions/<int:pk>/moderate/", views.submission_moderate, name="moderate"),
]

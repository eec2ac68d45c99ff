from django.urls import path, re_path

from .views import cycles, frameworks, quality, returns, submissions

app_name = "audits"
# Multi-agency quality audits (views/quality.py).
quality_urls = [
    path("quality-audits/", quality.quality_list, name="quality_audits"),
    path(
        "boards/<int:board_pk>/quality-audits/add/", quality.quality_add, name="quality_audit_add"
    ),
    path("quality-audits/<int:pk>/", quality.quality_detail, name="quality_audit"),
    path("quality-audits/<int:pk>/edit/", quality.quality_edit, name="quality_audit_edit"),
    path("quality-audits/<int:pk>/record/", quality.quality_record, name="quality_audit_record"),
    path("quality-audits/<int:pk>/findings/add/", quality.finding_add, name="finding_add"),
    path("audit-findings/<int:pk>/edit/", quality.finding_edit, name="finding_edit"),
    path(
        "quality-audits/<int:pk>/recommendations/add/",
        quality.recommendation_add,
        name="quality_recommendation_add",
    ),
    path(
        "audit-recommendations/<int:pk>/edit/",
        quality.recommendation_edit,
        name="quality_recommendation_edit",
    ),
    path(
        "audit-recommendations/<int:pk>/action/",
        quality.recommendation_action,
        name="quality_recommendation_action",
    ),
]
urlpatterns = [
    path("audits/", cycles.cycle_list, name="cycles"),
    path("audits/add/", cycles.cycle_add, name="cycle_add"),
    path("audits/returns/", returns.return_list, name="returns"),
    path("audits/<int:pk>/", cycles.cycle_detail, name="cycle"),
    path("audits/<int:pk>/edit/", cycles.cycle_edit, name="cycle_edit"),
    path("audits/<int:pk>/start/", submissions.submission_start, name="start"),
    path("audits/<int:pk>/report/", cycles.cycle_report, name="report"),
    re_path(
        r"^audits/(?P<pk>[0-9]+)/report\.(?P<fmt>csv|xlsx)$",
        cycles.cycle_report_export,
        name="report_export",
    ),
    path("frameworks/", frameworks.framework_list, name="frameworks"),
    path("frameworks/add/", frameworks.framework_add, name="framework_add"),
    path("frameworks/<int:pk>/", frameworks.framework_detail, name="framework"),
    path("frameworks/<int:pk>/edit/", frameworks.framework_edit, name="framework_edit"),
    path("frameworks/<int:pk>/copy/", frameworks.framework_copy, name="framework_copy"),
    path("frameworks/<int:pk>/share/", frameworks.framework_share, name="framework_share"),
    path("frameworks/<int:pk>/standards/add/", frameworks.standard_add, name="standard_add"),
    path("standards/<int:pk>/edit/", frameworks.standard_edit, name="standard_edit"),
    path("standards/<int:pk>/delete/", frameworks.standard_delete, name="standard_delete"),
    path("standards/<int:pk>/criteria/add/", frameworks.criterion_add, name="criterion_add"),
    path("criteria/<int:pk>/edit/", frameworks.criterion_edit, name="criterion_edit"),
    path("criteria/<int:pk>/delete/", frameworks.criterion_delete, name="criterion_delete"),
    path("submissions/<int:pk>/", submissions.submission_detail, name="submission"),
    path(
        "submissions/<int:pk>/standards/<int:number>/",
        submissions.submission_standard,
        name="standard",
    ),
    path("submissions/<int:pk>/submit/", submissions.submission_submit, name="submit"),
    path("submissions/<int:pk>/review/", submissions.submission_review, name="review"),
    path("submissions/<int:pk>/moderate/", submissions.submission_moderate, name="moderate"),
    *quality_urls,
]

from .views import good_practice  # noqa: E402 (the good practice catalogue)

urlpatterns += [
    path("good-practice/", good_practice.catalogue, name="good_practice"),
    path("good-practice/yours/", good_practice.mine, name="good_practice_mine"),
    path(
        "good-practice/boards/<int:board_pk>/add/",
        good_practice.example_add,
        name="good_practice_add",
    ),
    path("good-practice/<int:pk>/", good_practice.example_detail, name="good_practice_entry"),
    path("good-practice/<int:pk>/edit/", good_practice.example_edit, name="good_practice_edit"),
    path(
        "good-practice/<int:pk>/decide/", good_practice.example_decide, name="good_practice_decide"
    ),
    path(
        "good-practice/<int:pk>/withdraw/",
        good_practice.example_withdraw,
        name="good_practice_withdraw",
    ),
]

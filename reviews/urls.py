from django.urls import path, re_path

from .views import incidents, lessons, reviews, sar

app_name = "reviews"
urlpatterns = [
    path("reviews/", reviews.review_list, name="list"),
    re_path(r"^reviews/export\.(?P<fmt>csv|xlsx)$", reviews.review_export, name="export"),
    path("reviews/clocks/", reviews.clock_list, name="clocks"),
    path("reviews/lessons/", lessons.lessons_by_theme, name="lessons"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review"),
    path("boards/<int:board_pk>/reviews/add/", reviews.review_add, name="add"),
    path("boards/<int:board_pk>/reviews/settings/", reviews.review_settings, name="settings"),
    path("boards/<int:board_pk>/learning-themes/add/", lessons.theme_add, name="theme_add"),
    path("learning-themes/<int:pk>/edit/", lessons.theme_edit, name="theme_edit"),
    path("reviews/<int:pk>/edit/", reviews.review_edit, name="edit"),
    path("reviews/<int:pk>/status/", reviews.review_status, name="status"),
    path("reviews/<int:pk>/recategorise/", reviews.review_recategorise, name="recategorise"),
    path("reviews/<int:pk>/lessons/add/", lessons.lesson_add, name="lesson_add"),
    path("lessons/<int:pk>/edit/", lessons.lesson_edit, name="lesson_edit"),
    path(
        "reviews/<int:pk>/recommendations/add/",
        lessons.recommendation_add,
        name="recommendation_add",
    ),
    path("recommendations/<int:pk>/edit/", lessons.recommendation_edit, name="recommendation_edit"),
    path("reviews/<int:pk>/dissemination/", reviews.dissemination, name="dissemination"),
    path("reviews/<int:pk>/action-plan/", reviews.plan_open, name="plan_open"),
    path("reviews/<int:pk>/history/", reviews.review_history, name="history"),
    # The serious incident pipeline (reviews/views/incidents.py).
    path("reviews/<int:pk>/ask-agencies/", incidents.ask_agencies, name="information_ask"),
    path("reviews/information/", incidents.request_list, name="information_requests"),
    path("reviews/information/<int:pk>/", incidents.request_detail, name="information_request"),
    path("reviews/information/<int:pk>/due/", incidents.request_due, name="information_due"),
    path(
        "reviews/information/<int:pk>/return/", incidents.request_return, name="information_return"
    ),
    path("reviews/<int:pk>/panel-response/", incidents.panel_response, name="panel_response"),
    path("reviews/<int:pk>/decision/", incidents.lcspr_decision, name="lcspr_decision"),
    path("boards/<int:board_pk>/reviews/monitoring/", incidents.monitoring, name="monitoring"),
]

# Safeguarding adults reviews (reviews/views/sar.py).
urlpatterns += [
    path("boards/<int:board_pk>/sars/", sar.sar_list, name="sar_list"),
    path("boards/<int:board_pk>/sars/add/", sar.sar_add, name="sar_add"),
    re_path(
        r"^boards/(?P<board_pk>[0-9]+)/sars/library\.(?P<fmt>csv|xlsx)$",
        sar.sar_export_view,
        name="sar_export",
    ),
    path("reviews/<int:pk>/sar/referral/", sar.sar_referral, name="sar_referral"),
    path("reviews/<int:pk>/sar/decision/", sar.sar_decision, name="sar_decision"),
    path("reviews/<int:pk>/sar/methodology/", sar.sar_methodology, name="sar_methodology"),
    path("reviews/<int:pk>/sar/coversheet/", sar.sar_coversheet, name="sar_coversheet"),
    path("reviews/<int:pk>/sar/quality-markers/", sar.sar_markers, name="sar_markers"),
]

from django.urls import path, re_path

from . import editing, views

app_name = "reviews"
urlpatterns = [
    path("reviews/", views.review_list, name="list"),
    re_path(r"^reviews/export\.(?P<fmt>csv|xlsx)$", views.review_export, name="export"),
    path("reviews/clocks/", views.clock_list, name="clocks"),
    path("reviews/lessons/", views.lessons_by_theme, name="lessons"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("boards/<int:board_pk>/reviews/add/", editing.review_add, name="add"),
    path("boards/<int:board_pk>/reviews/settings/", editing.review_settings, name="settings"),
    path("boards/<int:board_pk>/learning-themes/add/", editing.theme_add, name="theme_add"),
    path("learning-themes/<int:pk>/edit/", editing.theme_edit, name="theme_edit"),
    path("reviews/<int:pk>/edit/", editing.review_edit, name="edit"),
    path("reviews/<int:pk>/status/", editing.review_status, name="status"),
    path("reviews/<int:pk>/recategorise/", editing.review_recategorise, name="recategorise"),
    path("reviews/<int:pk>/lessons/add/", editing.lesson_add, name="lesson_add"),
    path("lessons/<int:pk>/edit/", editing.lesson_edit, name="lesson_edit"),
    path(
        "reviews/<int:pk>/recommendations/add/",
        editing.recommendation_add,
        name="recommendation_add",
    ),
    path("recommendations/<int:pk>/edit/", editing.recommendation_edit, name="recommendation_edit"),
    path("reviews/<int:pk>/dissemination/", editing.dissemination, name="dissemination"),
    path("reviews/<int:pk>/action-plan/", editing.plan_open, name="plan_open"),
    path("reviews/<int:pk>/history/", editing.review_history, name="history"),
]

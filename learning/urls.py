from django.urls import path

from .views import training, training_figures

app_name = "learning"

urlpatterns = [
    path("training/", training.index, name="index"),
    path("boards/<int:board_pk>/training/courses/add/", training.course_add, name="course_add"),
    path("training/courses/<int:pk>/", training.course, name="course"),
    path("training/courses/<int:pk>/edit/", training.course_edit, name="course_edit"),
    path("training/courses/<int:pk>/sessions/add/", training.session_add, name="session_add"),
    path("training/sessions/<int:pk>/", training.session, name="session"),
    path("training/sessions/<int:pk>/edit/", training.session_edit, name="session_edit"),
    path("training/sessions/<int:pk>/book/", training.book, name="book"),
    path("training/sessions/<int:pk>/attendance/", training.attendance, name="attendance"),
    path("training/bookings/<int:pk>/cancel/", training.booking_cancel, name="booking_cancel"),
    path("boards/<int:board_pk>/training/trainers/", training.trainers, name="trainers"),
    path("boards/<int:board_pk>/training/trainers/add/", training.trainer_add, name="trainer_add"),
    path("training/trainers/<int:pk>/edit/", training.trainer_edit, name="trainer_edit"),
    path("boards/<int:board_pk>/training/attendance/", training_figures.counts, name="counts"),
    path("boards/<int:board_pk>/training/attendees/", training_figures.attendees, name="attendees"),
    path(
        "boards/<int:board_pk>/training/evaluation/",
        training_figures.evaluations,
        name="evaluations",
    ),
    path("training/evaluation/<str:token>/", training_figures.evaluate, name="evaluate"),
    path(
        "boards/<int:board_pk>/training/e-learning/",
        training_figures.elearning_view,
        name="elearning",
    ),
    path(
        "boards/<int:board_pk>/training/e-learning/import/",
        training_figures.elearning_import,
        name="elearning_import",
    ),
    path(
        "training/e-learning/departments/<int:pk>/edit/",
        training_figures.department_edit,
        name="department_edit",
    ),
]

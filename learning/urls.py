from django.urls import path

from .views import survey, training, training_figures

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
    path("boards/<int:board_pk>/surveys/", survey.survey_list, name="surveys"),
    path("boards/<int:board_pk>/surveys/add/", survey.survey_add, name="survey_add"),
    path("surveys/<int:pk>/", survey.survey_detail, name="survey"),
    path("surveys/<int:pk>/edit/", survey.survey_edit, name="survey_edit"),
    path("surveys/<int:pk>/questions/add/", survey.question_add, name="question_add"),
    path("survey-questions/<int:pk>/edit/", survey.question_edit, name="question_edit"),
    path("survey-questions/<int:pk>/remove/", survey.question_remove, name="question_remove"),
    path("surveys/<int:pk>/links/", survey.survey_links, name="survey_links"),
    path("surveys/<int:pk>/results/", survey.survey_results, name="survey_results"),
    path("surveys/<int:pk>/comments/", survey.survey_comments, name="survey_comments"),
    # Anonymous: anyone with an agency's link answers; nothing of who they are is kept.
    path("survey/<str:token>/", survey.survey_answer, name="survey_answer"),
    path("survey/<str:token>/thanks/", survey.survey_thanks, name="survey_thanks"),
]

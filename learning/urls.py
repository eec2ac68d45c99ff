from django.urls import path

from .views import survey

app_name = "learning"

urlpatterns = [
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

from django.urls import path

from . import views

app_name = "actions"
urlpatterns = [
    path("boards/<int:board_pk>/plans/", views.plan_list, name="plans"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("actions/mine/", views.my_actions, name="mine"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/update/", views.action_update, name="update"),
]

from django.urls import path

from . import views

app_name = "subgroups"
urlpatterns = [
    path("subgroups/<int:pk>/", views.subgroup_detail, name="subgroup"),
    path("boards/<int:board_pk>/subgroups/add/", views.subgroup_add, name="add"),
    path("subgroups/<int:pk>/edit/", views.subgroup_edit, name="edit"),
    path(
        "subgroups/<int:pk>/terms-of-reference/",
        views.terms_of_reference,
        name="terms_of_reference",
    ),
    path("subgroups/<int:pk>/members/add/", views.member_add, name="member_add"),
    path("subgroups/members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("subgroups/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
]

from django.urls import path

from . import editing, views

app_name = "boards"
urlpatterns = [
    path("boards/<int:pk>/", views.board_detail, name="board"),
    path("boards/<int:pk>/people/", views.board_people, name="people"),
    path("boards/<int:pk>/people/add/", views.board_person_add, name="person_add"),
    path("boards/memberships/<int:pk>/remove/", views.board_person_remove, name="person_remove"),
    path("boards/<int:pk>/agencies/add/", views.agency_add, name="agency_add"),
    path("boards/<int:board_pk>/agencies/<int:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency"),
    path("boards/<int:pk>/edit/", editing.board_edit, name="edit"),
    path("boards/<int:pk>/links/add/", editing.link_add, name="link_add"),
    path("boards/links/<int:pk>/edit/", editing.link_edit, name="link_edit"),
    path("boards/links/<int:pk>/remove/", editing.link_remove, name="link_remove"),
    path(
        "boards/<int:board_pk>/agencies/<int:pk>/remove/",
        editing.agency_remove,
        name="agency_remove",
    ),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path(
        "boards/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]

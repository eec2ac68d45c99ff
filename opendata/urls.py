from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("boards/<int:pk>/open-data/", views.export_page, name="export"),
    path("boards/<int:pk>/open-data/board.zip", views.download, name="download"),
]

from django.contrib import admin
from django.urls import include, path

from reports.views.home import home

urlpatterns = [
    path("", include("accounts.urls")),
    path("", home, name="home"),
    path("", include("boards.urls")),
    path("", include("subgroups.urls")),
    path("", include("actions.urls")),
    path("", include("audits.urls")),
    path("", include("reports.urls")),
    path("", include("performance.urls")),
    path("", include("datasets.urls")),
    path("", include("reviews.urls")),
    path("", include("learning.urls")),
    path("", include("notifications.urls")),
    path("", include("api.urls")),
    path("", include("opendata.urls")),
    path("admin/", admin.site.urls),
]

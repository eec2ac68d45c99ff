from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from .views import pages, performance, plans, reports, reviews, section_11

app_name = "api"
urlpatterns = [
    # A person's own tokens, and the documentation (pages, signed in with the session).
    path("account/api-tokens/", pages.token_list, name="tokens"),
    path("account/api-tokens/<int:pk>/revoke/", pages.token_revoke, name="token_revoke"),
    path("api/docs/", pages.docs, name="docs"),
    path("api/schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    # The read API (a token in the Authorization header).
    path("api/boards/", plans.BoardList.as_view(), name="boards"),
    path("api/plans/", plans.PlanList.as_view(), name="plans"),
    path("api/plans/<int:pk>/", plans.PlanDetail.as_view(), name="plan"),
    path("api/section-11/cycles/", section_11.CycleList.as_view(), name="section_11_cycles"),
    path(
        "api/section-11/cycles/<int:pk>/results/",
        section_11.CycleResults.as_view(),
        name="section_11_results",
    ),
    path("api/section-11/returns/", section_11.ReturnList.as_view(), name="section_11_returns"),
    path("api/boards/<int:board_pk>/scorecard/", performance.Scorecard.as_view(), name="scorecard"),
    path(
        "api/boards/<int:board_pk>/scorecard/series/",
        performance.ScorecardSeries.as_view(),
        name="scorecard_series",
    ),
    path("api/case-reviews/", reviews.ReviewList.as_view(), name="reviews"),
    path("api/case-reviews/<int:pk>/", reviews.ReviewDetail.as_view(), name="review"),
    path("api/annual-reports/", reports.PublicationList.as_view(), name="publications"),
    path("api/annual-reports/<int:pk>/", reports.PublicationDetail.as_view(), name="publication"),
]

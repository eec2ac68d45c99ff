"""What every endpoint of the read API shares: GET only, and each request made with a token recorded
(a row of api.models.ApiRequest) and logged (a line on the "api.requests" logger: token id, method,
path, status, seconds)."""

import logging
import time

from django.shortcuts import get_object_or_404
from rest_framework import generics
from rest_framework.views import APIView

from ..models import ApiRequest

log = logging.getLogger("api.requests")


class Recorded:
    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        request._request.api_started = time.monotonic()
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = getattr(request._request, "api_token", None)
        started = getattr(request._request, "api_started", None)
        seconds = time.monotonic() - started if started else 0
        path = request.get_full_path()[:500]
        log.info(
            "api token=%s %s %s %s %.3fs",
            token.pk if token else "-",
            request.method,
            path,
            response.status_code,
            seconds,
        )
        if token is not None:
            ApiRequest.objects.create(
                token=token, method=request.method, path=path, status=response.status_code
            )
        return response


class ApiView(Recorded, APIView):
    pass


class ListView(Recorded, generics.ListAPIView):
    pass


class DetailView(Recorded, generics.RetrieveAPIView):
    pass


def visible(queryset, request, **lookup):
    """The object among those `request.user` (the token's person) may see, or 404."""
    return get_object_or_404(queryset.visible_to(request.user), **lookup)

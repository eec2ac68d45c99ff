"""Each token's requests are limited (settings.API_RATE, e.g. "1000/hour"), counted in the cache
(the database cache: every app server shares the count). Too many answer 429 with Retry-After."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self):
        return settings.API_RATE

    def get_cache_key(self, request, view):
        token = request.auth
        if token is None:
            return None  # no token, no data: authentication answers first
        return self.cache_format % {"scope": self.scope, "ident": token.pk}

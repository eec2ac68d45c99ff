"""Signed-in pages and downloads are never kept: `Cache-Control: no-store` (with Django's other
never-cache headers) on every response to a signed-in person, and on the sign-in, two-factor and
password pages whoever asks. A shared computer's back button or disk cache then shows nothing of a
board's records after sign-out, and no proxy keeps a copy. Static files are answered by WhiteNoise
above this middleware and keep their long cache; /healthz keeps its own headers."""

from django.utils.cache import add_never_cache_headers, patch_cache_control

SIGN_IN_VIEWS = {
    "login",
    "logout",
    "two_factor_verify",
    "two_factor_setup",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
KEEP_THEIR_OWN = {"healthz"}


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        name = match.url_name if match else None
        if name in KEEP_THEIR_OWN:
            return response
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or name in SIGN_IN_VIEWS:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

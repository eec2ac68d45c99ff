"""`Authorization: Bearer <token>`: the token's person, if the token is known, not revoked and its
person may still sign in; otherwise 401 (DRF answers 401 because `authenticate_header` names the
scheme). Not DRF's authtoken, which stores keys as they are."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from . import tokens

KEYWORD = "Bearer"


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None  # no credentials: IsAuthenticated answers 401
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Bearer <token>"))
        try:
            key = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid")) from None
        token = tokens.find(key)
        request._request.api_token = (
            token  # recorded with the request (views/base.py), even revoked
        )
        if token is None or not token.is_active:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has been revoked"))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token's account is closed"))
        tokens.used(token)
        return token.user, token

    def authenticate_header(self, request):
        return f'{KEYWORD} realm="api"'

"""A token for a test person, as the header the test client sends."""

from api.tokens import issue


def bearer(user, name="Test token"):
    """{"HTTP_AUTHORIZATION": "Bearer <a new token of user>"}: pass as **extra to client.get."""
    _, key = issue(user, name)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def api_get(client, user, url):
    """GET `url` with a new token of `user` (no token for None): the client signs nobody in."""
    client.logout()
    return client.get(url, **(bearer(user) if user is not None else {}))

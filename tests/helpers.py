"""Assertions the whole suite shares."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """Fetch `url` (expecting 200) and return how many database queries it took, with nothing
    cached (the cost of the first request: cached summaries make later ones cheaper)."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries)


def assert_queries_do_not_grow(client, url, grow):
    """The page answers in the same number of queries before and after `grow()` adds data."""
    before = count_queries(client, url)
    grow()
    after = count_queries(client, url)
    assert after == before, f"{url}: {before} queries before growing the data, {after} after"
    return before


def page(client, url):
    """The text of the page at `url`, which must answer 200."""
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode()


def date_fields(name, day):
    """The three inputs of a GOV.UK date field; `day=None` leaves them empty."""
    if day is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def errors_of(response):
    """The errors of the form a POST answered with (the page comes back, not a redirect)."""
    assert response.status_code == 200, "expected the form back with errors"
    return response.context["form"].errors


def invitation_linked(body):
    """The invitation an email's link opens (its signed token carries a time, so it is read back,
    not compared with a token made later)."""
    import re

    from django.core import signing

    from boards.models import INVITATION_SALT, Invitation

    token = re.search(r"http://testserver/invitations/([^/\s]+)/", body).group(1)
    return Invitation.objects.get(pk=signing.loads(token, salt=INVITATION_SALT))


def publish_data(report, reason="Not written this year."):
    """The publishing form's answer for `report`: a reason for each required section it lacks."""
    from reports.outline import missing

    return {"submit": "x", **{f"reason_{item.key}": reason for item in missing(report)}}

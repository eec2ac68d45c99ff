"""Assertions the whole suite shares."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """Fetch `url` (expecting 200) and return how many database queries it took."""
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

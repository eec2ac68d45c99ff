"""Lists come in pages of 100 (`?page=2`; `?page_size=` up to 1000), with `count`, `next` and
`previous`: Power Query follows `next`."""

from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 1000

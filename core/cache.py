"""The cache backend: Django's database cache, whose `clear()` also empties each process's memory of
cached pages in front of it (core.page_cache), so that clearing the cache builds every page again."""

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache

from .page_cache import memory


class DatabaseCache(DjangoDatabaseCache):
    def clear(self):
        super().clear()
        memory.clear()

"""The WSGI application (gunicorn: `lscb.wsgi`)."""

import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lscb.settings")

application = get_wsgi_application()

# Every view imported now, as each worker starts, rather than in its first request: then the stamps
# the pages declare (core.page_cache.feeds) are known before the pool opens its first connections,
# which come with them prepared (core.postgresql).
import_module(settings.ROOT_URLCONF)

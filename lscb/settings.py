"""The one settings module. Everything that differs between machines comes from the environment.

With nothing set, development defaults apply: DEBUG on, SQLite in the project folder, e-mail printed
to the console. Production sets at least DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
HTTPS=true (see the README).
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "boards.apps.SystemAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "core",
    "accounts",
    "boards",
    "notifications",
    "subgroups",
    "actions",
    "audits",
    "performance",
    "datasets",
    "reviews",
    "learning",
    "reports",
    "api",
    "opendata",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accounts.sessions.SessionMiddleware",  # Django's, moving an idle session's end on once a minute
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.no_store.NoStoreMiddleware",  # Cache-Control: no-store for signed-in people
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.RequireTwoFactorMiddleware",  # office staff and admins: TOTP code first
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]
if env_bool("BENCH_TIMING", False):  # the benchmark's query count and server time (bench/)
    MIDDLEWARE.insert(0, "bench.middleware.timing")

ROOT_URLCONF = "lscb.urls"
WSGI_APPLICATION = "lscb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["core.templatetags.tables"],  # {% table_region %} on every page
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=0, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, each new connection with the pages' stamps prepared (core.postgresql).
    DATABASES["default"]["ENGINE"] = "core.postgresql"
    # psycopg 3's connection pool, managed by Django.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DATABASE_POOL_MIN", "2")),
        "max_size": int(os.environ.get("DATABASE_POOL_MAX", "10")),
    }

# The cache lives in PostgreSQL too (table lscb_cache, made by a migration), so every app server
# shares it and nothing else needs running. It holds the summaries of Section 11 cycles and each
# person's home page, keyed so that they are never out of date (audits/compliance.py,
# reports/home_cache.py), and the survey's rate-limit counters. Room for a page per person of a
# national service and the summaries.
CACHES = {
    "default": {
        "BACKEND": "core.cache.DatabaseCache",  # with page_cache's memory
        "LOCATION": "lscb_cache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},
    }
}

# The practitioner survey's anonymous answer page (learning/answering.py): answers from one address
# and through one agency's link in each window of SURVEY_RATE_WINDOW seconds, counted in the cache
# (generous per address: a council's staff may share one), and the fewest seconds between showing
# the page and sending it (faster is a robot). Behind a proxy, REMOTE_ADDR must be the client's.
SURVEY_RATE_LIMITS = {"address": 60, "link": 300}
SURVEY_RATE_WINDOW = 600
SURVEY_MIN_SECONDS = 3

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # lockout after repeated failures; must come first
    "rules.permissions.ObjectPermissionBackend",  # object permissions from each app's rules.py
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after an hour without activity, and when the browser closes. A request moves the end
# on; the session is written when it changes and otherwise once SESSION_REFRESH_SECONDS have passed
# since its end was last moved, not on every request (accounts/sessions.py): so it ends at most that
# much sooner than the idle limit, never later.
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", "3600"))
SESSION_REFRESH_SECONDS = 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Five failed logins for one account lock it for an hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
# Lock the account, not the address: council and NHS offices share one public IP address, and one
# person's typos must not lock out a whole building. Hence axes.W006 is silenced below.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's field (it holds the email address)
AXES_USERNAME_CALLABLE = "accounts.lockout.username"  # one count per account, whatever the case
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]  # the defaults and the 2FA code

# Two-factor sign-in (django-otp, TOTP) for office staff and system administrators
# (accounts/two_factor.py). After each wrong code the next one is refused for 1, 2, 4, 8... seconds,
# and wrong codes count towards the lockout above.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Safeguarding partnership workspace")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads (core/uploads.py): imports are read in the request and never stored. Files above
# FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file, of which at most UPLOAD_MAX_BYTES is written;
# forms refuse larger files by name. Form fields other than files may total 2.5 MB at most. Also
# cap the request body at the web server (for example nginx client_max_body_size 10m).
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))
UPLOAD_MAX_UNPACKED_BYTES = (
    20 * UPLOAD_MAX_BYTES
)  # an .xlsx (a zip) may unpack to 20 times its size
# Imports (core/spreadsheets.py read_table) count as they read, and stop at the first limit passed:
# filled rows; rows counting empty ones; the last column with a value (the widest import, a plan, has
# 8); cells counting empty ones.
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "5000"))
IMPORT_MAX_PHYSICAL_ROWS = int(
    os.environ.get("IMPORT_MAX_PHYSICAL_ROWS", str(2 * IMPORT_MAX_ROWS + 1))
)
IMPORT_MAX_COLUMNS = int(os.environ.get("IMPORT_MAX_COLUMNS", "50"))
IMPORT_MAX_CELLS = int(
    os.environ.get("IMPORT_MAX_CELLS", str((IMPORT_MAX_ROWS + 1) * IMPORT_MAX_COLUMNS))
)
# Between an import's steps (mapping its columns, confirming) its rows are held in the session:
# at most this many characters of cell text.
IMPORT_MAX_HELD_CHARS = int(os.environ.get("IMPORT_MAX_HELD_CHARS", str(UPLOAD_MAX_BYTES)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB, Django's default
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "core.uploads.LimitedUploadHandler",
]

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# Number, address and file boxes get the GOV.UK classes as text boxes do (the pack styles only those).
CRISPY_CLASS_CONVERTERS = {
    "numberinput": "govuk-input",
    "urlinput": "govuk-input",
    "fileinput": "govuk-file-upload",
}

# Email: SMTP (the EMAIL_* settings) unless DEBUG is on, when emails are printed to the console.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@lscb.test")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")  # for links in scheduled emails

# Notifications (notifications/): sent by Django's email above, or by GOV.UK Notify when
# NOTIFY_API_KEY is set (with NOTIFY_TEMPLATE_ID, a template showing ((subject)) and ((body))).
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
if NOTIFY_API_KEY and not NOTIFY_TEMPLATE_ID:
    raise ImproperlyConfigured("Set NOTIFY_TEMPLATE_ID with NOTIFY_API_KEY (GOV.UK Notify).")
NOTIFICATIONS_BACKEND = os.environ.get(
    "NOTIFICATIONS_BACKEND",
    "notifications.backends.GovukNotify"
    if NOTIFY_API_KEY
    else "notifications.backends.DjangoEmail",
)
NOTIFICATIONS_MAX_ATTEMPTS = int(os.environ.get("NOTIFICATIONS_MAX_ATTEMPTS", "5"))
NOTIFICATIONS_RETRY_SECONDS = int(os.environ.get("NOTIFICATIONS_RETRY_SECONDS", "60"))

# Background work (django-tasks): the database is the queue, and `manage.py db_worker` runs it
# (`make run` starts one beside the server). TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend
# runs each task at once, in the process that queued it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Security headers. Content-Security-Policy: no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

HTTPS = env_bool("HTTPS", False)
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # A line per API request (token, method, path, status, time): api/views/base.py
    "loggers": {"api.requests": {"level": os.environ.get("API_LOG_LEVEL", "INFO")}},
}

# The read API (api/): Django REST Framework, read-only JSON, each person's own tokens (stored
# hashed: api/tokens.py), rate-limited per token in the cache (API_RATE, DRF's "number/period"),
# every request recorded (api.models.ApiRequest) and logged. drf-spectacular writes its schema.
API_RATE = os.environ.get("API_RATE", "1000/hour")
# How long the record of each API request (who, what, when) is kept: `manage.py forget_api_requests`.
API_REQUEST_LOG_DAYS = int(os.environ.get("API_REQUEST_LOG_DAYS", "365"))
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Safeguarding partnership workspace: read API",
    "DESCRIPTION": "Read-only JSON over what the token's person may see in the workspace. "
    "Send `Authorization: Bearer <token>`; make a token on your account's API tokens page.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "ENUM_NAME_OVERRIDES": {
        "RagEnum": "core.rag.Rag",
        "BoardKindEnum": "boards.models.BoardKind",
        "PlanKindEnum": "actions.models.PlanKind",
        "ReviewKindEnum": "reviews.models.ReviewKind",
    },
}

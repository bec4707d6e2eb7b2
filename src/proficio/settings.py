"""Django settings, read from the environment.

PROFICIO_HOME is the data folder (default ./var): the SQLite database, the secret key and the
collected static files live there. DATABASE_URL switches to PostgreSQL.
"""

import os
import re
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
HOME = Path(os.environ.get("PROFICIO_HOME", "var")).resolve()


def _secret_key() -> str:
    if key := os.environ.get("PROFICIO_SECRET_KEY"):
        return key
    # One key per data folder, kept across restarts so sessions and tokens survive them.
    key_file = HOME / "secret_key"
    if not key_file.exists():
        HOME.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("PROFICIO_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("PROFICIO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("PROFICIO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "django_htmx",
    "proficio.content",
    "proficio.learning",
    "proficio.accounts",
    "proficio.classroom",
    "proficio.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A body over the limit is 413, NUL in an address or form 400 (proficio/request_bounds.py).
    "proficio.request_bounds.RequestBounds",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "proficio.web.error_pages.method_not_allowed",
]

ROOT_URLCONF = "proficio.urls"
WSGI_APPLICATION = "proficio.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=600)}
    # Parameters sent apart from the statement, which psycopg then prepares after its 5th use
    # on a connection: the answer path's statements cost PostgreSQL half the CPU when it need
    # not parse and plan them each time (docs/benchmarks.md).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": 5}
    )
else:
    DATABASES = {
        "default": {
            "ENGINE": "proficio.sqlite_backend",
            "NAME": str(HOME / "proficio.sqlite3"),
            "OPTIONS": {
                # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock
                # at the start of a transaction so concurrent writers queue instead of failing.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Each server thread keeps its connection: opening one and running the PRAGMAs
            # again cost about 3 % of a request. (SQLite's health check runs no query.)
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "TEST": {"NAME": str(HOME / "test.sqlite3")},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The largest request body read (a CSV import of 500 learners is far below); larger is 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:catalogue"
LOGOUT_REDIRECT_URL = "web:catalogue"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Static files are also found in the package, so a server started without collectstatic
# (tests, a first run) still serves them.
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
# A refused form (an expired or missing CSRF token) gets the site's 403 page and a sentence.
CSRF_FAILURE_VIEW = "proficio.web.error_pages.form_refused"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy: scripts and styles come from the site's own static files only (no
# inline script, style or event handler). Media and images may live elsewhere: a pack may point
# at any http(s) address. Frames: the video pages' YouTube (no-cookie) and Vimeo players.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "https:", "http:"],
        "media-src": [SELF, "https:", "http:"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}


# HTTPS deployments: each is off unless the environment turns it on (README, Configuration).
def _env_flag(name: str) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value in {"", "0", "false", "no", "off"}:
        return False
    if value in {"1", "true", "yes", "on"}:
        return True
    raise ImproperlyConfigured(f"{name} is {value!r}: set it to 1 (on) or 0 (off).")


def _env_seconds(name: str) -> int:
    value = os.environ.get(name, "").strip() or "0"
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} is {value!r}: set it to a number of seconds.")
    return int(value)


SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _env_flag("PROFICIO_SECURE_COOKIES")
if proxy_header := os.environ.get("PROFICIO_PROXY_SSL_HEADER", "").strip():
    # The proxy sets this header to "https" on requests that reached it over HTTPS.
    if not re.fullmatch(r"[A-Za-z0-9-]+", proxy_header):
        raise ImproperlyConfigured(
            f"PROFICIO_PROXY_SSL_HEADER is {proxy_header!r}: give only the header's name, "
            "such as X-Forwarded-Proto."
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")
SECURE_SSL_REDIRECT = _env_flag("PROFICIO_SSL_REDIRECT")
SECURE_HSTS_SECONDS = _env_seconds("PROFICIO_HSTS_SECONDS")
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("PROFICIO_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _env_flag("PROFICIO_HSTS_PRELOAD")
# Behind one reverse proxy, the sign-in and join-code limits count the address it forwards
# (the last of X-Forwarded-For) instead of the proxy's own (accounts/client_address.py).
TRUSTED_PROXY = _env_flag("PROFICIO_TRUSTED_PROXY")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PROFICIO_LOG_LEVEL", "WARNING")},
    # A 4xx answer is the client's mistake, reported to the client; only 5xx reach the log.
    "loggers": {"django.request": {"level": "ERROR"}},
}
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["proficio.accounts.sign_in_limits.LimitedSignIn"]

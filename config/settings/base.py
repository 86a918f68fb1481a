"""Settings shared by every environment; dev, test and prod import from here."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "axes",
    "csp",
    "boligtorg.core",
    "boligtorg.cases",
    "boligtorg.housing",
    "boligtorg.allocation",
    "boligtorg.followup",
    "boligtorg.planning",
    "boligtorg.finance",
    "boligtorg.settlement",
    "boligtorg.accommodation",
    "boligtorg.rental",
    "boligtorg.api",
    "ninja",
]

MIDDLEWARE = [
    "boligtorg.core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "boligtorg.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "boligtorg.core.middleware.NoStoreMiddleware",
    "boligtorg.core.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "boligtorg.core.middleware.IdleSessionMiddleware",
    "boligtorg.core.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that a lock-out answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
FORM_RENDERER = "boligtorg.core.forms.FormRenderer"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "boligtorg.core.context_processors.navigation",
            ],
        },
    },
]

# SQLite by default; DATABASE_URL (postgres://...) switches to PostgreSQL.
# Connections are kept for 60 s and checked (SELECT 1) before a request first uses
# one, so a database restart fails only the requests in flight, not those that follow.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles a query whose *estimated* cost is high, and the
    # estimate of a list with correlated subqueries over every row is: the early-
    # warning list's query took 3.3 s with JIT (2 s of it compiling) and 0.53 s
    # without, on 11,000 tenancies. Our queries are short; compiling never pays.
    # random_page_cost 1.1 instead of 4 (spinning disks): on SSD or in memory, where
    # a case register lives, an index lookup is hardly dearer than a sequential
    # read; at 4 the case list's name search counted its 1,000 matches by hashing
    # all 100,000 cases (11 ms) instead of looking up the matching persons' (5 ms).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c random_page_cost=1.1"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A password reset link works for an hour (Django's default is three days).
PASSWORD_RESET_TIMEOUT = 60 * 60
# Reset e-mails asked for in an hour (boligtorg.core.throttle.password_reset_allowed):
# from one client address, and for one e-mail address.
BOLIGTORG_PASSWORD_RESET_ADDRESS_LIMIT = 20
BOLIGTORG_PASSWORD_RESET_EMAIL_LIMIT = 3
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Lock-out after repeated failed logins (django-axes, boligtorg.core.throttle): a user
# name at one address after 5 failures, so that a stranger elsewhere who knows the name
# locks out only himself; an address after BOLIGTORG_LOGIN_ADDRESS_FAILURE_LIMIT
# failures of any names, higher because a municipal office sits behind one NAT address.
AXES_HANDLER = "boligtorg.core.throttle.AddressAndUserLockoutHandler"
AXES_FAILURE_LIMIT = 5
BOLIGTORG_LOGIN_ADDRESS_FAILURE_LIMIT = 30
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "boligtorg.core.views.lockout"
AXES_VERBOSE = False
# The client's address behind the load balancer (X-Forwarded-For, believed only from
# BOLIGTORG_TRUSTED_PROXIES), so that a forged header does not dodge the throttle.
AXES_CLIENT_IP_CALLABLE = "boligtorg.core.proxies.client_address"

# Addresses or networks of our own proxies (the load balancer); only requests from
# them may set the client address (X-Forwarded-For) and the request id (X-Request-ID).
# Empty: no request is believed. prod.py reads BOLIGTORG_TRUSTED_PROXIES.
BOLIGTORG_TRUSTED_PROXIES: list[str] = []

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
# Besides the absolute age above: logged out after this many seconds without a request
# (boligtorg.core.middleware.IdleSessionMiddleware). prod.py reads it from the environment.
BOLIGTORG_SESSION_IDLE_TIMEOUT = 30 * 60
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian bokmål")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Content-Security-Policy: no inline script or style anywhere, no third-party origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "boligtorg.core.request_id.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

# Pagination size of every list page.
PAGE_SIZE = 25

# Reminders are e-mailed with a link back into the application.
# (prod.py reads both from the environment.)
BOLIGTORG_BASE_URL = "http://127.0.0.1:8000"
DEFAULT_FROM_EMAIL = "Boligtorg <noreply@boligtorg.invalid>"

# Statistics never reveal a person: a count of persons or households from 1 to this
# number minus one is hidden in pages, exports and the API (boligtorg.domain.reporting).
BOLIGTORG_SUPPRESS_BELOW = 5

# File imports (dwellings, rent ledger, area indicators) run in the request, so each
# must finish well within gunicorn's worker timeout (30 s, its default) or it is cut
# off. Measured 2026-12-07 on the 2-core helper machine, read + check + write, all or
# nothing (/tmp script over bench/dwellings.py's rows): dwellings 2,300-2,800 rows/s
# on SQLite, 5,000-7,100 on PostgreSQL; the rent ledger 6,200-7,300 and 9,600-10,000.
# 20,000 dwellings thus take about 8 s on SQLite and 3-4 s on PostgreSQL, a quarter of
# the timeout for a slower or busier server; Oslo's whole stock (11,000) fits one file.
# A bench row is 90 bytes, so 10 MB leaves 500 bytes a row; an .xlsx may unpack to at
# most 10 times the limit (calamine reads 100 MB of sheet in 2.6 s).
BOLIGTORG_IMPORT_MAX_ROWS = 20_000
BOLIGTORG_IMPORT_MAX_BYTES = 10 * 1024 * 1024
# The most rows one export (case list, waiting list, audit log) holds; over it the
# user is asked to narrow the filter (boligtorg.core.exports).
BOLIGTORG_EXPORT_MAX_ROWS = 20_000

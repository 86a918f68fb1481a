"""Production: secrets and hosts come from the environment, and are required."""

import ipaddress
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in the environment for production.")
    return value


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{h}" for h in ALLOWED_HOSTS]

# Behind a TLS-terminating load balancer that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# The mail server for reminders and password reset links (docs/operations.md, E-mail).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() != "false"
EMAIL_TIMEOUT = 10
BOLIGTORG_BASE_URL = os.environ.get("BOLIGTORG_BASE_URL", BOLIGTORG_BASE_URL)  # noqa: F405
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405

# Our load balancers (comma-separated addresses or networks): only they may set the
# client address (X-Forwarded-For, for login throttling) and X-Request-ID.
# Parsed here so that a mistyped address stops the start, not every request.
BOLIGTORG_TRUSTED_PROXIES = [
    str(ipaddress.ip_network(p.strip(), strict=False))
    for p in os.environ.get("BOLIGTORG_TRUSTED_PROXIES", "").split(",")
    if p.strip()
]
BOLIGTORG_LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("BOLIGTORG_LOGIN_ADDRESS_FAILURE_LIMIT", BOLIGTORG_LOGIN_ADDRESS_FAILURE_LIMIT)  # noqa: F405
)
BOLIGTORG_SESSION_IDLE_TIMEOUT = int(
    os.environ.get("BOLIGTORG_SESSION_IDLE_TIMEOUT", BOLIGTORG_SESSION_IDLE_TIMEOUT)  # noqa: F405
)

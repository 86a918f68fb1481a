"""Local development: ./dev run."""

from .base import *  # noqa: F403

DEBUG = True
# Only for the local machine; prod.py refuses to start without a real key.
SECRET_KEY = "dev-only-not-secret-boligtorg"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Serve static files from the app directories as they change; no collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

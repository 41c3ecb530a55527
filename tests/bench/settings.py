"""Settings for `make bench`: production settings on a dedicated PostgreSQL database.

Only what a benchmark on 127.0.0.1 needs differs from production: plain HTTP, any host,
and a URL configuration with one trivial view to compare against.
"""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gathering_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/7")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-" + "Qm2vL9pR4sT8wK1nB6cY3hJ5dF0gZax7")
os.environ.setdefault("DEBUG", "0")

from config.settings import *  # noqa: E402, F403
from config.settings import STORAGES  # noqa: E402

ROOT_URLCONF = "tests.bench.urls"
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
CELERY_TASK_ALWAYS_EAGER = True
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Most new-member limits would stop the load test's fifty fresh posters; the bench measures
# the server, not the spam rules.
NEW_MEMBER_POSTS_PER_HOUR = 1_000_000
PREMODERATE_FIRST_POSTS = 0
# Fifty members log in from 127.0.0.1 within seconds: allauth's per-IP limit would refuse them.
ACCOUNT_RATE_LIMITS = False
WHITENOISE_AUTOREFRESH = True

"""Test settings: production-like (DEBUG off) against the real PostgreSQL and Redis.

scripts/test.sh exports DATABASE_URL and REDIS_URL; the defaults below match it, so a bare
`pytest` behaves the same.
"""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gathering")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/1")
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "x7Qm2vL9pR4sT8wK1nB6cY3hJ5dF0gZa")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SITE_URL", "http://testserver")

from config.settings import *  # noqa: E402, F403
from config.settings import CACHES, REDIS_URL, STORAGES  # noqa: E402
from core.env import env_bool  # noqa: E402

ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Celery tasks run in-process unless a test starts a real worker (e.g.
# tests/notifications/test_celery_worker.py), which runs with CELERY_TASK_ALWAYS_EAGER=0 and
# EMAIL_FILE_PATH set, so the e-mails it sends land in files the test can read.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=True)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
if os.environ.get("EMAIL_FILE_PATH"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ["EMAIL_FILE_PATH"]},
        }
    }
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The test servers speak plain HTTP; links in e-mails must point at them.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# Most tests post as established members: pre-moderation and the new-member limits are off
# here. Tests about moderation turn the production defaults back on (the `moderation_rules`
# fixture in tests/moderation/conftest.py and tests/community/test_moderation_rules.py).
PREMODERATE_FIRST_POSTS = 0
NEW_MEMBER_POSTS_PER_HOUR = 1_000_000
NEW_MEMBER_MAX_LINKS_PER_POST = 1_000_000

# pytest-xdist runs the suite in several processes (PYTEST_XDIST_WORKER is gw0, gw1…; the
# processes a test starts inherit it) sharing one Redis database: each keeps its cache keys
# and its Celery queues under its own prefix, and its cache.clear() deletes only its own
# keys (tests/worker_cache.py), never the other workers' (Django's clear() is a FLUSHDB).
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
if REDIS_URL:
    CACHES = {
        "default": {
            **CACHES["default"],
            "BACKEND": "tests.worker_cache.WorkerRedisCache",
            "KEY_PREFIX": f"gathering-test-{TEST_WORKER}",
        }
    }
    CELERY_BROKER_TRANSPORT_OPTIONS = {"global_keyprefix": f"gathering-test-{TEST_WORKER}:"}

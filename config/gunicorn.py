"""gunicorn settings for production (docker-compose's web service and the bench).

One slow request costs one worker, briefly (issue 15):
- Sync workers (GUNICORN_THREADS=1, the default): the arbiter kills a worker whose request
  runs past `timeout` seconds and starts a fresh one. With threads (gthread) the worker keeps
  answering the arbiter while a request thread hangs, so the timeout never ends that request;
  raise GUNICORN_THREADS only if you accept that.
- PostgreSQL cancels any statement of the web process running longer than
  DB_STATEMENT_TIMEOUT seconds (10 here; config/settings.py turns it into statement_timeout).
  Only the web gets it: migrations and Celery tasks run without a limit.
- Rendering a post is bounded by core.markdown itself (well under a second for any text).
"""

import multiprocessing
import os

# Before the app is loaded (workers import it after this file runs), so settings see it.
os.environ.setdefault("DB_STATEMENT_TIMEOUT", "10")

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a restart or deploy, requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# Restart workers now and then so a slow leak never becomes an outage.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Refuses several workers on a per-process cache (core/shared_cache.py explains why)."""
    if server.cfg.workers <= 1:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from core import shared_cache

    if shared_cache.cache_is_local():
        raise RuntimeError(
            f"refusing to start {server.cfg.workers} workers. {shared_cache.PROBLEM} "
            "Set REDIS_URL to a Redis server shared by all processes, or start one worker "
            "with GUNICORN_WORKERS=1."
        )

"""gunicorn settings for production (docker-compose's web service and the bench)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
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

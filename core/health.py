"""/healthz: what a load balancer asks before sending members here."""

import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not healthy"; the reason goes to the log
        log.exception("healthz: database check failed")
        return False


def _redis_ok() -> bool:
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        return bool(client.ping())
    except redis.RedisError:
        log.exception("healthz: redis check failed")
        return False


@never_cache
@require_safe
def healthz(request):
    """200 while the database answers, 503 when it does not; each check says what is down.

    Redis down is "degraded", not unavailable: reading, posting, log-in and sign-up keep
    working (the cache fails open, e-mails wait for the sweep), so a load balancer must not
    take every web server out of service for it. Monitors alert on `checks.redis`.
    """
    checks = {"database": "ok" if _database_ok() else "down"}
    if settings.REDIS_URL:
        checks["redis"] = "ok" if _redis_ok() else "down"
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    elif any(state != "ok" for state in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)

"""Cache calls that degrade instead of failing.

Redis being down must never stop a member from posting or reading: these wrappers log the
problem and answer as if the key were missing. Use them for best-effort counters and
markers; never for data that must not be lost (that lives in PostgreSQL).
"""

import logging

from django.core.cache import cache

log = logging.getLogger(__name__)


def get(key: str, default=None):
    try:
        return cache.get(key, default)
    except Exception:
        log.warning("cache unreachable: get %s", key, exc_info=True)
        return default


def get_many(keys: list[str]) -> dict:
    try:
        return cache.get_many(keys)
    except Exception:
        log.warning("cache unreachable: get_many (%d keys)", len(keys), exc_info=True)
        return {}


def set_many(values: dict, timeout: int | None) -> None:
    try:
        cache.set_many(values, timeout=timeout)
    except Exception:
        log.warning("cache unreachable: set_many (%d keys)", len(values), exc_info=True)


def set(key: str, value, timeout: int | None) -> None:  # noqa: A001 (mirrors the cache API)
    try:
        cache.set(key, value, timeout=timeout)
    except Exception:
        log.warning("cache unreachable: set %s", key, exc_info=True)


def delete(key: str) -> None:
    try:
        cache.delete(key)
    except Exception:
        log.warning("cache unreachable: delete %s", key, exc_info=True)


def increment(key: str, *, timeout: int) -> None:
    """Adds one to a counter that starts at zero and expires `timeout` seconds after creation."""
    try:
        cache.add(key, 0, timeout=timeout)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=timeout)
    except Exception:
        log.warning("cache unreachable: increment %s", key, exc_info=True)

"""The production cache backend: Redis, failing open when Redis cannot be reached.

Everything that uses the cache in Gathering is an optimisation or a limit, never data:
allauth's rate limits (log-in, sign-up, password reset), the new-member posting limits,
the page cache. When Redis is unreachable those must not turn log-in into a bare 500, so
every call answers as if the key were missing (`get` gives the default, `add` succeeds,
`incr` raises ValueError like a missing key, writes are dropped). Limits are then not
enforced until Redis answers again: that is the trade we choose, and the log says so.

After a failure the backend stops trying for `RETRY_AFTER_SECONDS` (a small circuit
breaker, per process), so a Redis host that swallows packets costs one connect timeout,
not one per cache call, and the log gets one line per outage rather than one per request.
"""

import logging
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 5.0


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache that logs and answers "missing" when Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0

    def _is_resting(self) -> bool:
        return time.monotonic() < self._down_until

    def _failed(self, error: Exception) -> None:
        if not self._down_until:
            log.warning(
                "Cache unreachable (%s): failing open. Rate limits on log-in, sign-up, "
                "password reset and new members' posts are NOT enforced and pages are "
                "rendered without the cache until it answers again.",
                error,
            )
        self._down_until = time.monotonic() + RETRY_AFTER_SECONDS

    def _recovered(self) -> None:
        if self._down_until:
            log.warning("Cache reachable again: rate limits are enforced again.")
            self._down_until = 0.0

    def _call(self, fallback: Any, method, *args, **kwargs):
        if self._is_resting():
            return fallback
        try:
            result = method(*args, **kwargs)
        except UNREACHABLE as error:
            self._failed(error)
            return fallback
        self._recovered()
        return result

    def with_client(self, fallback: Any, use):
        """`use(client)` with the raw Redis client, for what the cache API cannot say
        (hashes, sets: community.visits), under the same breaker: `fallback` when Redis is
        unreachable. Keys given to the client are raw: pass them through make_key()."""
        return self._call(fallback, lambda: use(self._cache.get_client(write=True)))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # "Added": allauth's rate-limit lock is taken, so its check goes on (and passes).
        return self._call(True, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call(missing, super().incr, key, delta, version)
        if result is missing:
            raise ValueError(f"Key {key!r} not found (the cache is unreachable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)

"""The tests' cache backend: the production one (core/fail_open_cache.py), except that
`clear()` deletes only this process's keys.

pytest-xdist runs the suite in several processes that share one Redis database. Django's
RedisCache.clear() is a FLUSHDB: one worker's autouse `cache.clear()` would empty the other
worker's rate limits and cached pages in the middle of its test, and its Celery queues.
config/settings_test.py gives each worker its own KEY_PREFIX; this clears under it alone.
"""

import re

from core.fail_open_cache import FailOpenRedisCache

BATCH = 500


class WorkerRedisCache(FailOpenRedisCache):
    def clear(self):
        return self._call(False, self._delete_own_keys)

    def _delete_own_keys(self) -> bool:
        client = self._cache.get_client(write=True)
        # make_key("") is "<KEY_PREFIX>:<version>:"; every version of every key goes.
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"
        keys = list(client.scan_iter(match=pattern, count=BATCH))
        for start in range(0, len(keys), BATCH):
            client.delete(*keys[start : start + BATCH])
        return True

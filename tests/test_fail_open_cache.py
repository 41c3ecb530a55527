"""The production cache backend answers "missing" when Redis is unreachable, says so once,
and works as Django's RedisCache when Redis answers (core/fail_open_cache.py)."""

import logging
import os

import pytest

from core.fail_open_cache import FailOpenRedisCache

CLOSED_PORT = "redis://127.0.0.1:1/0"


def make_cache(location: str) -> FailOpenRedisCache:
    return FailOpenRedisCache(location, {"KEY_PREFIX": "fail-open-test"})


def test_an_unreachable_cache_answers_as_if_every_key_were_missing():
    cache = make_cache(CLOSED_PORT)

    assert cache.get("k") is None
    assert cache.get("k", "default") == "default"
    assert cache.add("lock", True) is True  # allauth's rate-limit lock is taken
    assert cache.set("k", 1) is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("k") is False
    assert cache.delete("k") is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.get_or_set("k", lambda: "computed") == "computed"
    with pytest.raises(ValueError):
        cache.incr("counter")
    cache.delete_many(["a"])
    cache.clear()


def test_an_outage_is_logged_once_not_on_every_call(caplog):
    caplog.set_level(logging.WARNING, logger="core.fail_open_cache")
    cache = make_cache(CLOSED_PORT)

    for _ in range(50):
        cache.get("k")

    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1
    assert "failing open" in lines[0] and "NOT enforced" in lines[0]
    assert "127.0.0.1:1" in lines[0]


def test_a_reachable_cache_stores_and_counts_as_usual(caplog):
    caplog.set_level(logging.WARNING, logger="core.fail_open_cache")
    cache = make_cache(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1"))
    cache.delete_many(["k", "counter", "lock"])

    cache.set("k", {"a": 1}, 30)
    assert cache.get("k") == {"a": 1}
    assert cache.add("lock", 1, 30) is True
    assert cache.add("lock", 1, 30) is False
    with pytest.raises(ValueError):
        cache.incr("counter")
    cache.set("counter", 1, 30)
    assert cache.incr("counter") == 2
    cache.delete_many(["k", "counter", "lock"])
    assert caplog.records == []

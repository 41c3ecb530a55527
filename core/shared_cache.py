"""Production needs one cache shared by every server process.

The page cache, the rate limits and the new-member limits live in the cache. With no
REDIS_URL the cache is local memory, private to each process: under gunicorn with several
workers each worker keeps its own copy of a page, so a post hidden by a moderator stays
visible to visitors served by another worker for minutes, and every limit is multiplied by
the number of workers. Two guards say so:

- the system check gathering.W001, in `manage.py check --deploy` (DEBUG off, local cache);
- config/gunicorn.py refuses to start more than one worker on such a cache.

The embedded default (DEBUG on, runserver, one process) is untouched by both.
"""

from django.conf import settings
from django.core import checks

LOCAL_BACKENDS = {"django.core.cache.backends.locmem.LocMemCache"}

PROBLEM = (
    "The cache is local to each process (no REDIS_URL): with several server processes each "
    "keeps its own pages and limits, so visitors can see hidden posts for minutes and rate "
    "limits are multiplied by the number of processes."
)
HINT = "Set REDIS_URL to a Redis server shared by all processes, or run a single process."


def cache_is_local() -> bool:
    """Whether production is running on a per-process cache (never said in DEBUG)."""
    return not settings.DEBUG and settings.CACHES["default"]["BACKEND"] in LOCAL_BACKENDS


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if cache_is_local():
        return [checks.Warning(PROBLEM, hint=HINT, id="gathering.W001")]
    return []

"""When a member last read a thread, without a write on every page view.

`ThreadVisit` is the store of record and `Thread.objects.with_last_visit(user)` the one way
to read it. Reading a thread only notes the time in Redis (a hash per member, thread id ->
time, and the member's id in a "to flush" set: one round trip); the beat task
`community.tasks.flush_thread_visits` (every minute) moves the noted times into
ThreadVisit. `with_last_visit` reads the noted times first (one round trip) and puts them
in its SQL in place of the rows they supersede, so a member's own lists, and anything
counted from the last visit (new posts, "First unread post"), reflect their latest visit
at once, before the flush.

With no Redis (the embedded default) or Redis unreachable, a visit is written to
ThreadVisit at once, as before; times noted but not yet flushed when Redis went away are
shown again once it is back (a list may show a thread as new for that while).
"""

from __future__ import annotations

import datetime
import logging

from django.core.cache import caches
from django.utils import timezone

from community.models import Thread, ThreadVisit

log = logging.getLogger(__name__)

TO_FLUSH = "community:visits:to-flush"
# A member's noted times outlive any flush interval, and vanish if beat never runs.
NOTED_SECONDS = 7 * 24 * 3600
FLUSH_BATCH = 500  # members a round takes
FLUSH_ROUNDS = 100  # at most, per run: the next run takes the rest


def _noted_key(backend, member_id: int) -> str:
    return backend.make_key(f"community:visits:{member_id}")


def _redis():
    """The cache backend when it can hold hashes (Redis through core.fail_open_cache)."""
    backend = caches["default"]
    return backend if hasattr(backend, "with_client") else None


def record_visit(*, thread: Thread, member, at: datetime.datetime | None = None) -> None:
    """Notes that `member` has just read `thread` (in Redis; in the database without it)."""
    at = at or timezone.now()
    backend = _redis()
    if backend is not None:

        def note(client) -> bool:
            key = _noted_key(backend, member.pk)
            pipe = client.pipeline(transaction=False)
            pipe.hset(key, str(thread.pk), at.timestamp())
            pipe.expire(key, NOTED_SECONDS)
            pipe.sadd(backend.make_key(TO_FLUSH), str(member.pk))
            pipe.execute()
            return True

        if backend.with_client(False, note):
            return
    write_visits({(member.pk, thread.pk): at})


def noted_visits(member_id: int) -> dict[int, datetime.datetime]:
    """The member's visits noted in Redis and not flushed yet (thread id -> time): one round
    trip. Each is later than the member's ThreadVisit row for that thread, if any."""
    backend = _redis()
    if backend is None:
        return {}

    def read(client) -> dict:
        return client.hgetall(_noted_key(backend, member_id))

    return {
        int(thread_id): datetime.datetime.fromtimestamp(float(value), tz=datetime.UTC)
        for thread_id, value in backend.with_client({}, read).items()
    }


def write_visits(visits: dict[tuple[int, int], datetime.datetime]) -> int:
    """Upserts ThreadVisit rows for {(member id, thread id): time}, leaving out threads
    deleted and accounts closed since; the number written."""
    from accounts.models import User

    if not visits:
        return 0
    members = set(
        User.objects.filter(
            pk__in={member for member, _ in visits}, closed_at__isnull=True
        ).values_list("pk", flat=True)
    )
    threads = set(
        Thread.objects.filter(pk__in={thread for _, thread in visits}).values_list("pk", flat=True)
    )
    rows = [
        ThreadVisit(member_id=member, thread_id=thread, visited_at=at)
        for (member, thread), at in visits.items()
        if member in members and thread in threads
    ]
    ThreadVisit.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["member", "thread"],
        update_fields=["visited_at"],
    )
    return len(rows)


def flush() -> int:
    """Moves every noted time into ThreadVisit; the number of rows written. Safe to run
    twice or side by side: each member's noted times are taken and removed atomically."""
    backend = _redis()
    if backend is None:
        return 0
    written = 0
    for _ in range(FLUSH_ROUNDS):

        def take(client) -> dict[tuple[int, int], datetime.datetime]:
            taken: dict[tuple[int, int], datetime.datetime] = {}
            for raw in client.spop(backend.make_key(TO_FLUSH), FLUSH_BATCH) or []:
                member_id = int(raw)
                pipe = client.pipeline(transaction=True)
                pipe.hgetall(_noted_key(backend, member_id))
                pipe.delete(_noted_key(backend, member_id))
                noted, _ = pipe.execute()
                for thread_id, stamp in noted.items():
                    at = datetime.datetime.fromtimestamp(float(stamp), tz=datetime.UTC)
                    taken[(member_id, int(thread_id))] = at
            return taken

        taken = backend.with_client({}, take)
        if not taken:
            break
        written += write_visits(taken)
    return written


def forget(member_id: int) -> None:
    """Drops a member's noted times (their account is closing)."""
    backend = _redis()
    if backend is not None:
        backend.with_client(None, lambda client: client.delete(_noted_key(backend, member_id)))

"""How many members watched each recording, counted once per member per day, without a
write on every page view.

A member who opens a webinar's page with its recording on it is noted in Redis: their id
goes into a set for that day (site time zone) and webinar, and the pair "day:webinar" into
a "to flush" set (one round trip, no database write). The beat task
`webinars.tasks.flush_recording_views` (every five minutes) writes each set's size into
`RecordingViewDay` (webinar, day, views): the set holds the whole day, so writing its size
again is idempotent, and a count only grows (a set lost with a Redis restart does not
lower what was written). The rows hold no member ids; the sets expire after a few days.

With no Redis (the embedded default) the local cache remembers who was counted today and
the row is incremented at once: a write per member per day, not per page view. With Redis
unreachable, the view is not counted and the page is served as usual.
"""

from __future__ import annotations

import datetime

from django.core.cache import caches
from django.db.models import F

from accounts.models import site_today
from webinars.models import RecordingViewDay, Webinar

TO_FLUSH = "webinars:recording-views:to-flush"
KEPT_SECONDS = 3 * 24 * 3600  # a day's set outlives its last flush


def _set_key(day: datetime.date, webinar_id: int) -> str:
    return f"webinars:recording-views:{day.isoformat()}:{webinar_id}"


def _redis():
    """The cache backend when it can hold sets (Redis through core.fail_open_cache)."""
    backend = caches["default"]
    return backend if hasattr(backend, "with_client") else None


def note_view(*, webinar_id: int, member_id: int, day: datetime.date | None = None) -> None:
    """Counts `member_id` as having watched the recording today (once, however many times
    they open the page)."""
    day = day or site_today()
    backend = _redis()
    if backend is None:
        seen_key = f"{_set_key(day, webinar_id)}:{member_id}"
        if caches["default"].add(seen_key, 1, timeout=KEPT_SECONDS):
            _add_views(webinar_id, day, 1)
        return

    def note(client) -> bool:
        pipe = client.pipeline(transaction=False)
        key = backend.make_key(_set_key(day, webinar_id))
        pipe.sadd(key, str(member_id))
        pipe.expire(key, KEPT_SECONDS)
        pipe.sadd(backend.make_key(TO_FLUSH), f"{day.isoformat()}:{webinar_id}")
        pipe.execute()
        return True

    backend.with_client(False, note)


def _add_views(webinar_id: int, day: datetime.date, views: int) -> None:
    RecordingViewDay.objects.bulk_create(
        [RecordingViewDay(webinar_id=webinar_id, day=day, views=0)], ignore_conflicts=True
    )
    RecordingViewDay.objects.filter(webinar_id=webinar_id, day=day).update(views=F("views") + views)


def flush(today: datetime.date | None = None) -> int:
    """Writes every noted day's count into RecordingViewDay; the number of rows written.
    Days before yesterday leave the "to flush" set once written (no view arrives for them
    any more). Safe to run twice or side by side: it writes sizes, never adds."""
    backend = _redis()
    if backend is None:
        return 0
    today = today or site_today()

    def read(client) -> dict[tuple[datetime.date, int], int]:
        pending = sorted(client.smembers(backend.make_key(TO_FLUSH)))
        if not pending:
            return {}
        pairs = []
        for raw in pending:
            day_text, webinar_id = (raw.decode() if isinstance(raw, bytes) else raw).split(":")
            pairs.append((datetime.date.fromisoformat(day_text), int(webinar_id)))
        pipe = client.pipeline(transaction=False)
        for day, webinar_id in pairs:
            pipe.scard(backend.make_key(_set_key(day, webinar_id)))
        return dict(zip(pairs, pipe.execute(), strict=True))

    counts = backend.with_client({}, read)
    existing = set(
        Webinar.objects.filter(pk__in={w for _, w in counts}).values_list("pk", flat=True)
    )
    written = 0
    for (day, webinar_id), views in counts.items():
        if webinar_id in existing and views:
            RecordingViewDay.objects.bulk_create(
                [RecordingViewDay(webinar_id=webinar_id, day=day, views=0)],
                ignore_conflicts=True,
            )
            written += RecordingViewDay.objects.filter(
                webinar_id=webinar_id, day=day, views__lt=views
            ).update(views=views)
    done = [
        f"{day.isoformat()}:{webinar_id}"
        for day, webinar_id in counts
        if day < today - datetime.timedelta(days=1)
    ]
    if done:
        backend.with_client(None, lambda client: client.srem(backend.make_key(TO_FLUSH), *done))
    return written

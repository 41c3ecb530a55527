"""Daily roll-ups: each day measured once and kept (insights.models.DayFigures).

Two beat tasks keep them. `insights.tasks.roll_up_days` (hourly) measures again the last
RECOUNT_DAYS days (late replies, flag decisions, deletions and approvals still change them),
today so far, and any older day that has no row yet, back to the community's first member
or post, so the first run (or `manage.py insights_rollup`) fills the past. Days older than
RECOUNT_DAYS keep the figures they had then. `insights.tasks.roll_up_today` (every five
minutes) measures today again. Running either twice is harmless: a day's rows are replaced
in one transaction.

The page trusts a stored day only if it was measured after the day ended, or, for today,
within the last TODAY_FRESH; any other day is measured live (insights.figures), so the
figures are right, only slower, while the tasks are not running.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import Min, Q
from django.utils import timezone

from accounts.models import User, site_today
from community.models import Post
from insights.measure import DAY, Key, dates, measure, midnight, runs, site_zone
from insights.models import DayFigures
from insights.tally import COUNTS, WAITS, Tally, pack_members, unpack_members

log = logging.getLogger(__name__)

RECOUNT_DAYS = 30
CHUNK_DAYS = 7  # days measured per transaction: bounds memory and lock time
TODAY_FRESH = datetime.timedelta(minutes=10)  # twice the interval of roll_up_today


def roll_up(*, today: datetime.date | None = None, recount_days: int = RECOUNT_DAYS) -> int:
    """Stores the figures of today so far and of every earlier day that is recent or
    missing; returns how many days were written."""
    today = today or site_today()
    first = _first_day()
    if first is None or first > today:
        return 0
    recount_from = max(first, today - datetime.timedelta(days=recount_days))
    done = {
        day
        for day, computed_at in DayFigures.objects.filter(
            group__isnull=True, day__gte=first, day__lt=recount_from
        ).values_list("day", "computed_at")
        if computed_at >= midnight(day + DAY)
    }
    wanted = [day for day in dates(first, today) if day >= recount_from or day not in done]
    written = 0
    for chunk in runs(wanted, CHUNK_DAYS):
        written += _store(chunk[0], chunk[-1])
    return written


def roll_up_today() -> int:
    """Stores today's figures so far."""
    today = site_today()
    return _store(today, today)


def _first_day() -> datetime.date | None:
    """The first day anything happened: the first member joined or the first post."""
    moments = [
        User.objects.aggregate(first=Min("date_joined"))["first"],
        Post.objects.aggregate(first=Min("created_at"))["first"],
    ]
    known = [moment.astimezone(site_zone()).date() for moment in moments if moment is not None]
    return min(known) if known else None


def _store(first: datetime.date, last: datetime.date) -> int:
    # Taken before measuring, so a day measured as it ended is not mistaken for complete;
    # one moment for all the rows, as the page trusts a day as a whole.
    now = timezone.now()
    tallies = measure(first, last)
    rows = [
        _row(key, tally, now)
        for key, tally in tallies.items()
        if key[1] is None or not tally.is_empty()
    ]
    try:
        with transaction.atomic():
            DayFigures.objects.filter(day__gte=first, day__lte=last).delete()
            DayFigures.objects.bulk_create(rows)
    except IntegrityError:
        # Another run stored these days at the same moment: its rows are as good as ours.
        log.info("Insights days %s to %s were rolled up by another run", first, last)
        return 0
    return (last - first).days + 1


def _row(key: Key, tally: Tally, now: datetime.datetime) -> DayFigures:
    day, group_id = key
    return DayFigures(
        day=day,
        group_id=group_id,
        computed_at=now,
        active_members=pack_members(tally.active),
        **tally.counts(),
        **tally.waits(),
    )


def stored(first: datetime.date, last: datetime.date, group_id: int | None) -> dict[Key, Tally]:
    """The stored tallies of the whole community and (if given) one group, by (day, group),
    of the days whose figures can be trusted (see the module's docstring). A day without a
    whole-community tally here must be measured live."""
    scope = Q(group__isnull=True)
    if group_id is not None:
        scope |= Q(group_id=group_id)
    rows = DayFigures.objects.filter(scope, day__gte=first, day__lte=last).values_list(
        "day", "group_id", "computed_at", "active_members", *COUNTS, *WAITS
    )
    fresh = timezone.now() - TODAY_FRESH
    tallies = {}
    for day, row_group, computed_at, members, *values in rows:
        if computed_at < midnight(day + DAY) and computed_at < fresh:
            continue  # measured before the day was over, and a while ago
        counts = dict(zip(COUNTS, values[: len(COUNTS)], strict=True))
        waits = dict(zip(WAITS, values[len(COUNTS) :], strict=True))
        tallies[(day, row_group)] = Tally(active=unpack_members(members), **counts, **waits)
    return tallies

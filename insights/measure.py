"""Measures days straight from the community's tables: six queries for any number of days.

Each query fetches the rows of the days asked for (timestamps and ids, through indexed
columns) with the ORM, so PostgreSQL and SQLite give the same answers; Python puts each row
in its day (site time zone) and its group. Posts count when published and not deleted
(what members saw); a thread counts by its opening post (position 1) and its first reply
by someone else, whenever that came.
"""

import datetime
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q, Subquery

from accounts.models import User
from community.models import Post, Reaction, Thread
from insights.tally import Tally
from moderation.models import AuditEntry, Flag

Key = tuple[datetime.date, int | None]  # (day, group id); None is the whole community
DAY = datetime.timedelta(days=1)


def site_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def midnight(day: datetime.date) -> datetime.datetime:
    """The instant a day starts in the site's time zone."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=site_zone())


def dates(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every day from first to last, both included."""
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def runs(days: list[datetime.date], longest: int | None = None) -> list[list[datetime.date]]:
    """Ascending days grouped into runs of consecutive days (of at most `longest` days)."""
    grouped: list[list[datetime.date]] = []
    for day in days:
        run = grouped[-1] if grouped else None
        if run and day - run[-1] == DAY and (longest is None or len(run) < longest):
            run.append(day)
        else:
            grouped.append([day])
    return grouped


class Days:
    """Tallies by (day, group) for the days from first to last, both included."""

    def __init__(self, first: datetime.date, last: datetime.date):
        self.first, self.last = first, last
        self.start, self.end = midnight(first), midnight(last + DAY)
        self.zone = site_zone()
        self.tallies: dict[Key, Tally] = defaultdict(Tally)

    def day(self, moment: datetime.datetime) -> datetime.date:
        return moment.astimezone(self.zone).date()

    def both(self, moment: datetime.datetime, group_id: int) -> tuple[Tally, Tally]:
        """The whole community's tally and the group's, for the day of `moment`."""
        day = self.day(moment)
        return self.tallies[(day, None)], self.tallies[(day, group_id)]

    def in_range(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lt": self.end})


def measure(first: datetime.date, last: datetime.date) -> dict[Key, Tally]:
    """Every day's tally from first to last; every day has a whole-community tally."""
    days = Days(first, last)
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            # Row-by-row reads of a day or a week: PostgreSQL's JIT, which their cost
            # estimates trigger on a large community, would spend longer compiling them
            # than running them. One statement, scoped to this transaction.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        _members_and_posts(days)
        _threads(days)
        _moderation(days)
    for day in dates(first, last):
        days.tallies[(day, None)]  # a quiet day still has its (empty) whole-community tally
    return dict(days.tallies)


def _members_and_posts(days: Days) -> None:
    for joined in User.objects.filter(days.in_range("date_joined")).values_list(
        "date_joined", flat=True
    ):
        days.tallies[(days.day(joined), None)].new_members += 1
    posts = Post.objects.filter(
        days.in_range("created_at"), status=Post.Status.PUBLISHED, deleted_at__isnull=True
    ).values_list("created_at", "author_id", "position", "thread__group_id")
    for created_at, author_id, position, group_id in posts:
        for tally in days.both(created_at, group_id):
            if position == 1:
                tally.threads_started += 1
            else:
                tally.replies += 1
            tally.mark_active(author_id)
    reactions = Reaction.objects.filter(days.in_range("created_at")).values_list(
        "created_at", "member_id", "post__thread__group_id"
    )
    for created_at, member_id, group_id in reactions:
        for tally in days.both(created_at, group_id):
            tally.mark_active(member_id)


def _threads(days: Days) -> None:
    """Threads started on each day (by their published opening post), with their first
    reply by someone else."""
    published = Q(status=Post.Status.PUBLISHED, deleted_at__isnull=True)
    first_reply = (
        Post.objects.filter(published, thread=OuterRef("thread"), position__gt=1)
        .exclude(author=OuterRef("thread__author"))
        .order_by("position")
    )
    # A member's first thread is the first they ever started, whatever became of it.
    earlier = Thread.objects.filter(author=OuterRef("thread__author")).filter(
        Q(created_at__lt=OuterRef("thread__created_at"))
        | Q(created_at=OuterRef("thread__created_at"), pk__lt=OuterRef("thread"))
    )
    threads = (
        Post.objects.filter(published, days.in_range("thread__created_at"), position=1)
        .annotate(
            replied_at=Subquery(first_reply.values("created_at")[:1]),
            by_mentor=Subquery(first_reply.values("author__is_mentor")[:1]),
            is_first=~Exists(earlier),
        )
        .values_list(
            "thread__created_at",
            "thread__group_id",
            "created_at",
            "replied_at",
            "by_mentor",
            "is_first",
        )
    )
    for created_at, group_id, opened_at, replied_at, by_mentor, is_first in threads:
        for tally in days.both(created_at, group_id):
            tally.threads += 1
            if replied_at is not None and replied_at < opened_at + datetime.timedelta(hours=24):
                tally.threads_replied_in_24h += 1
            if is_first:
                tally.first_threads += 1
                if replied_at is not None:
                    tally.first_threads_answered += 1
                    tally.first_reply_waits.append((replied_at - opened_at).total_seconds())
                    tally.first_replies_by_mentors += bool(by_mentor)


def _moderation(days: Days) -> None:
    """Flags raised on each day, and posts written on each day that a moderator approved."""
    flags = Flag.objects.filter(days.in_range("created_at")).values_list(
        "created_at", "resolved_at", "post__thread__group_id"
    )
    for created_at, resolved_at, group_id in flags:
        for tally in days.both(created_at, group_id):
            tally.flags_received += 1
            if resolved_at is not None:
                tally.flags_decided += 1
                tally.flag_waits.append((resolved_at - created_at).total_seconds())
    approvals = AuditEntry.objects.filter(
        action=AuditEntry.Action.POST_APPROVE,
        target_type__app_label="community",
        target_type__model="post",
    )
    first_approval = approvals.filter(target_id=OuterRef("pk")).order_by("created_at")
    approved = (
        Post.objects.filter(days.in_range("created_at"), pk__in=approvals.values("target_id"))
        .annotate(approved_at=Subquery(first_approval.values("created_at")[:1]))
        .values_list("created_at", "approved_at", "thread__group_id")
    )
    for created_at, approved_at, group_id in approved:
        for tally in days.both(created_at, group_id):
            tally.posts_approved += 1
            tally.approval_waits.append((approved_at - created_at).total_seconds())


def posts_waiting(start: datetime.datetime, end: datetime.datetime, group_id: int | None) -> int:
    """Posts written in the period that still wait for a moderator: always counted live."""
    waiting = Post.objects.filter(
        status=Post.Status.PENDING,
        deleted_at__isnull=True,
        created_at__gte=start,
        created_at__lt=end,
    )
    if group_id is not None:
        waiting = waiting.filter(thread__group_id=group_id)
    return waiting.count()

"""Community-health figures for staff: one aggregate SQL query per figure, whatever the period.

Every count and median is computed by PostgreSQL (date_trunc('week'), count ... FILTER,
percentile_cont) over indexed columns; Python only fills in the weeks that had nothing.
Weeks start on Monday in the site's time zone. Posts count when they are published and not
deleted (what members saw); a thread is counted by its opening post (position 1).
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from community.models import Post
from webinars.models import Registration, Webinar


@dataclass(frozen=True)
class Period:
    """Whole days from start_date to end_date inclusive, in the site's time zone."""

    start_date: datetime.date
    end_date: datetime.date
    group_id: int | None = None
    group_name: str = ""

    @classmethod
    def last_days(cls, days: int, *, today: datetime.date, **group) -> "Period":
        return cls(today - datetime.timedelta(days=days - 1), today, **group)

    @property
    def start(self) -> datetime.datetime:
        return datetime.datetime.combine(self.start_date, datetime.time.min, tzinfo=site_zone())

    @property
    def end(self) -> datetime.datetime:
        """Exclusive: midnight after end_date."""
        after = self.end_date + datetime.timedelta(days=1)
        return datetime.datetime.combine(after, datetime.time.min, tzinfo=site_zone())

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def weeks(self) -> list[datetime.date]:
        """The Mondays of every week the period touches, oldest first."""
        monday = self.start_date - datetime.timedelta(days=self.start_date.weekday())
        weeks = []
        while monday <= self.end_date:
            weeks.append(monday)
            monday += datetime.timedelta(days=7)
        return weeks


def site_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@dataclass
class Figures:
    period: Period
    weeks: list[datetime.date]
    new_members: list[int]
    active_members: list[int]
    active_members_total: int
    threads_started: list[int]
    replies: list[int]
    threads_total: int
    threads_replied_in_24h: int
    first_threads: int
    first_threads_answered: int
    first_reply_median_seconds: float | None
    first_replies_by_mentors: int
    flags_received: int
    flags_decided: int
    flag_decision_median_seconds: float | None
    posts_held: int
    posts_still_waiting: int
    held_wait_median_seconds: float | None
    webinars: list[dict] = field(default_factory=list)

    @property
    def new_members_total(self) -> int:
        return sum(self.new_members)

    @property
    def threads_started_total(self) -> int:
        return sum(self.threads_started)

    @property
    def replies_total(self) -> int:
        return sum(self.replies)

    @property
    def replied_in_24h_percent(self) -> int | None:
        if not self.threads_total:
            return None
        return round(100 * self.threads_replied_in_24h / self.threads_total)

    @property
    def registrations_total(self) -> int:
        return sum(w["registrations"] for w in self.webinars)


def _rows(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _weekly(rows: list[tuple], weeks: list[datetime.date], column: int = 1) -> list[int]:
    """Counts for every week, oldest first, from (week number, count...) rows."""
    by_week = {row[0]: row[column] for row in rows if row[0] is not None}
    return [int(by_week.get(number, 0)) for number in range(1, len(weeks) + 1)]


def _params(period: Period) -> dict:
    zone = site_zone()
    return {
        "weeks": [
            datetime.datetime.combine(monday, datetime.time.min, tzinfo=zone)
            for monday in period.weeks()
        ],
        "start": period.start,
        "end": period.end,
        "group": period.group_id,
    }


# The f-strings below only splice in these constant fragments; values are bound parameters.
# Posts restricted to the chosen group, if any (the thread carries the group).
IN_GROUP = (
    "(%(group)s::bigint IS NULL"
    " OR p.thread_id IN (SELECT id FROM community_thread WHERE group_id = %(group)s))"
)
# The number of the week (1 = the first Monday) by binary search over the weeks' starting
# instants: exact across daylight-saving changes, and cheaper per row than date_trunc on a
# converted timestamp.
WEEK = "width_bucket({column}, %(weeks)s::timestamptz[])"


def new_members(period: Period) -> list[tuple]:
    """Members who joined, per week (the whole community: members do not belong to groups)."""
    return _rows(
        f"""
        SELECT {WEEK.format(column="date_joined")} AS week, count(*)
        FROM accounts_user
        WHERE date_joined >= %(start)s AND date_joined < %(end)s
        GROUP BY 1
        """,  # noqa: S608 (constant fragments only)
        _params(period),
    )


def active_members(period: Period) -> list[tuple]:
    """Distinct members who posted or reacted, per week; the row with week NULL is the period."""
    return _rows(
        f"""
        WITH activity AS (
            SELECT {WEEK.format(column="p.created_at")} AS week, p.author_id AS member_id
            FROM community_post p
            WHERE p.status = 'published' AND p.deleted_at IS NULL
              AND p.created_at >= %(start)s AND p.created_at < %(end)s AND {IN_GROUP}
            UNION ALL
            SELECT {WEEK.format(column="r.created_at")}, r.member_id
            FROM community_reaction r JOIN community_post p ON p.id = r.post_id
            WHERE r.created_at >= %(start)s AND r.created_at < %(end)s AND {IN_GROUP}
        ), weekly AS MATERIALIZED (
            SELECT DISTINCT week, member_id FROM activity
        )
        SELECT week, count(*) FROM weekly GROUP BY week
        UNION ALL
        SELECT NULL, count(DISTINCT member_id) FROM weekly
        """,  # noqa: S608 (constant fragments only)
        _params(period),
    )


def posts_per_week(period: Period) -> list[tuple]:
    """(week, threads started, replies) from published posts."""
    return _rows(
        f"""
        SELECT {WEEK.format(column="p.created_at")} AS week,
               count(*) FILTER (WHERE p.position = 1),
               count(*) FILTER (WHERE p.position > 1)
        FROM community_post p
        WHERE p.status = 'published' AND p.deleted_at IS NULL
          AND p.created_at >= %(start)s AND p.created_at < %(end)s AND {IN_GROUP}
        GROUP BY 1
        """,  # noqa: S608 (constant fragments only)
        _params(period),
    )


def thread_replies(period: Period) -> tuple:
    """Threads started in the period and their first reply by someone else.

    Returns (threads, replied within 24 h, newcomers' first threads, of those answered,
    median seconds to that first answer, first answers written by mentors). A member's first
    thread is the first thread they ever started, whatever became of it.
    """
    return _rows(
        """
        WITH first_threads AS MATERIALIZED (
            SELECT DISTINCT ON (author_id) id
            FROM community_thread ORDER BY author_id, created_at, id
        ), openers AS MATERIALIZED (
            SELECT t.id AS thread_id, t.author_id, p.created_at,
                   t.id IN (SELECT id FROM first_threads) AS is_first
            FROM community_thread t
            JOIN community_post p ON p.thread_id = t.id AND p.position = 1
            WHERE p.status = 'published' AND p.deleted_at IS NULL
              AND t.created_at >= %(start)s AND t.created_at < %(end)s
              AND (%(group)s::bigint IS NULL OR t.group_id = %(group)s)
        ), answered AS (
            SELECT o.*, fr.created_at AS replied_at, fr.is_mentor
            FROM openers o LEFT JOIN LATERAL (
                SELECT r.created_at, u.is_mentor
                FROM community_post r JOIN accounts_user u ON u.id = r.author_id
                WHERE r.thread_id = o.thread_id AND r.position > 1
                  AND r.author_id <> o.author_id
                  AND r.status = 'published' AND r.deleted_at IS NULL
                ORDER BY r.position LIMIT 1
            ) fr ON true
        )
        SELECT count(*),
               count(*) FILTER (WHERE replied_at < created_at + interval '24 hours'),
               count(*) FILTER (WHERE is_first),
               count(*) FILTER (WHERE is_first AND replied_at IS NOT NULL),
               percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY extract(epoch FROM replied_at - created_at)
               ) FILTER (WHERE is_first AND replied_at IS NOT NULL),
               count(*) FILTER (WHERE is_first AND is_mentor)
        FROM answered
        """,  # noqa: S608 (constant fragments only)
        _params(period),
    )[0]


def moderation(period: Period) -> tuple:
    """(flags received, flags decided, median seconds flag→decision, posts approved after
    being held, posts still waiting, median seconds from writing to approval).

    Flags count when they were raised in the period; held posts when they were written in
    it. The audit log's "post.approve" entries say when a held post was let through.
    """
    return _rows(
        f"""
        WITH flags AS (
            SELECT f.created_at, f.resolved_at
            FROM moderation_flag f JOIN community_post p ON p.id = f.post_id
            WHERE f.created_at >= %(start)s AND f.created_at < %(end)s AND {IN_GROUP}
        ), approvals AS (
            SELECT p.id, min(a.created_at) - p.created_at AS wait
            FROM moderation_auditentry a
            JOIN django_content_type ct
              ON ct.id = a.target_type_id AND ct.app_label = 'community' AND ct.model = 'post'
            JOIN community_post p ON p.id = a.target_id
            WHERE a.action = 'post.approve'
              AND p.created_at >= %(start)s AND p.created_at < %(end)s AND {IN_GROUP}
            GROUP BY p.id, p.created_at
        )
        SELECT
            (SELECT count(*) FROM flags),
            (SELECT count(*) FROM flags WHERE resolved_at IS NOT NULL),
            (SELECT percentile_cont(0.5) WITHIN GROUP (
                 ORDER BY extract(epoch FROM resolved_at - created_at))
             FROM flags WHERE resolved_at IS NOT NULL),
            (SELECT count(*) FROM approvals),
            (SELECT count(*) FROM community_post p
             WHERE p.status = 'pending' AND p.deleted_at IS NULL
               AND p.created_at >= %(start)s AND p.created_at < %(end)s AND {IN_GROUP}),
            (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM wait))
             FROM approvals)
        """,  # noqa: S608 (constant fragments only)
        _params(period),
    )[0]


def webinars(period: Period) -> list[dict]:
    """Webinars that started in the period: active registrations and discussion replies.

    Attendance and recording views are not recorded by the webinars app.
    """
    registrations = (
        Registration.objects.filter(webinar=OuterRef("pk"), cancelled_at__isnull=True)
        .values("webinar")
        .annotate(n=Count("pk"))
        .values("n")
    )
    replies = (
        Post.objects.filter(
            thread=OuterRef("thread"),
            position__gt=1,
            status=Post.Status.PUBLISHED,
            deleted_at__isnull=True,
        )
        .values("thread")
        .annotate(n=Count("pk"))
        .values("n")
    )
    scope = Q(starts_at__gte=period.start, starts_at__lt=period.end)
    if period.group_id is not None:
        scope &= Q(thread__group_id=period.group_id)
    rows = (
        Webinar.objects.filter(scope)
        .annotate(
            registered=Coalesce(Subquery(registrations), 0, output_field=IntegerField()),
            discussion_replies=Coalesce(Subquery(replies), 0, output_field=IntegerField()),
        )
        .order_by("starts_at", "pk")
        .values("pk", "title", "slug", "starts_at", "registered", "discussion_replies")
    )
    return [
        {
            "title": row["title"],
            "slug": row["slug"],
            "starts_at": row["starts_at"],
            "registrations": row["registered"],
            "replies": row["discussion_replies"],
        }
        for row in rows
    ]


def figures(period: Period) -> Figures:
    """Every figure for the period: seven SQL queries, whatever the period or data size."""
    weeks = period.weeks()
    with transaction.atomic(savepoint=False):
        # These few aggregates over at most a few hundred thousand rows finish in tens of
        # milliseconds; PostgreSQL's JIT, which their cost estimates trigger, would spend
        # most of a second compiling them. One statement, scoped to this transaction.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        active = active_members(period)
        posts = posts_per_week(period)
        threads = thread_replies(period)
        flags = moderation(period)
        joined = new_members(period)
        shown_webinars = webinars(period)
    return Figures(
        period=period,
        weeks=weeks,
        new_members=_weekly(joined, weeks),
        active_members=_weekly(active, weeks),
        active_members_total=next((n for week, n in active if week is None), 0),
        threads_started=_weekly(posts, weeks, 1),
        replies=_weekly(posts, weeks, 2),
        threads_total=threads[0],
        threads_replied_in_24h=threads[1],
        first_threads=threads[2],
        first_threads_answered=threads[3],
        first_reply_median_seconds=threads[4],
        first_replies_by_mentors=threads[5],
        flags_received=flags[0],
        flags_decided=flags[1],
        flag_decision_median_seconds=flags[2],
        posts_held=flags[3] + flags[4],
        posts_still_waiting=flags[4],
        held_wait_median_seconds=flags[5],
        webinars=shown_webinars,
    )


def duration(seconds: float | None) -> str:
    """'3 h 20 min', '45 min', '2 days 4 h'; an em dash when there is nothing to measure."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} days {hours} h" if hours else f"{days} days"

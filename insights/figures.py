"""Community-health figures for staff, whatever the period, on PostgreSQL or SQLite.

Days that are over come from the daily roll-ups (insights.rollup); the days not rolled up
yet (today, and every day until the beat task has run) are measured live
(insights.measure). Weeks start on Monday in the site's time zone; a week's figures are the
sum of its days' tallies (distinct members and medians stay exact, see insights.tally).
Posts count when they are published and not deleted (what members saw); a thread is
counted by its opening post (position 1).
"""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from accounts.models import site_today
from community.models import Post
from insights.measure import Key, dates, measure, midnight, posts_waiting, runs
from insights.rollup import stored
from insights.tally import Tally
from webinars.models import Attendance, RecordingViewDay, Registration, Webinar


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
        return midnight(self.start_date)

    @property
    def end(self) -> datetime.datetime:
        """Exclusive: midnight after end_date."""
        return midnight(self.end_date + datetime.timedelta(days=1))

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


def webinars(period: Period) -> list[dict]:
    """Webinars that started in the period: active registrations, attendance (members who
    said so, or staff's imported list), recording views to date (members counted once a
    day, webinars.recording_views) and discussion replies."""
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
    attended = (
        Attendance.objects.filter(webinar=OuterRef("pk"))
        .values("webinar")
        .annotate(n=Count("pk"))
        .values("n")
    )
    views = (
        RecordingViewDay.objects.filter(webinar=OuterRef("pk"))
        .values("webinar")
        .annotate(n=Sum("views"))
        .values("n")
    )
    scope = Q(starts_at__gte=period.start, starts_at__lt=period.end)
    if period.group_id is not None:
        scope &= Q(thread__group_id=period.group_id)
    rows = (
        Webinar.objects.filter(scope)
        .annotate(
            registered=Coalesce(Subquery(registrations), 0, output_field=IntegerField()),
            attended_count=Coalesce(Subquery(attended), 0, output_field=IntegerField()),
            recording_views=Coalesce(Subquery(views), 0, output_field=IntegerField()),
            discussion_replies=Coalesce(Subquery(replies), 0, output_field=IntegerField()),
        )
        .order_by("starts_at", "pk")
        .values(
            "pk",
            "title",
            "slug",
            "starts_at",
            "registered",
            "attended_count",
            "recording_views",
            "discussion_replies",
        )
    )
    return [
        {
            "title": row["title"],
            "slug": row["slug"],
            "starts_at": row["starts_at"],
            "registrations": row["registered"],
            "attended": row["attended_count"],
            "recording_views": row["recording_views"],
            "replies": row["discussion_replies"],
        }
        for row in rows
    ]


def figures(period: Period) -> Figures:
    """Every figure for the period: the stored days (insights.rollup) plus the days not
    rolled up yet (today, at least) measured live; a handful of queries whatever the period.
    """
    today = site_today()
    last_known = min(period.end_date, today)
    tallies = stored(period.start_date, last_known, period.group_id)
    missing = [day for day in dates(period.start_date, last_known) if (day, None) not in tallies]
    for run in runs(missing):
        tallies |= measure(run[0], run[-1])
    site = _by_week(tallies, period, None)
    scope = _by_week(tallies, period, period.group_id) if period.group_id else site
    whole = Tally()
    for week in scope:
        whole.add(week)
    waiting = posts_waiting(period.start, period.end, period.group_id)
    return Figures(
        period=period,
        weeks=period.weeks(),
        new_members=[week.new_members for week in site],
        active_members=[week.active_members for week in scope],
        active_members_total=whole.active_members,
        threads_started=[week.threads_started for week in scope],
        replies=[week.replies for week in scope],
        threads_total=whole.threads,
        threads_replied_in_24h=whole.threads_replied_in_24h,
        first_threads=whole.first_threads,
        first_threads_answered=whole.first_threads_answered,
        first_reply_median_seconds=_median(whole.first_reply_waits),
        first_replies_by_mentors=whole.first_replies_by_mentors,
        flags_received=whole.flags_received,
        flags_decided=whole.flags_decided,
        flag_decision_median_seconds=_median(whole.flag_waits),
        posts_held=whole.posts_approved + waiting,
        posts_still_waiting=waiting,
        held_wait_median_seconds=_median(whole.approval_waits),
        webinars=webinars(period),
    )


def _by_week(tallies: dict[Key, Tally], period: Period, group_id: int | None) -> list[Tally]:
    """One tally per week of the period (Monday to Sunday, cut to the period's days)."""
    weeks = []
    for monday in period.weeks():
        week = Tally()
        sunday = monday + datetime.timedelta(days=6)
        for day in dates(max(monday, period.start_date), min(sunday, period.end_date)):
            if (day, group_id) in tallies:
                week.add(tallies[(day, group_id)])
        weeks.append(week)
    return weeks


def _median(waits: list[float]) -> float | None:
    return statistics.median(waits) if waits else None


def duration(seconds: float | None) -> str:
    """'3 h 20 min', '45 min', '2 days 4 h'; an em dash when there is nothing to measure."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    if minutes < 60:
        return gettext("%(minutes)s min") % {"minutes": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        if minutes:
            return gettext("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
        return gettext("%(hours)s h") % {"hours": hours}
    days, hours = divmod(hours, 24)
    if hours:
        return gettext("%(days)s days %(hours)s h") % {"days": days, "hours": hours}
    return gettext("%(days)s days") % {"days": days}

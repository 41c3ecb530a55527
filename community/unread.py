"""What is new for a member since their last visit: the first unread post of a thread, and the
threads and groups they follow with what is new in each (the member's home page).

A member's last visit to a thread is `ThreadVisit` (read with `Thread.objects.with_last_visit`);
a post is unread when it was written after that visit. A thread the member never opened is
unread from its first post.

Reading never writes here: the thread page records the visit, nothing else.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.db.models import Count, Exists, F, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from community import visits
from community.models import Group, Post, Thread, ThreadVisit

if TYPE_CHECKING:
    from accounts.models import User
    from community.querysets import Viewer

# The home page lists the most recently active of the threads and groups a member follows.
FOLLOWED_THREADS_ON_HOME = 10
FOLLOWED_GROUPS_ON_HOME = 10

# "Before anything was written": a thread never visited is unread from its first post.
_NEVER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def unread_url(thread: Thread, *, since: datetime.datetime | None = None) -> str:
    """The "First unread post" link: a redirect to the first post newer than `since` (the
    visit the page was showing, before it recorded this one), or than the last visit."""
    url = reverse("community:thread-unread", kwargs={"pk": thread.pk, "slug": thread.slug})
    return f"{url}?{urlencode({'since': since.isoformat()})}" if since else url


def parse_since(raw: str | None) -> datetime.datetime | None:
    """`?since=` as an aware time, or None for anything else (missing, garbled, naive)."""
    try:
        since = parse_datetime(raw or "")
    except ValueError:  # well formed but impossible, e.g. month 13
        return None
    if since is None or since.tzinfo is None:
        return None
    return since


def has_unread(thread: Thread) -> bool:
    """Whether the thread (annotated with `last_visited_at`) moved on since the last visit."""
    visited = getattr(thread, "last_visited_at", None)
    return visited is not None and thread.last_activity_at > visited


def first_unread_post(thread: Thread, user: Viewer, since: datetime.datetime | None) -> Post | None:
    """The first post on the thread page newer than `since` (None: every post is unread)."""
    posts = Post.objects.filter(thread=thread).shown_in_thread_to(user)
    if since is not None:
        posts = posts.filter(created_at__gt=since)
    return posts.order_by("position").first()


def _new_posts(member: User) -> Coalesce:
    """Per thread (the outer row, annotated with `last_visited_at`): the readable posts
    others wrote after the member's last visit."""
    new = (
        Post.objects.readable_by(member)
        .filter(
            thread=OuterRef("pk"),
            created_at__gt=Coalesce(OuterRef("last_visited_at"), Value(_NEVER)),
        )
        .exclude(author=member)
        .order_by()
        .values("thread")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(new), 0)


def followed_threads(
    member: User, *, limit: int = FOLLOWED_THREADS_ON_HOME
) -> tuple[list[Thread], int]:
    """The threads the member follows, most recently active first, each with
    `last_visited_at` and `new_posts` (written by others since that visit); and how many
    readable threads they follow in all. ONE query."""
    followed = Thread.objects.readable_by(member).filter(follows__member=member)
    # Uncorrelated, so PostgreSQL counts once; and with no window function over all the
    # followed threads, the per-thread counts are computed for the `limit` rows shown only.
    total = followed.order_by().values(n=Func(Value(1), function="COUNT"))
    threads = list(
        followed.with_last_visit(member)
        .annotate(new_posts=_new_posts(member), followed_total=Subquery(total))
        .select_related("group", "last_poster")
        .order_by("-last_activity_at", "-pk")[:limit]
    )
    return threads, threads[0].followed_total if threads else 0


def _seen_since_last_flush(member: User) -> Q:
    """Threads the member read, as noted in Redis and not yet in ThreadVisit
    (community.visits), since they last moved on."""
    seen = Q(pk__in=[])
    for pk, at in visits.noted_visits(member.pk).items():
        seen |= Q(pk=pk, last_activity_at__lte=at)
    return seen


def followed_groups(member: User, *, limit: int = FOLLOWED_GROUPS_ON_HOME) -> list[Group]:
    """The groups the member follows, most recently active first, in ONE query, each with
    `active_threads`: the readable threads that moved on since the member began following
    and since their last visit to the thread (or that they never opened)."""
    seen = ThreadVisit.objects.filter(
        thread=OuterRef("pk"), member=member, visited_at__gte=OuterRef("last_activity_at")
    )
    moved_on = (
        Thread.objects.readable_by(member)
        .filter(group=OuterRef("pk"), last_activity_at__gt=OuterRef("followed_at"))
        .exclude(Exists(seen))
        .exclude(_seen_since_last_flush(member))
        .order_by()
        .values("group")
        .annotate(count=Count("pk"))
        .values("count")
    )
    groups = (
        Group.objects.readable_by(member)
        .filter(follows__member=member)
        .annotate(followed_at=F("follows__created_at"))
        .annotate(active_threads=Coalesce(Subquery(moved_on), 0))
        .order_by(F("last_activity_at").desc(nulls_last=True), "name")
    )
    return list(groups[:limit])

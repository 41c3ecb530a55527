"""What the bench measures: each page, the people who read it, and how one request costs.

A page is measured as a visitor and as a logged-in member where both may read it, and
otherwise as the one person it is for (a moderator, staff, a conversation's participant).
"""

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client

from accounts.models import User
from accounts.roles import MODERATORS_GROUP
from community.models import Group, Post, Thread
from conversations.models import Participant
from insights import rollup
from webinars.models import Webinar

LONG_THREAD = "bench-discussion-1"
DEEP_PAGE = 50
INSIGHTS_PATH = "/staff/insights/?period=90"
WRITES = ("INSERT", "UPDATE", "DELETE")


@dataclass
class Page:
    name: str
    path: str
    readers: tuple[str, ...] = ("visitor", "member")
    # Run before each measurement: what the beat tasks would have done by then.
    prepare: Callable[[], object] | None = None


@dataclass
class Cost:
    """One page for one reader: a rendering with an empty cache (cold), then the steady
    state (warm: the page cache, cached blocks) timed over `repeat` requests."""

    status: int
    cpu_ms: float  # CPU of the Django process and its PostgreSQL backend, per request
    cold_queries: int
    cold_writes: int
    queries: int
    writes: int
    html_bytes: int
    median_ms: float
    p95_ms: float
    requests_per_second: float = field(default=0.0)


def pages() -> list[Page]:
    long_thread = Thread.objects.get(slug=LONG_THREAD)
    busiest_group = Group.objects.get(pk=long_thread.group_id)
    deep_post = Post.objects.get(thread=long_thread, position=long_thread.last_position - 30)
    webinar = Webinar.objects.exclude(recording_url="").order_by("-starts_at").first()
    assert webinar is not None, "the demo webinars are missing: run with --rebuild"
    conversation = _busiest_conversation()
    return [
        Page("trivial view (yardstick)", "/bench/trivial/"),
        Page("home", "/"),
        Page("group page", busiest_group.get_absolute_url()),
        Page("long thread, first page", long_thread.get_absolute_url()),
        Page(
            f"long thread, page {DEEP_PAGE}", f"{long_thread.get_absolute_url()}?page={DEEP_PAGE}"
        ),
        Page("permalink redirect", deep_post.get_absolute_url()),
        Page("search", "/search/?q=transplant+tremors"),
        Page("webinar page", webinar.get_absolute_url()),
        Page("notifications", "/notifications/", ("member",)),
        Page("moderation queue", "/moderation/", ("moderator",)),
        Page("insights, 90 days", INSIGHTS_PATH, ("staff",), prepare=rollup.roll_up_today),
        Page("messages", "/messages/", ("participant",)),
        Page("conversation", f"/messages/{conversation}/", ("participant",)),
    ]


def _busiest_conversation() -> int:
    place = (
        Participant.objects.filter(left_at__isnull=True)
        .annotate(messages=Count("conversation__messages"))
        .order_by("-messages", "pk")
        .first()
    )
    assert place is not None, "the demo conversations are missing: run with --rebuild"
    return place.conversation_id


def readers(member_handle: str) -> dict[str, Client]:
    """A logged-in test client for each kind of reader (sessions in the database, so the
    same session cookie works against gunicorn)."""
    long_conversation = _busiest_conversation()
    people = {
        "member": User.objects.get(handle=member_handle),
        "moderator": User.objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
        .order_by("pk")
        .first(),
        "staff": User.objects.filter(is_staff=True, is_active=True).order_by("pk").first(),
        "participant": Participant.objects.filter(
            conversation_id=long_conversation, left_at__isnull=True
        )
        .order_by("pk")
        .first()
        .member,
    }
    clients = {"visitor": Client()}
    for role, person in people.items():
        assert person is not None, f"no {role} in the bench database: run with --rebuild"
        clients[role] = Client()
        clients[role].force_login(person)
    return clients


def session_cookie(client: Client) -> str:
    """The Cookie header that makes wrk's requests this client's (empty for a visitor)."""
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}" if name in client.cookies else ""


def cost(client: Client, page: Page, repeat: int) -> Cost:
    if page.prepare:
        page.prepare()
    cache.clear()  # the first rendering fills every cache: count what it costs
    cold = _captured(client, page.path)
    warm = _captured(client, page.path)
    times = []
    cpu_before = _cpu_seconds()
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(page.path)
        times.append((time.perf_counter() - started) * 1000)
    cpu_ms = (_cpu_seconds() - cpu_before) / repeat * 1000
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    response, queries = warm
    _, cold_queries = cold
    return Cost(
        status=response.status_code,
        cpu_ms=cpu_ms,
        cold_queries=len(cold_queries),
        cold_writes=_writes(cold_queries),
        queries=len(queries),
        writes=_writes(queries),
        html_bytes=len(response.content),
        median_ms=statistics.median(times),
        p95_ms=p95,
    )


def _cpu_seconds() -> float:
    """CPU time used so far by this process and by its PostgreSQL backend (from /proc, so
    PostgreSQL on this machine only). On a machine shared with other work, wall-clock times
    grow with the queue for the cores; CPU time much less: it says what a request costs."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        backend = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        backend = 0.0  # PostgreSQL on another machine: the Django process's CPU only
    return time.process_time() + backend


def _captured(client: Client, path: str):
    queries: list[str] = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(path)
    if response.status_code not in (200, 302):
        raise RuntimeError(f"{path} answered {response.status_code}")
    return response, queries


def _writes(queries: list[str]) -> int:
    return sum(1 for sql in queries if sql.lstrip().upper().startswith(WRITES))

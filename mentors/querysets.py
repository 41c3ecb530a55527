"""Which threads a mentor's queue shows: newcomers' threads nobody has answered yet.

A thread is a *newcomer's* when either
- it is the author's first thread (no earlier thread by them), or
- the author joined at most MENTOR_NEWCOMER_DAYS (default 30) days before starting it;
and the author is not staff (the hospital's staff open webinar discussions, for instance).

It is *waiting* when it has no published reply MENTOR_UNANSWERED_HOURS (default 12) after
it started, is not locked, and its first post is published (Thread.objects.readable_by).
Oldest first: whoever has waited longest comes first. Threads the mentor started are left
out. The queue is one query however many threads (claims come with select_related).
"""

import datetime

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from community.models import Thread


def newcomer_threads():
    earlier = Thread.objects.filter(
        author=OuterRef("author"), created_at__lt=OuterRef("created_at")
    )
    joined_recently = Q(
        author__date_joined__gte=F("created_at")
        - datetime.timedelta(days=settings.MENTOR_NEWCOMER_DAYS)
    )
    return Thread.objects.filter(~Exists(earlier) | joined_recently, author__is_staff=False)


def waiting_for_a_mentor(mentor, *, now: datetime.datetime | None = None):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.MENTOR_UNANSWERED_HOURS)
    return (
        newcomer_threads()
        .readable_by(mentor)
        .filter(reply_count=0, is_locked=False, created_at__lte=cutoff)
        .exclude(author=mentor)
        .select_related("group", "author", "mentor_claim__mentor")
        .order_by("created_at", "pk")
    )

"""What the moderation pages list, fetched in a fixed number of queries."""

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.querysets import badge_prefetches
from community.models import Post
from moderation import hooks, review
from moderation.models import AuditEntry, Flag, Sanction


def _count(queryset, field: str = "pk"):
    """A correlated COUNT(*) subquery usable in annotate()."""
    counted = queryset.order_by().values(field).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_author_history(posts):
    """Annotates each post with its author's record: hidden posts, upheld flags, sanctions."""
    author = OuterRef("author")
    return posts.annotate(
        author_hidden_posts=_count(
            Post.objects.filter(author=author, status=Post.Status.HIDDEN), "author"
        ),
        author_upheld_flags=_count(
            Flag.objects.filter(post__author=author, outcome=Flag.Outcome.UPHELD), "post__author"
        ),
        author_warnings=_count(Sanction.objects.warnings().filter(member=author), "member"),
        author_suspensions=_count(
            Sanction.objects.filter(member=author, kind=Sanction.Kind.SUSPENSION), "member"
        ),
        author_suspended_until=Subquery(
            Sanction.objects.active_suspensions(timezone.now())
            .filter(member=author)
            .order_by("-ends_at")
            .values("ends_at")[:1]
        ),
    )


def for_review(posts):
    """Posts with all a moderator needs beside them: thread, group, author, flags, history."""
    open_flags = Flag.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    # E.g. "Needs a caring look": safety's open CareMark and the phrases that matched.
    shown_beside = {
        name: expression
        for annotations in hooks.review_annotations
        for name, expression in annotations().items()
    }
    posts = (
        posts.annotate(
            first_flag_at=Subquery(open_flags.order_by("created_at").values("created_at")[:1]),
            open_flag_count=_count(open_flags, "post"),
            **shown_beside,
        )
        .annotate(queued_at=Coalesce("first_flag_at", "created_at"))
        .select_related("thread", "thread__group", "author")
        .prefetch_related(
            *badge_prefetches("author__"),
            Prefetch("flags", queryset=Flag.objects.select_related("flagger")),
        )
    )
    return with_author_history(posts)


def queue():
    """Posts that need a caring look first, then pending posts and posts with open flags; in
    each, the oldest wait first.

    A post that used crisis language (an open safety.CareMark, through
    moderation.hooks.urgent_in_queue) waits since it was written, whatever its status; a
    pending post since it was written; a flagged post since its first open flag. The order
    is kept in two columns (moderation.review), so a page of the queue is an index range
    scan whatever the number of posts, flags or waiting items.
    """
    return for_review(review.waiting())


def queue_ids():
    """The queue's post ids in its order: what the pages count and slice, from the index
    alone (moderation.review)."""
    return review.waiting().values_list("pk", flat=True)


def queue_posts(ids):
    """The posts of one page of the queue, `ids` being a slice of queue_ids(), in the queue's
    order and with everything beside them. One query, whose history and flag subqueries run
    for this page's posts only, not for every post of the pages before it."""
    return for_review(Post.objects.filter(pk__in=ids)).order_by(*review.ORDER)


def audit_log(*, action: str = "", actor=None, since=None, until=None):
    entries = AuditEntry.objects.select_related("actor", "target_type")
    if action:
        entries = entries.filter(action=action)
    if actor is not None:
        entries = entries.filter(actor=actor)
    if since is not None:
        entries = entries.filter(created_at__date__gte=since)
    if until is not None:
        entries = entries.filter(created_at__date__lte=until)
    return entries.order_by("-created_at", "-pk")

"""Each post's place in the moderation queue, kept in two columns so the queue reads an index.

`Post.review_since` is when the post began waiting (NULL: nothing waits) and
`Post.review_first` marks a caring look, which comes first whatever the post's status. The
truth stays in the rows they are computed from: a pending status, open flags, and whatever
higher apps register as urgent (moderation.hooks.urgent_in_queue: safety's open CareMark).
`refresh` recomputes both columns from that truth in one UPDATE, so calling it twice, or
after a change that did not move the post, is harmless. Every service that changes a post's
status, opens or closes its flags or its caring look calls it in its own transaction;
community sets `review_since` itself when it creates a pending post.
"""

from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from community.models import Post
from moderation import hooks
from moderation.models import Flag


def _urgent() -> Q:
    """A caring look: any of the conditions higher apps registered (False if none did)."""
    urgent = [Q(needs()) for needs in hooks.urgent_in_queue]
    return reduce(or_, urgent) if urgent else Q(pk__in=[])


def refresh(*, post_ids: Iterable[int]) -> int:
    """Recomputes the queue place of these posts from their status, flags and caring look.

    A pending post waits since it was written, a flagged one since its first open flag
    (whatever its status: a flag on a hidden post still asks for a decision), a post needing
    a caring look since its first open flag or its creation, and first of all.
    """
    ids = list(post_ids)
    if not ids:
        return 0
    open_flags = Flag.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True)
    first_open_flag = Subquery(open_flags.order_by("created_at").values("created_at")[:1])
    urgent = _urgent()
    waits = Q(status=Post.Status.PENDING) | Q(Exists(open_flags)) | urgent
    return Post.objects.filter(pk__in=ids).update(
        review_first=Case(When(urgent, then=Value(True)), default=Value(False)),
        review_since=Case(
            When(waits, then=Coalesce(first_open_flag, F("created_at"))),
            default=Value(None),
            output_field=DateTimeField(),
        ),
    )


# The queue's order, which the partial index community.Post "post_review_queue" holds.
ORDER = ("-review_first", "review_since", "pk")


def waiting():
    """Posts in the queue, in its order: caring looks first, then the longest waiting."""
    return Post.objects.filter(review_since__isnull=False, deleted_at__isnull=True).order_by(*ORDER)

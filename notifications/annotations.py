"""What notifications adds to the queries of pages that lower apps own, so each stays one
query: the header's unread count (core.context_processors.header_facts) and the "Mute" /
"Unmute" buttons' state on a thread or a profile (community.hooks.thread_page,
accounts.hooks.profile_members). NotificationsConfig.ready() registers them.
"""

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery

from accounts.models import User
from community.models import Thread
from notifications.models import MemberMute, Notification, ThreadMute


def annotate_muted_threads(threads: QuerySet[Thread], viewer) -> QuerySet[Thread]:
    """`is_muted` on each thread: whether the viewer muted it (members only)."""
    if not viewer.is_authenticated:
        return threads
    return threads.annotate(
        is_muted=Exists(ThreadMute.objects.filter(thread=OuterRef("pk"), member=viewer))
    )


def annotate_muted_members(members: QuerySet[User], viewer) -> QuerySet[User]:
    """`is_muted` on each member: whether the viewer muted them (members only)."""
    if not viewer.is_authenticated:
        return members
    return members.annotate(
        is_muted=Exists(MemberMute.objects.filter(member=viewer, muted=OuterRef("pk")))
    )


def unread_count(user) -> Subquery:
    """The member's unread notifications they may still read, on their own row."""
    unread = (
        Notification.objects.readable_by(user)
        .filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(unread)

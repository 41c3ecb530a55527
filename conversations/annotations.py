"""What conversations adds to lower apps' one-query pages (registered in
ConversationsConfig.ready()): the header's unread-messages count and the profile's
"Block" / "Unblock" state."""

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from conversations.models import Block, Participant


def unread_conversations(user) -> Subquery:
    """How many of the member's conversations have a message they have not opened yet."""
    unread = (
        Participant.objects.filter(member=OuterRef("pk"), left_at__isnull=True)
        .filter(
            Q(last_read_at__isnull=True) | Q(last_read_at__lt=F("conversation__last_message_at"))
        )
        .order_by()
        .values("member")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(unread)


def annotate_blocked(members: QuerySet[User], viewer) -> QuerySet[User]:
    """`is_blocked_by_viewer` on each member (logged-in viewers only)."""
    if not viewer.is_authenticated:
        return members
    return members.annotate(
        is_blocked_by_viewer=Exists(Block.objects.filter(blocker=viewer, blocked=OuterRef("pk")))
    )

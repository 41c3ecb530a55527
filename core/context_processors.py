from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils.functional import SimpleLazyObject


def site(request):
    """The few values every page's layout needs."""
    return {"site_name": settings.SITE_NAME}


def member_header(request):
    """The header's facts about the member, in ONE query, and only if the page shows them.

    `header.unread` is the unread-notification count; `header.can_moderate` shows the
    Moderation link. Visitors cost nothing.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def load() -> dict:
        from accounts.models import MODERATORS_GROUP, User
        from notifications.models import Notification

        unread = (
            Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(n=Count("pk"))
            .values("n")
        )
        in_moderators = User.groups.through.objects.filter(
            user_id=OuterRef("pk"), group__name=MODERATORS_GROUP
        )
        row = (
            User.objects.filter(Q(pk=user.pk))
            .annotate(unread=Subquery(unread), in_moderators=Exists(in_moderators))
            .values("unread", "in_moderators")
            .get()
        )
        return {
            "unread": row["unread"] or 0,
            "can_moderate": user.is_active and (user.is_superuser or row["in_moderators"]),
        }

    return {"header": SimpleLazyObject(load)}

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Q, Subquery
from django.utils.functional import SimpleLazyObject


def site(request):
    """The few values every page's layout needs."""
    return {"site_name": settings.SITE_NAME}


def member_header(request):
    """The header's facts about the member, in ONE query, and only if the page shows them.

    `header.unread` is the unread-notification count; `header.can_moderate` shows the
    Moderation link and `header.is_mentor` the Mentors link, answered by accounts.roles (the
    moderator rule is asked inside the same query, and remembered on the user for the rest
    of the request). Visitors cost nothing.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def load() -> dict:
        from accounts import roles
        from accounts.models import User
        from notifications.models import Notification

        unread = (
            Notification.objects.readable_by(user)
            .filter(recipient=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("recipient")
            .annotate(n=Count("pk"))
            .values("n")
        )
        row = (
            User.objects.filter(Q(pk=user.pk))
            .annotate(
                unread=Subquery(unread),
                moderator=ExpressionWrapper(
                    roles.holds_permission(roles.MODERATE_PERMISSION), BooleanField()
                ),
            )
            .values("unread", "moderator")
            .get()
        )
        roles.remember(user, roles.MODERATOR, row["moderator"])
        return {
            "unread": row["unread"] or 0,
            "can_moderate": roles.is_moderator(user),
            "is_mentor": roles.is_mentor(user),
        }

    return {"header": SimpleLazyObject(load)}

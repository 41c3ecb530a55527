from django.utils.functional import SimpleLazyObject

from notifications.models import Notification


def unread(request):
    """The header's unread count: one COUNT on the (recipient, read_at) index, only when a
    template shows it, and no query at all for visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        )
    }

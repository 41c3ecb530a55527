"""Warnings and suspensions reach the member on their next page, through Django's messages.

The moderator's request cannot write into the member's session, so the decision is stored
as a row (Sanction) and a small marker is set in the shared cache. NoticeMiddleware reads
only that marker on each request (no SQL for the 99.9 % of requests without news); when it
is set, it turns the member's unseen warnings and current suspension into messages and
marks the warnings seen. If the cache loses a marker, nothing is lost: the member's
standing page (/moderation/standing/) lists every warning and suspension.
"""

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from core import soft_cache
from moderation.models import Sanction
from moderation.rules import active_suspension, suspension_message

MARKER_TIMEOUT = 60 * 60 * 24 * 30


def _key(member_id: int) -> str:
    return f"moderation:notice:{member_id}"


def flag_member(*, member_id: int) -> None:
    """Asks for the member's next page to show their new warning or suspension."""
    soft_cache.set(_key(member_id), 1, timeout=MARKER_TIMEOUT)


def deliver(request) -> None:
    """Adds the member's unseen warnings and current suspension to this request's messages."""
    user = request.user
    soft_cache.delete(_key(user.pk))
    warnings = list(Sanction.objects.warnings().filter(member=user, seen_at__isnull=True))
    for warning in reversed(warnings):
        messages.warning(
            request, _("A message from the moderators: %(message)s") % {"message": warning.reason}
        )
    if warnings:
        Sanction.objects.filter(pk__in=[w.pk for w in warnings]).update(seen_at=timezone.now())
    suspension = active_suspension(user)
    if suspension is not None:
        messages.warning(request, suspension_message(suspension))


class NoticeMiddleware:
    """Place after AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.method == "GET"
            and soft_cache.get(_key(user.pk))
        ):
            deliver(request)
        return self.get_response(request)

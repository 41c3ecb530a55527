"""The mentors app's part of "Download my data" and of closing an account
(accounts.hooks.exporters and erasers, registered by MentorsConfig.ready())."""

from typing import Any

from django.conf import settings

from accounts.models import User
from mentors.models import MentorClaim


def claims(member: User) -> list[dict[str, Any]]:
    """The newcomers' discussions the member said they would answer, as a mentor."""
    rows = MentorClaim.objects.filter(mentor=member).select_related("thread")
    return [
        {
            "discussion": c.thread.title,
            "url": settings.SITE_URL + c.thread.get_absolute_url(),
            "claimed_at": c.claimed_at.isoformat(),
            "until": c.expires_at.isoformat(),
        }
        for c in rows.order_by("claimed_at", "pk")
    ]


def erase(member: User) -> None:
    """A closed account's claims go, so other mentors may answer those newcomers."""
    MentorClaim.objects.filter(mentor=member).delete()

"""The notifications app's part of the two privacy rights (accounts/personal_data.SECTIONS
and accounts/closing.ERASERS): what it holds about a member, and erasing it."""

from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from community.models import Thread
from notifications.models import (
    EmailDelivery,
    MemberMute,
    Notification,
    NotificationPreference,
    ThreadMute,
)
from notifications.services import preferences_for


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _absolute(path: str) -> str:
    return path if path.startswith(("http://", "https://")) else settings.SITE_URL + path


UNAVAILABLE = _("About a post that is no longer available")


def export_notifications(member: User) -> list[dict[str, Any]]:
    """Every notification the member received, oldest first. One about a post they may no
    longer read keeps its place without its line (which names the thread)."""
    readable = Notification.objects.readable_by(member).filter(pk=OuterRef("pk"))
    return [
        {
            "kind": n.kind,
            "text": n.line if n.readable else str(UNAVAILABLE),
            "url": _absolute(n.url) if n.readable else None,
            "created_at": _when(n.created_at),
            "read_at": _when(n.read_at),
        }
        for n in Notification.objects.filter(recipient=member)
        .annotate(readable=Exists(readable))
        .select_related("actor")
        .order_by("created_at", "pk")
        .iterator(chunk_size=1000)
    ]


def export_notification_emails(member: User) -> list[dict[str, Any]]:
    """The e-mails the notifications app sent or meant to send the member (not their text)."""
    return [
        {
            "kind": e.kind,
            "state": e.state,
            "created_at": _when(e.created_at),
            "sent_at": _when(e.sent_at),
        }
        for e in EmailDelivery.objects.filter(recipient=member).order_by("created_at", "pk")
    ]


def export_notification_settings(member: User) -> dict[str, Any]:
    """The member's e-mail choices and mutes."""
    prefs = preferences_for(member)
    return {
        "replies": prefs.replies,
        "quotes": prefs.quotes,
        "mentions": prefs.mentions,
        "email_turned_off_at": _when(prefs.email_unsubscribed_at),
        "discreet_email": prefs.discreet_email,
        "quiet_hours": (
            {"from": prefs.quiet_start.isoformat(), "until": prefs.quiet_end.isoformat()}
            if prefs.quiet_start and prefs.quiet_end
            else None
        ),
        "muted_threads": [
            {"title": m.thread.title, "url": _absolute(m.thread.get_absolute_url())}
            for m in ThreadMute.objects.filter(
                member=member, thread__in=Thread.objects.readable_by(member)
            ).select_related("thread")
        ],
        "muted_members": sorted(
            MemberMute.objects.filter(member=member).values_list("muted__handle", flat=True)
        ),
    }


def erase(member: User) -> None:
    """Closing an account: the member's notifications, pending and past e-mail rows,
    preferences and mutes are deleted, so nothing is ever e-mailed to the closed account.

    Other members' notifications about this member's posts stay (the posts stay too); they
    never stored the member's name (Notification.ACTOR), so they read "Former member
    replied in …" from now on.
    """
    EmailDelivery.objects.filter(recipient=member).delete()
    Notification.objects.filter(recipient=member).delete()
    NotificationPreference.objects.filter(member=member).delete()
    ThreadMute.objects.filter(member=member).delete()
    MemberMute.objects.filter(member=member).delete()

"""What Gathering holds about a member, for the "Export my data" download.

Each app's data is one section: a function from the member to JSON-ready values. To add
another app's data (reactions, webinar registrations, notifications…), write its function
and add it to SECTIONS below; every query must be filtered by the member, so an export
never holds anybody else's data.
"""

import datetime
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from accounts.models import Membership, TrialRequest, User
from community import personal_data as community_data
from notifications import privacy as notifications_privacy
from webinars import personal_data as webinars_data


def _when(value: datetime.datetime | datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def profile(member: User) -> dict[str, Any]:
    return {
        "handle": member.handle,
        "email": member.email,
        "display_name": member.display_name,
        "bio": member.bio,
        "time_zone": member.time_zone,
        "hide_profile_from_visitors": member.hide_profile_from_visitors,
        "volunteer_mentor": member.is_mentor,
        "joined_at": _when(member.date_joined),
        "last_login_at": _when(member.last_login),
        "profile_url": settings.SITE_URL + member.get_absolute_url(),
    }


def email_addresses(member: User) -> list[dict[str, Any]]:
    return [
        {"email": a.email, "verified": a.verified, "primary": a.primary}
        for a in EmailAddress.objects.filter(user=member).order_by("email")
    ]


def memberships(member: User) -> list[dict[str, Any]]:
    return [
        {
            "description": m.description,
            "tier": m.tier,
            "kind": m.kind,
            "starts_on": _when(m.starts_on),
            "ends_on": _when(m.ends_on),
            "granted_at": _when(m.created_at),
        }
        for m in Membership.objects.filter(member=member).order_by("starts_on", "created_at")
    ]


def trial_requests(member: User) -> list[dict[str, Any]]:
    return [
        {"asked_at": _when(r.created_at), "status": r.status, "decided_at": _when(r.decided_at)}
        for r in TrialRequest.objects.filter(member=member).order_by("created_at")
    ]


def posts(member: User) -> list[dict[str, Any]]:
    from community.models import Post

    rows = (
        Post.objects.filter(author=member)
        .select_related("thread")
        .order_by("created_at", "pk")
        .iterator(chunk_size=500)
    )
    return [
        {
            "id": p.pk,
            "url": f"{settings.SITE_URL}/p/{p.pk}/",  # the stable permalink (PRODUCT.md)
            "thread_id": p.thread_id,
            "thread_title": p.thread.title,
            "started_the_thread": p.position == 1,
            "in_reply_to_post_id": p.reply_to_id,
            "quoted_text": p.quote_excerpt,
            "text_markdown": p.body_markdown,
            "status": p.status,
            "written_at": _when(p.created_at),
            "edited_at": _when(p.edited_at),
            "deleted_at": _when(p.deleted_at),
        }
        for p in rows
    ]


# Section name → function. Add other apps' data here (e.g. "reactions", "registrations").
SECTIONS: dict[str, Callable[[User], Any]] = {
    "profile": profile,
    "email_addresses": email_addresses,
    "memberships": memberships,
    "trial_requests": trial_requests,
    "posts": posts,
    "notifications": notifications_privacy.export_notifications,
    "notification_emails": notifications_privacy.export_notification_emails,
    "notification_settings": notifications_privacy.export_notification_settings,
    "reactions": community_data.reactions,
    "follows": community_data.follows,
    "webinar_registrations": webinars_data.registrations,
}


def export(member: User) -> dict[str, Any]:
    """Everything Gathering holds about `member`, as one JSON-ready dictionary."""
    return {
        "site": settings.SITE_NAME,
        "exported_at": timezone.now().isoformat(),
        **{name: section(member) for name, section in SECTIONS.items()},
    }

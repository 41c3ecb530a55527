"""What Gathering holds about a member, for the "Export my data" download.

Each app's data is one section: a function from the member to JSON-ready values. To add
another app's data (reactions, webinar registrations, notifications…), write its function
and add it to SECTIONS below; every query must be filtered by the member, so an export
never holds anybody else's data.

It holds everything the product keeps about the member (their posts and each earlier
version, flags, warnings and suspensions, settings, mutes, follows, reactions,
registrations, memberships, mentor claims) and nothing of other members that the member
could not read on the site now: a quote of someone else's post follows the quote block's
rule (community.querysets.quote_is_available), and a thread's title is given only while
the member may see the thread.
"""

import datetime
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from accounts.models import Membership, TrialRequest, User
from community import personal_data as community_data
from mentors import personal_data as mentors_data
from moderation import personal_data as moderation_data
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
        "let_search_engines_list_profile": member.allow_search_indexing,
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
    from community.models import Post, Thread
    from community.querysets import quote_is_available

    readable_threads = set(
        Thread.objects.visible_to(member)
        .filter(posts__author=member)
        .values_list("pk", flat=True)
        .distinct()
    )
    rows = (
        Post.objects.filter(author=member)
        .select_related("thread", "reply_to")
        .order_by("created_at", "pk")
        .iterator(chunk_size=500)
    )

    def quoted(p) -> str | None:
        # Someone else's words only while the reply's quote block shows them to anyone.
        if not p.quote_excerpt:
            return None
        if p.reply_to is not None and (
            p.reply_to.author_id == member.pk or quote_is_available(p.reply_to)
        ):
            return p.quote_excerpt
        return None

    return [
        {
            "id": p.pk,
            "url": f"{settings.SITE_URL}/p/{p.pk}/",  # the stable permalink (PRODUCT.md)
            "thread_id": p.thread_id,
            "thread_title": p.thread.title if p.thread_id in readable_threads else None,
            "started_the_thread": p.position == 1,
            "in_reply_to_post_id": p.reply_to_id,
            "quoted_text": quoted(p),
            "text_markdown": p.body_markdown,
            "status": p.status,
            "hidden_reason": p.hidden_reason or None,
            "written_at": _when(p.created_at),
            "edited_at": _when(p.edited_at),
            "deleted_at": _when(p.deleted_at),
        }
        for p in rows
    ]


def post_versions(member: User) -> list[dict[str, Any]]:
    """Every earlier version of the member's posts, as the history page shows them."""
    from community.models import PostRevision

    rows = (
        PostRevision.objects.filter(post__author=member)
        .order_by("post_id", "replaced_at", "pk")
        .iterator(chunk_size=500)
    )
    return [
        {
            "post_url": f"{settings.SITE_URL}/p/{r.post_id}/",
            "thread_title": r.title or None,
            "text_markdown": r.body_markdown,
            "written_at": _when(r.written_at),
            "replaced_at": _when(r.replaced_at),
            "replaced_by": "you" if r.edited_by_id == member.pk else "a moderator",
            "moderators_reason": r.reason or None,
        }
        for r in rows
    ]


# Section name → function. Add other apps' data here (e.g. "reactions", "registrations").
SECTIONS: dict[str, Callable[[User], Any]] = {
    "profile": profile,
    "email_addresses": email_addresses,
    "memberships": memberships,
    "trial_requests": trial_requests,
    "posts": posts,
    "post_versions": post_versions,
    "flags": moderation_data.flags,
    "warnings_and_suspensions": moderation_data.sanctions,
    "mentor_claims": mentors_data.claims,
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

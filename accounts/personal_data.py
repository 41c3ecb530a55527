"""What Gathering holds about a member, for the "Export my data" download.

Each app's data is one section: a function from the member to JSON-ready values. Accounts'
own sections are in SECTIONS below; the apps above accounts (posts, reactions, inbox,
webinar registrations…) register theirs in accounts.hooks.exporters from their
AppConfig.ready(). Every query must be filtered by the member, so an export never holds
anybody else's data.

It holds everything the product keeps about the member (their posts and each earlier
version, flags, warnings and suspensions, settings, mutes, follows, reactions,
registrations, memberships, mentor claims) and nothing of other members that the member
could not read on the site now: a quote of someone else's post follows the quote block's
rule (community.querysets.quote_is_available), and a thread's title is given only while
the member may read the thread.
"""

import datetime
from collections.abc import Callable
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from accounts import avatars, hooks
from accounts.models import Membership, TrialRequest, User


def _when(value: datetime.datetime | datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def profile(member: User) -> dict[str, Any]:
    return {
        "handle": member.handle,
        "email": member.email,
        "display_name": member.display_name,
        "bio": member.bio,
        "profile_picture": avatars.export(member),
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


# Section name → function: accounts' own; other apps register in accounts.hooks.exporters.
SECTIONS: dict[str, Callable[[User], Any]] = {
    "profile": profile,
    "email_addresses": email_addresses,
    "memberships": memberships,
    "trial_requests": trial_requests,
}


def export(member: User) -> dict[str, Any]:
    """Everything Gathering holds about `member`, as one JSON-ready dictionary."""
    return {
        "site": settings.SITE_NAME,
        "exported_at": timezone.now().isoformat(),
        **{name: section(member) for name, section in SECTIONS.items()},
        **{name: section(member) for name, section in hooks.exporters},
    }

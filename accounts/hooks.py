"""What accounts lets higher apps add, registered in their AppConfig.ready().

Accounts sits low in the layers (docs/architecture.md): it may not import the apps that
hold a member's posts, inbox or registrations. They register here instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from core.hooks import Hook

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from accounts.models import User

# ("section name", function(member) -> JSON-ready values): one section each of the member's
# "Export my data" download (accounts.personal_data). Every query filters by the member.
exporters: Hook[tuple[str, Callable[[User], Any]]] = Hook("accounts.exporters")

# function(member): erases one app's personal data when the member closes their account
# (accounts.closing), inside the closing transaction.
erasers: Hook[Callable[[User], None]] = Hook("accounts.erasers")

# function(member) -> set of handles: when an account closes, before the erasers, erases
# other members' @mentions of the member and answers every handle the member was known by
# (safety's redaction path), so closing can retire them all.
former_handles: Hook[Callable[[User], set[str]]] = Hook("accounts.former_handles")

# function(members, viewer) -> members: annotations the profile page shows (e.g. whether the
# viewer muted the member, the posts a visitor may count), so it stays one query.
profile_members: Hook[Callable[[QuerySet[User], Any], QuerySet[User]]] = Hook(
    "accounts.profile_members"
)

# function(membership_ids): called after the commit that granted trial memberships.
trial_granted: Hook[Callable[[list[int]], None]] = Hook("accounts.trial_granted")

# function(trial_request_ids): called after the commit that declined trial requests.
trial_requests_declined: Hook[Callable[[list[int]], None]] = Hook(
    "accounts.trial_requests_declined"
)

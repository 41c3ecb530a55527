"""Accounts' facts in the page header (core.context_processors.header_facts): whether the
member sees the Moderation and Mentors links, answered by accounts.roles inside the
header's one query. AccountsConfig.ready() registers them."""

from typing import Any

from django.db.models import BooleanField, ExpressionWrapper

from accounts import roles


def holds_moderation(user: Any) -> ExpressionWrapper:
    """Whether the member (OuterRef("pk")) holds the moderation permission."""
    return ExpressionWrapper(roles.holds_permission(roles.MODERATE_PERMISSION), BooleanField())


def can_moderate(user: Any, holds: bool) -> bool:
    """The header's Moderation link; the answer is remembered for the rest of the request."""
    roles.remember(user, roles.MODERATOR, bool(holds))
    return roles.is_moderator(user)


def is_mentor(user: Any, _: object) -> bool:
    """The header's Mentors link: a field on the member already loaded, no query."""
    return roles.is_mentor(user)

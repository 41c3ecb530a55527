"""Accounts' fact in the page header (core.context_processors.header_facts): whether the
member sees the Moderation link. AccountsConfig.ready() registers it."""

from django.db.models import Exists, OuterRef

from accounts.models import MODERATORS_GROUP, User


def in_moderators() -> Exists:
    """Whether the member (OuterRef("pk")) is in the "Moderators" group."""
    return Exists(
        User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=MODERATORS_GROUP)
    )


def can_moderate(user: User, in_moderators: bool) -> bool:
    return bool(user.is_active and (user.is_superuser or in_moderators))

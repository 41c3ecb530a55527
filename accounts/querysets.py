"""Query helpers other apps use to show members."""

import datetime

from django.db.models import Exists, OuterRef, Q

from accounts import roles
from accounts.roles import moderation_grant_prefetches


def badge_prefetches(prefix: str = "") -> list:
    """prefetch_related lookups that make `member.badges` (and is_premium) query-free.

    Posts: Post.objects.select_related("author").prefetch_related(*badge_prefetches("author__"))
    """
    return [*moderation_grant_prefetches(prefix), f"{prefix}memberships"]


def badge_annotations(member_field: str, *, today: datetime.date | None = None) -> dict:
    """Annotations that answer a related member's Moderator and Premium badges inside the
    page's own query (no prefetch): e.g. on posts, badge_annotations("author").
    Hand each row's values to remember_badges(row.author, row). `today` is the site's day
    (default: now; a precompiled query passes it as one of its values)."""
    from accounts.models import Membership, User, site_today

    today = today or site_today()
    moderates = User.objects.filter(
        Q(pk=OuterRef(f"{member_field}_id")) & roles.holds_permission(roles.MODERATE_PERMISSION)
    )
    premium = Membership.objects.filter(
        member=OuterRef(f"{member_field}_id"),
        starts_on__lte=today,
        ends_on__gte=today,
    )
    return {"badge_moderator": Exists(moderates), "badge_premium": Exists(premium)}


def remember_badges(member, row) -> None:
    """Keeps the badges read by badge_annotations (on `row`) on the member object."""
    roles.remember(member, roles.MODERATOR, row.badge_moderator)
    roles.remember(member, roles.PREMIUM, row.badge_premium)

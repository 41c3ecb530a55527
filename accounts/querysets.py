"""Query helpers other apps use to show members."""

from accounts.roles import moderation_grant_prefetches


def badge_prefetches(prefix: str = "") -> list:
    """prefetch_related lookups that make `member.badges` (and is_premium) query-free.

    Posts: Post.objects.select_related("author").prefetch_related(*badge_prefetches("author__"))
    """
    return [*moderation_grant_prefetches(prefix), f"{prefix}memberships"]

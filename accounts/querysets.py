"""Query helpers other apps use to show members."""


def badge_prefetches(prefix: str = "") -> list[str]:
    """prefetch_related lookups that make `member.badges` (and is_premium) query-free.

    Posts: Post.objects.select_related("author").prefetch_related(*badge_prefetches("author__"))
    """
    return [f"{prefix}groups", f"{prefix}memberships"]

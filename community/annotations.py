"""What community adds to the queries of pages that lower apps own, so each stays one query:
the post count a visitor may see on a profile (accounts.hooks.profile_members).
CommunityConfig.ready() registers it.
"""

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from accounts.models import User
from community.models import Post


def annotate_visible_post_count(members: QuerySet[User], viewer) -> QuerySet[User]:
    """`visible_post_count` for visitors: the member's posts minus those in members-only
    groups, so a visitor learns nothing of those groups, not even how much someone wrote
    there. Members see `post_count` as it is."""
    if viewer.is_authenticated:
        return members
    members_only = (
        Post.objects.members_only()
        .filter(author=OuterRef("pk"))
        .order_by()
        .values("author")
        .annotate(n=Count("pk"))
        .values("n")
    )
    hidden = Coalesce(Subquery(members_only, output_field=IntegerField()), 0)
    return members.annotate(visible_post_count=Greatest(F("post_count") - hidden, 0))

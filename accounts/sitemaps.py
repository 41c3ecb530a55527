"""Profiles search engines may list: only members who opted in (default: not listed) and
whose profile visitors may see."""

from django.contrib.sitemaps import Sitemap

from accounts.models import User


class ProfileSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return (
            User.objects.filter(
                is_active=True,
                closed_at__isnull=True,
                allow_search_indexing=True,
                hide_profile_from_visitors=False,
            )
            .order_by("pk")
            .only("pk", "handle")
        )

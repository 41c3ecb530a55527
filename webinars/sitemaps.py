"""Webinar pages are public (the audience setting decides who may watch the recording, not
who may read the page), so search engines may list them all."""

from django.contrib.sitemaps import Sitemap

from webinars.models import Webinar


class WebinarSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Webinar.objects.order_by("pk").only("pk", "slug")

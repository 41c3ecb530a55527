"""What search engines may list from the discussions: public groups and their threads.

Members-only groups and "public but not indexed" groups are left out, with all their
threads (the rule is `Group.objects.indexable()` / `Thread.objects.indexable()`). A thread
is listed once, by its canonical first page; its later pages are not listed.
"""

from django.contrib.sitemaps import Sitemap

from community.models import Group, Thread


class GroupSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Group.objects.indexable().order_by("pk")

    def lastmod(self, group):
        return group.last_activity_at


class ThreadSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Thread.objects.indexable().only("pk", "slug", "last_activity_at").order_by("pk")

    def lastmod(self, thread):
        return thread.last_activity_at

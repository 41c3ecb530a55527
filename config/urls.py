from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from accounts.sitemaps import ProfileSitemap
from community.sitemaps import GroupSitemap, ThreadSitemap
from core.health import healthz
from core.robots import robots_txt
from core.sitemaps import with_language_alternates
from webinars.sitemaps import WebinarSitemap

# Each public page with its hreflang alternates, one per language (core.sitemaps).
SITEMAPS = {
    name: with_language_alternates(sitemap)
    for name, sitemap in {
        "groups": GroupSitemap,
        "threads": ThreadSitemap,
        "webinars": WebinarSitemap,
        "profiles": ProfileSitemap,
    }.items()
}

# Lazy: staff read the admin's title in their own language.
admin.site.site_header = _("Gathering administration")
admin.site.site_title = _("Gathering admin")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("community.urls")),
    path("", include("webinars.urls")),
    path("", include("moderation.urls")),
    path("", include("notifications.urls")),
    path("", include("mentors.urls")),
    path("", include("safety.urls")),
    path("", include("conversations.urls")),
    path("", include("insights.urls")),
    path("", include("sitewide.urls")),
]
# Uploaded pictures from the file system (scripts/run.sh, docker-compose); otherwise the proxy
# or S3 serves them (config/settings.py, MEDIA_* and SERVE_MEDIA).
if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
            name="media",
        )
    ]

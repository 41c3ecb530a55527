from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from accounts.sitemaps import ProfileSitemap
from community.sitemaps import GroupSitemap, ThreadSitemap
from core.health import healthz
from core.robots import robots_txt
from webinars.sitemaps import WebinarSitemap

SITEMAPS = {
    "groups": GroupSitemap,
    "threads": ThreadSitemap,
    "webinars": WebinarSitemap,
    "profiles": ProfileSitemap,
}

admin.site.site_header = "Gathering administration"
admin.site.site_title = "Gathering admin"

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
# Uploaded pictures in development (scripts/run.sh); in production the proxy or S3 serves
# them (config/settings.py, MEDIA_*). static() adds nothing when DEBUG is off.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

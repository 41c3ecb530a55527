from django.contrib import admin
from django.urls import include, path

from core.health import healthz

admin.site.site_header = "Gathering administration"
admin.site.site_title = "Gathering admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("community.urls")),
    path("", include("webinars.urls")),
    path("", include("moderation.urls")),
    path("", include("notifications.urls")),
    path("", include("insights.urls")),
]

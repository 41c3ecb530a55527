"""/robots.txt: keep crawlers out of members' private pages and point them to the sitemap,
which lists only what may be indexed (public groups and threads, webinars, opted-in
profiles). Pages that must not be listed also say `noindex` themselves."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

DISALLOWED = ("/accounts/", "/moderation/", "/notifications/", "/staff/", "/admin/", "/search/")


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

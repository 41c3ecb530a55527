"""The site's own "We could not find that page" with DEBUG on, as a newcomer expects.

With DEBUG on, Django answers an unknown address (and every Http404 a view raises) with
its technical page: the URL patterns tried, "You're seeing this error because you have
DEBUG = True". Someone trying the embedded default (scripts/run.sh) never sees the page
members will see. This middleware shows templates/404.html instead, still as a 404, and
still after CommonMiddleware's slash redirect (/groups -> /groups/), which it sits inside.

Developers who want Django's technical page set DEBUG_TECHNICAL_404=1. With DEBUG off the
middleware does nothing: Django's handler404 renders the same template.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve


def _shows_product_page() -> bool:
    return settings.DEBUG and not settings.DEBUG_TECHNICAL_404


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "404.html", status=404)


class DebugNotFoundMiddleware:
    """Placed after the authentication and message middleware, so the page has the header
    the reader knows (logged in or not)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _shows_product_page():
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404:
                return not_found(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if _shows_product_page() and isinstance(exception, Http404):
            return not_found(request)
        return None

"""Turns away requests no page can answer before any view or query sees them.

A NUL byte cannot be stored in or compared with a PostgreSQL text column: psycopg refuses
it, so `/u/%00/` used to reach the database and answer 500. No path of this site contains a
control character and no form field accepts one, so such a request is answered here, the
same on SQLite and PostgreSQL:

- a path with a control character (NUL, tab, newline...) is a 404, the site's own
  "We could not find that page";
- a query string with a NUL in a name or a value is a 400 that says what was wrong.

Undecodable bytes need nothing here: Django keeps them percent-encoded in the path and
reads them as U+FFFD in the query string, which every view treats as ordinary text.
"""

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def has_control_character(path: str) -> bool:
    return _CONTROL.search(path) is not None


def has_nul(request: HttpRequest) -> bool:
    return any(
        "\x00" in name or any("\x00" in v for v in values) for name, values in request.GET.lists()
    )


class RequestGuardMiddleware:
    """Placed after the session, authentication and message middleware, so the 400 and
    404 pages are the site's usual ones, with the header the reader knows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_control_character(request.path_info):
            raise Http404("No page has a control character in its address.")
        if has_nul(request):
            return render(
                request,
                "400.html",
                {"reason": gettext("The address holds a character (NUL) that no page accepts.")},
                status=400,
            )
        return self.get_response(request)

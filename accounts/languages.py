"""The member's language (issue 19, docs/i18n.md).

Which language a page speaks, first match wins:
1. `?lang=es` on a GET: that page in that language, nothing stored (the sitemap's hreflang
   alternates point at these addresses);
2. the member's own setting (`User.language`, on the account page);
3. the language cookie a visitor set with the footer's switch;
4. the browser's Accept-Language;
5. the site's default (LANGUAGE_CODE).
Django's LocaleMiddleware does 3 to 5; `MemberLanguageMiddleware` (after authentication)
does 1 and 2, with no query: the member is already loaded.

E-mails are written in `member_language(recipient)`, whoever triggered them. An unknown
code anywhere (a setting, a cookie, a link) falls back to the default, never an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from core.next_url import safe_next_url

if TYPE_CHECKING:
    from accounts.models import User


def supported(code: str | None) -> str | None:
    """The site's language for `code` ("es", "es-MX" -> "es"), or None if it has none."""
    if not code:
        return None
    codes = {c for c, _ in settings.LANGUAGES}
    code = code.strip().lower()
    if code in codes:
        return code
    base = code.split("-")[0]
    return base if base in codes else None


def member_language(user: User | None) -> str:
    """The language to write to this member in (e-mails, Celery): their setting, else the
    site's default. Never fails: a missing member or an unknown code gives the default."""
    return supported(getattr(user, "language", "")) or settings.LANGUAGE_CODE


class MemberLanguageMiddleware:
    """Activates `?lang=` or the logged-in member's own language (see the module's docstring),
    and says so in request.LANGUAGE_CODE (the visitors' page cache keys on it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        language = None
        if request.method in ("GET", "HEAD"):
            language = supported(request.GET.get("lang"))
        if language is None and request.user.is_authenticated:
            language = supported(request.user.language)
        if language is not None:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


@require_http_methods(["GET", "HEAD", "POST"])
def switch_language(request: HttpRequest) -> HttpResponseRedirect:
    """The footer's switch and the account page's setting: `language` ("es"; "" for the
    browser's own) and `next`. A visitor's GET link sets the cookie; a member's POST also
    keeps the choice on their account, for pages and e-mails."""
    data = request.POST if request.method == "POST" else request.GET
    asked = data.get("language", "")
    code = supported(asked) or ("" if asked == "" and request.method == "POST" else None)
    if code is None:
        code = settings.LANGUAGE_CODE  # an unknown code: the default, no error
    response = HttpResponseRedirect(safe_next_url(request, "/"))
    if code:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    else:
        response.delete_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
        )
    if request.method == "POST" and request.user.is_authenticated:
        request.user.language = code
        request.user.save(update_fields=["language"])
        with translation.override(code or _browser_language(request)):
            messages.success(request, gettext("Your language is saved."))
    return response


def _browser_language(request: HttpRequest) -> str:
    return translation.get_language_from_request(request) or settings.LANGUAGE_CODE

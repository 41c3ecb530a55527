"""Whole-page cache for visitors who are not logged in, on the busiest read pages.

Most readers of a patient forum arrive from a search engine or a link in an e-mail and are
not logged in; they all see the same page. We keep that page in the cache (Redis in
production) under a key that carries a version number per "scope" (a thread, a group, the
home page, the whole site). Every change that alters what a visitor sees bumps the scope's
version after its transaction commits (`bump_after_commit`), so the next visitor gets a
fresh page at once; the short time-to-live only bounds cosmetic staleness (a display name
changed, a badge granted). Members always get a freshly rendered page.

If the cache is unreachable, pages are rendered as usual: the cache can only make a page
faster, never make it fail.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

log = logging.getLogger(__name__)

TTL_SECONDS = 120
SITE = "site"  # every page: bumped when a member's name disappears (account closed)
LISTS = "lists"  # home, group list and group pages: bumped by any change to any thread


def _version_key(scope: str) -> str:
    return f"pagecache:v:{scope}"


def bump(*scopes: str) -> None:
    """Makes every cached page of these scopes stale now."""
    for scope in scopes:
        key = _version_key(scope)
        try:
            try:
                cache.incr(key)
            except ValueError:  # not set yet, or evicted
                cache.set(key, 1, timeout=None)
        except Exception:  # the cache being down must never break a write
            log.warning("page cache: could not bump %s", scope, exc_info=True)


def bump_after_commit(*scopes: str) -> None:
    """bump() once the current transaction commits (at once when there is none)."""
    transaction.on_commit(lambda: bump(*scopes), robust=True)


def _is_plain_visitor(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def cache_for_visitors(scopes: Callable[..., Iterable[str]]):
    """Decorates a view: visitors get the cached page; `scopes(**view_kwargs)` names what
    the page shows, e.g. `lambda pk, **_: [f"thread:{pk}"]`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not _is_plain_visitor(request):
                return view(request, *args, **kwargs)
            names = [SITE, *scopes(**kwargs)]
            version_keys = [_version_key(n) for n in names]
            digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            key = f"pagecache:page:{digest}"
            try:
                # One round trip: the scopes' versions and the page, which carries the
                # versions it was rendered under.
                found = cache.get_many([*version_keys, key])
            except Exception:
                log.warning("page cache: unreachable, rendering", exc_info=True)
                return view(request, *args, **kwargs)
            stamp = tuple(found.get(k, 0) for k in version_keys)
            hit = found.get(key)
            if hit is not None and hit[0] == stamp:
                _, content, content_type = hit
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if callable(getattr(response, "render", None)) and not response.is_rendered:
                response.render()  # renders now, so the CSRF check below sees the template
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                and not response.has_header("Cache-Control")
                # A page with a form carries this visitor's CSRF token: never share it.
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            ):
                try:
                    cache.set(
                        key,
                        (stamp, response.content, response["Content-Type"]),
                        timeout=TTL_SECONDS,
                    )
                except Exception:
                    log.warning("page cache: could not store a page", exc_info=True)
            return response

        return wrapper

    return decorator

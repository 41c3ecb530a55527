"""Whole-page cache for visitors who are not logged in, on the busiest read pages.

Most readers of a patient forum arrive from a search engine or a link in an e-mail and are
not logged in; they all see the same page. We keep that page in the cache (Redis in
production) under a key that carries a version token per "scope" (a thread, the lists, a
webinar, the whole site). Members always get a freshly rendered page.

Invalidation is decided in ONE place, the `CHANGES` table below: each state change that
alters what a visitor sees, mapped to the scopes it makes stale. Services announce a change
with `changed("post.hidden", thread_id=...)`; the scopes get fresh versions only once the
service's transaction commits (`transaction.on_commit`), so a visitor can never cache a page
rendered from data that is then rolled back, nor keep a page rendered just before the
commit. A new kind of change gets a row in the table (and a case in
tests/test_page_cache_changes.py, which walks the table) rather than a hand-made bump.

Versions are random tokens, never counters: if Redis evicts a version key, the next reader
writes a fresh token instead of starting again at 1, so an old page stored under an earlier
version can never become valid again. The page key holds the host and the language as well
as the path, so two sites (or two languages) served by one cache never swap pages.

The short time-to-live only bounds cosmetic staleness (a badge granted). If the cache is
unreachable, pages are rendered as usual: the cache can only make a page faster, never make
it fail.
"""

import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

log = logging.getLogger(__name__)

TTL_SECONDS = 120
SITE = "site"  # every cached page
LISTS = "lists"  # home, group list, group pages and webinar pages (which show threads)
THREAD = "thread:{thread_id}"  # one thread's pages
WEBINAR = "webinar:{slug}"  # one webinar's page
# Not a page: which posts members may read changed (a post hidden, deleted, approved or
# restored). Counts kept of readable things (notifications.unread) carry its version.
READABLE = "readable"

# change -> the scopes it makes stale. Scope templates are filled from changed()'s keyword
# arguments. Every thread change also bumps LISTS: the lists show each thread's title,
# reply count, last activity and lock/pin marks, and a webinar page shows its discussion.
CHANGES: dict[str, tuple[str, ...]] = {
    "post.published": (THREAD, LISTS),  # a new published post
    "post.restored": (THREAD, LISTS, READABLE),  # a waiting post approved, a hidden one restored
    "post.hidden": (THREAD, LISTS, READABLE),  # by a moderator or by members' flags
    "post.deleted": (THREAD, LISTS, READABLE),  # withdrawn by its author
    "post.edited": (THREAD, LISTS),  # by its author or a moderator
    "post.redacted": (THREAD, LISTS),  # a passage removed from text, title, quotes
    "post.annotated": (THREAD, LISTS),  # a clinician's note beneath it
    "reaction.toggled": (THREAD, LISTS),  # "Helpful" / "Hug" counts
    "thread.retitled": (THREAD, LISTS),
    "thread.locked": (THREAD, LISTS),  # locked or unlocked
    "thread.pinned": (THREAD, LISTS),  # pinned or unpinned
    "thread.moved": (THREAD, LISTS),  # into another group, maybe a members-only one
    # A group's name or visibility shows on, and decides, every page of its threads.
    "group.changed": (SITE,),
    # Names show on every page a member wrote on.
    "member.renamed": (SITE,),
    "member.pictured": (SITE,),  # a new or removed profile picture, beside every post
    "account.closed": (SITE,),
    "webinar.changed": (WEBINAR, LISTS),  # details, time, recording; lists show the cards
    "webinar.registration": (WEBINAR,),  # places left
}


def scopes_for(change: str, **ids: object) -> list[str]:
    """The scopes `change` bumps, filled from `ids`; KeyError for an unknown change or a
    missing id (at the call, not later after the commit)."""
    try:
        templates = CHANGES[change]
    except KeyError:
        raise KeyError(f"page cache: {change!r} is not in page_cache.CHANGES") from None
    return [template.format(**ids) for template in templates]


def changed(change: str, **ids: object) -> None:
    """Announces a state change visitors would notice: once the current transaction commits
    (at once when there is none), the scopes that CHANGES names get fresh versions."""
    transaction.on_commit(partial(_bump, scopes_for(change, **ids)), robust=True)


def _version_key(scope: str) -> str:
    return f"pagecache:v:{scope}"


def version_key(scope: str) -> str:
    """The cache key holding `scope`'s version (a random token; missing: give it a fresh one),
    for a cache outside this module kept under a scope (notifications.unread: READABLE)."""
    return _version_key(scope)


def new_version() -> str:
    """A fresh version token (never handed out twice, even after its key was evicted)."""
    return _token()


def _token() -> str:
    # Random, so a version is never handed out twice, even after its key was evicted.
    return uuid.uuid4().hex


def _bump(scopes: Iterable[str]) -> None:
    """Gives these scopes fresh versions now: every page cached under them is stale."""
    token = _token()
    try:
        cache.set_many({_version_key(scope): token for scope in scopes}, timeout=None)
    except Exception:  # the cache being down must never break a write
        log.warning("page cache: could not bump %s", scopes, exc_info=True)


def _page_key(request: HttpRequest) -> str:
    language = getattr(request, "LANGUAGE_CODE", None) or get_language() or ""
    where = "\n".join([request.get_host(), language, request.get_full_path()])
    return "pagecache:page:" + hashlib.sha256(where.encode()).hexdigest()


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
            key = _page_key(request)
            try:
                # One round trip: the scopes' versions and the page, which carries the
                # versions it was rendered under.
                found = cache.get_many([*version_keys, key])
            except Exception:
                log.warning("page cache: unreachable, rendering", exc_info=True)
                return view(request, *args, **kwargs)
            missing = {k: _token() for k in version_keys if k not in found}
            if missing:
                # Never set, or evicted: a fresh token, so no page stored earlier matches.
                try:
                    cache.set_many(missing, timeout=None)
                except Exception:
                    log.warning("page cache: unreachable, rendering", exc_info=True)
                    return view(request, *args, **kwargs)
                found.update(missing)
            stamp = tuple(found[k] for k in version_keys)
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

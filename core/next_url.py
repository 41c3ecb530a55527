"""Where to send a member after an action: the one check of a `next` address.

Every view that honours `?next=` (or a posted `next`, or a stored link) asks here, so an
address on another site, a `javascript:` URL or a scheme-relative `//evil.example` is never
followed: the view falls back to its own default instead.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_url(request: HttpRequest, target: str | None) -> bool:
    """True when `target` is a path on this site (and on HTTPS when the request is).

    Only a path: redirect() would read a bare word such as "abc" as a URL name and fail.
    """
    if not target or not target.startswith("/"):
        return False
    return url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next_url(
    request: HttpRequest, default: str, *, target: str | None = None, field: str = "next"
) -> str:
    """The posted or queried `next` (or the given `target`) when it stays on this site,
    else `default`."""
    if target is None:
        target = request.POST.get(field) or request.GET.get(field) or ""
    return target if is_safe_url(request, target) else default


def safe_local_path(request: HttpRequest, field: str) -> str | None:
    """A posted path on this site without its query and fragment (e.g. the page a discussion
    is shown on), or None when it is missing or points elsewhere."""
    target = request.POST.get(field, "")
    if target.startswith("/") and is_safe_url(request, target):
        return target.split("?")[0].split("#")[0]
    return None

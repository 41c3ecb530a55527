"""The address a request really comes from, for limits keyed "per IP".

allauth reads the setting ALLAUTH_TRUSTED_PROXY_COUNT (our env TRUSTED_PROXY_COUNT): with N
proxies of ours in front of the app, the client is the Nth entry from the right of
X-Forwarded-For, the one written by a proxy we run; entries further left are whatever the
client sent and are never used. With 0 (the default) the header is ignored and the address
is REMOTE_ADDR. This module uses allauth's reading, so our own limits and allauth's agree,
and adds one thing: a header shorter than N entries (a request that did not come through
all our proxies) falls back to REMOTE_ADDR instead of allauth's ImproperlyConfigured (a 500).
"""

import logging

from allauth.core.internal.httpkit import clean_client_ip, get_client_ip
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

log = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    """The client's address ("" only if the server gave none)."""
    try:
        ip = get_client_ip(request)
    except ImproperlyConfigured:
        log.info("X-Forwarded-For has fewer entries than TRUSTED_PROXY_COUNT; using REMOTE_ADDR")
        ip = None
    if not ip:
        ip = clean_client_ip(request.META.get("REMOTE_ADDR", ""))
    return ip or ""

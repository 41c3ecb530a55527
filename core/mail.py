"""E-mail a member can leave with one click: RFC 2369 / RFC 8058 list headers, written literally.

Python's e-mail policies fold header lines at 78 characters, and a header value with no
space to fold at (an unsubscribe link is one long word) gets RFC 2047-encoded instead
(`=?utf-8?q?=3Chttp...`). Mail clients then do not recognise `List-Unsubscribe` and offer
no one-click unsubscribe. `UnsubscribableEmail` writes both headers as they are (RFC 5322
allows lines up to 998 characters) and leaves every other header to the policy.
"""

import email.policy
from email import headerregistry

from django.core.mail import EmailMultiAlternatives

LITERAL_HEADERS = ("list-unsubscribe", "list-unsubscribe-post")


class _LiteralHeader(headerregistry.BaseHeader):
    """A header written on one line exactly as given (ASCII only: it is a URL)."""

    max_count = 1

    @classmethod
    def parse(cls, value, kwds):
        value.encode("ascii")  # a URL in angle brackets; anything else is a bug here
        kwds["parse_tree"] = headerregistry.UnstructuredHeader.value_parser(value)
        kwds["decoded"] = value

    def fold(self, *, policy):
        return f"{self.name}: {self}{policy.linesep}"


def _literal_registry() -> headerregistry.HeaderRegistry:
    registry = headerregistry.HeaderRegistry()
    for name in LITERAL_HEADERS:
        registry.map_to_type(name, _LiteralHeader)
    return registry


_REGISTRY = _literal_registry()


class UnsubscribableEmail(EmailMultiAlternatives):
    """An e-mail with `List-Unsubscribe: <url>` and `List-Unsubscribe-Post: ...One-Click`."""

    def __init__(self, *args, unsubscribe_url: str, **kwargs):
        headers = dict(kwargs.pop("headers", None) or {})
        # RFC 8058 one-click unsubscribe: mail clients POST to the link, no login.
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        super().__init__(*args, headers=headers, **kwargs)

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(header_factory=_REGISTRY))

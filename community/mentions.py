"""@mentions: which handles a post names, and the Markdown extension that links them.

A mention is "@" plus a handle (3 to 30 letters, digits or underscores) that does not follow
a letter, digit, "@" or "/" (so e-mail addresses and URLs are left alone). Only handles of
existing members become links to /u/<handle>/, matched case-insensitively and written with
the member's own spelling; unknown handles stay plain text. Code spans and blocks are skipped
because the extension runs inside Markdown's inline processing.
"""

import re
import xml.etree.ElementTree as etree

from django.db.models.functions import Lower
from django.urls import reverse
from markdown import Extension
from markdown.inlinepatterns import InlineProcessor

from accounts.models import User

MENTION_PATTERN = r"(?<![\w@/])@([A-Za-z0-9_]{3,30})(?![\w@])"
MENTION_RE = re.compile(MENTION_PATTERN)


def find_handles(text: str) -> set[str]:
    """Lower-cased handles that look mentioned in `text` (members or not)."""
    return {match.lower() for match in MENTION_RE.findall(text)}


def members_by_handle(text: str) -> dict:
    """Existing active members mentioned in `text`, keyed by lower-cased handle."""
    handles = find_handles(text)
    if not handles:
        return {}
    members = User.objects.annotate(handle_lower=Lower("handle")).filter(
        handle_lower__in=handles, is_active=True
    )
    return {member.handle.lower(): member for member in members}


class _MentionProcessor(InlineProcessor):
    def __init__(self, pattern: str, members: dict, linked: dict) -> None:
        super().__init__(pattern)
        self.members = members
        self.linked = linked

    # InlineProcessor's handleMatch differs from its base Pattern's; its own stub ignores that.
    def handleMatch(  # type: ignore[override]  # noqa: N802 (Markdown's API)
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        member = self.members.get(m.group(1).lower())
        if member is None:
            return None, None, None  # not a member: leave the text as it is
        self.linked[member.pk] = member
        link = etree.Element("a")
        link.set("href", reverse("accounts:profile", kwargs={"handle": member.handle}))
        link.set("class", "mention")
        link.text = f"@{member.handle}"
        return link, m.start(0), m.end(0)


class MentionExtension(Extension):
    """Links @handles of the given members (a dict from members_by_handle).

    After rendering, `linked` holds the members actually linked (not those inside code).
    """

    def __init__(self, members: dict) -> None:
        super().__init__()
        self.members = members
        self.linked: dict = {}

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # Priority above emphasis (60) so "@some_handle" is not read as _emphasis_.
        md.inlinePatterns.register(
            _MentionProcessor(MENTION_PATTERN, self.members, self.linked), "mention", 65
        )

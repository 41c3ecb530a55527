"""Each post's HTML on a discussion page, kept in the cache and shared by every reader who
would see the same block.

A block's key is a digest of everything it is rendered from:

- every column read for the post and the rows shown with it (its author, the quoted post
  and its author, the clinician's note) plus the annotations read with them (the author's
  badges), so an edit, a hiding, a redaction, a deletion, a reaction count, a clinical
  note, a renamed or closed author each give the block a new key: nothing is invalidated,
  a changed post is simply never found under its old key;
- what the reader may do with it (community.discussion.PostView's fields: own post,
  moderator, may reply, may flag, suspended, the page's address), so a member's own post
  and a moderator's view are separate blocks, never served to anyone else;
- the language (the interface's words, and the "Written in Spanish" line a post in another
  language than the reader's shows, community.languages), the time zone (times are shown in
  the member's zone) and the source of the templates a block is made of (a deploy that
  changes them changes every key).

What differs between readers who share a block is put in after, by `press`: the reader's
own reactions (aria-pressed on the Helpful and Hug buttons). Reaction buttons submit the
page's one form (templates/community/_discussion.html), so a block holds no CSRF token.

With the cache down every block is rendered (slower, the same page).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from functools import cache

from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from core import dates, soft_cache

BLOCK_TEMPLATE = "community/_post.html"
# Every template a block is made of: their source is part of each block's key.
BLOCK_TEMPLATES = (
    BLOCK_TEMPLATE,
    "includes/badges.html",
    "moderation/_post_moderation.html",
)
BLOCK_SECONDS = 24 * 3600
# Annotations read with the post for this reader only (community.discussion's
# reader_helpful, reader_hug): never part of the shared block's key (see press()).
READER_PREFIX = "reader_"
# PostView fields that are not the reader's permissions (the post itself, the reader).
NOT_PERMISSIONS = frozenset({"post", "viewer", "reacted"})
UNPRESSED = 'value="{kind}" aria-pressed="false"'
PRESSED = 'value="{kind}" aria-pressed="true"'


def _templates_source() -> str:
    return "".join(
        get_template(name).template.source  # type: ignore[attr-defined]
        for name in BLOCK_TEMPLATES
    )


@cache
def _templates_digest_once() -> str:
    return hashlib.sha256(_templates_source().encode()).hexdigest()


def templates_digest() -> str:
    """The block templates' source, digested (re-read on every page with DEBUG on)."""
    if settings.DEBUG:
        return hashlib.sha256(_templates_source().encode()).hexdigest()
    return _templates_digest_once()


def _columns(row) -> list:
    if row is None:
        return []
    return sorted(
        (name, repr(value))
        for name, value in vars(row).items()
        if not name.startswith(("_", READER_PREFIX))
    )


def block_key(item) -> str:
    """The cache key of `item`'s block (a community.discussion.PostView)."""
    post = item.post
    reply_to = post.reply_to if post.reply_to_id else None
    note = getattr(post, "clinical_note", None)
    permissions = [
        (f.name, repr(getattr(item, f.name)))
        for f in dataclasses.fields(item)
        if f.name not in NOT_PERMISSIONS
    ]
    parts = [
        templates_digest(),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        item.viewer is not None and item.viewer.is_authenticated,
        post.thread.is_locked,
        permissions,
        _columns(post),
        _columns(post.author),
        _columns(reply_to),
        _columns(reply_to.author if reply_to is not None else None),
        _columns(note),
        # A recent post shows "3 hours ago" (core.dates): the words are in the key, so the
        # block is made again when they would change, never kept saying an old age.
        dates.format_relative(post.created_at) if dates.is_recent(post.created_at) else "",
    ]
    return "post-block:" + hashlib.sha256(repr(parts).encode()).hexdigest()


_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL | re.IGNORECASE)
_BLANK_AND_INDENT = re.compile(r"\n\s+")


def compact(html: str) -> str:
    """The block without the template's blank lines and indentation (a third of its bytes),
    leaving what is inside <pre> exactly as written."""
    parts = _PRE.split(html)
    return "".join(
        part if index % 2 else _BLANK_AND_INDENT.sub("\n", part) for index, part in enumerate(parts)
    ).strip()


def press(html: str, reacted: set[str]) -> str:
    """The shared block with this reader's own reactions pressed."""
    for kind in reacted:
        html = html.replace(UNPRESSED.format(kind=kind), PRESSED.format(kind=kind), 1)
    return html


def render_blocks(items: list) -> list[SafeString]:
    """Each item's block (PostView items, in order): from the cache where found, rendered
    and kept otherwise; one cache round trip to read, one more to keep what was missing."""
    keys = [block_key(item) for item in items]
    found = soft_cache.get_many(keys) if keys else {}
    rendered = {}
    blocks = []
    for item, key in zip(items, keys, strict=True):
        html = found.get(key)
        if html is None:
            shared = dataclasses.replace(item, reacted=set())
            html = rendered[key] = compact(render_to_string(BLOCK_TEMPLATE, {"item": shared}))
        blocks.append(mark_safe(press(html, item.reacted)))  # noqa: S308 (our template's output)
    if rendered:
        soft_cache.set_many(rendered, BLOCK_SECONDS)
    return blocks

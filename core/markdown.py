"""Markdown to safe HTML, once, when a post or description is saved.

Views never call this: they show the stored HTML. Everything passes through bleach with an
explicit allow-list, so no script, style, iframe, event handler or javascript:/data: URL can
reach a reader's browser, whatever a member types.
"""

import html as html_lib
from collections.abc import Sequence
from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "b", "em", "i", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "h2", "h3", "h4", "a", "table", "thead", "tbody", "tr", "th", "td",
        "span",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel", "class"],
    "span": ["class"],
    "th": ["align"],
    "td": ["align"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"


def _set_rel(attrs, new=False):
    """bleach linkify callback: every link gets the same rel, whoever wrote it."""
    href_key = (None, "href")
    if href_key not in attrs:
        return attrs
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"})],
)

_MARKDOWN_EXTENSIONS = ["fenced_code", "tables", "sane_lists", "nl2br"]


def render_markdown(source: str, *, extra_extensions: Sequence[markdown.Extension] = ()) -> str:
    """Returns sanitised HTML for a member's Markdown. Raw HTML in the source is escaped.

    `extra_extensions` (e.g. community.mentions' @mention links) run before sanitising, so
    whatever they produce passes the same allow-list.
    """
    md = markdown.Markdown(
        extensions=[*_MARKDOWN_EXTENSIONS, *extra_extensions], output_format="html"
    )
    # Members write Markdown, not HTML: drop the raw-HTML preprocessors so "<script>" is text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    html = md.convert(source)
    return _cleaner.clean(html)


def html_to_text(html: str) -> str:
    """Plain text of stored HTML, for excerpts, e-mails and search snippets."""
    text = html_lib.unescape(bleach.clean(html, tags=set(), strip=True))
    return " ".join(text.split())

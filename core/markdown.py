"""Markdown to safe HTML, once, when a post or description is saved.

Views never call this: they show the stored HTML. Everything passes through bleach with an
explicit allow-list, so no script, style, iframe, event handler or javascript:/data: URL can
reach a reader's browser, whatever a member types.

Rendering is bounded, whatever the shape of the text (issue 15). Python-Markdown's link
processors scan forward from every "[" (and from every "(" after "](") to find the matching
bracket, so 20,000 unmatched brackets cost 20,000 scans of the rest of the text: about a
minute. Here every such scan looks at most SCAN_WINDOW characters, and all of them together at
most SCAN_BUDGET characters per render; past that, brackets are shown as they were typed.
bleach's URL pattern backtracks over runs of "(" (quadratic), so linkify uses the same pattern
anchored at the start of the run. Lists and quotes nested deeper than MAX_NESTING are refused
by the post forms (`shape_problem`), and if Markdown still runs out of stack the text is shown
literally rather than failing the request.
"""

import html as html_lib
import logging
import re
from collections.abc import Sequence
from functools import partial
from html.parser import HTMLParser

import bleach
import markdown
from bleach.linkifier import URL_RE, LinkifyFilter
from django.utils.translation import gettext_lazy
from markdown import inlinepatterns

log = logging.getLogger(__name__)

# A link's text or its (target "title") longer than this is not read as a link.
SCAN_WINDOW = 2_000
# All bracket scans of one render together read at most this many characters (about 0.1 s).
SCAN_BUDGET = 400_000
# Lists and quotes nested deeper than this are refused by the post forms.
MAX_NESTING = 20
SHAPE_MESSAGE = gettext_lazy(
    "This post has lists or quotes nested more than %(limit)s levels deep, which we cannot "
    "display. Please simplify it; your text is kept below."
)

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


def _linear_url_re() -> re.Pattern:
    """bleach's URL pattern, starting only at the first "(" of a run and never giving those
    back: the same matches, without trying every "(" of "((((…" as a new start."""
    leading = r"\(*  # Match any opening parentheses."
    if leading not in URL_RE.pattern:  # bleach changed its pattern: look again
        raise RuntimeError("bleach's URL_RE no longer starts as core.markdown expects")
    pattern = URL_RE.pattern.replace(leading, r"(?<!\()\(*+  # opening parentheses", 1)
    return re.compile(pattern, URL_RE.flags)


LINKIFY_URL_RE = _linear_url_re()

_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        partial(
            LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"}, url_re=LINKIFY_URL_RE
        )
    ],
)

_MARKDOWN_EXTENSIONS = ["fenced_code", "tables", "sane_lists", "nl2br"]


class _ScanBudget:
    """Characters the bracket scans of one render may still read."""

    def __init__(self, chars: int) -> None:
        self.left = chars

    def window(self) -> int:
        return max(0, min(SCAN_WINDOW, self.left))


class _BoundedScans:
    """Mixin for Python-Markdown's link processors: getText and getLink read a slice of at
    most budget.window() characters instead of the rest of the text, and pay for it."""

    budget: _ScanBudget

    def getText(self, data: str, index: int):  # noqa: N802 (Markdown's API)
        window = self.budget.window()
        # mixed into Markdown's processors by _bounded(), which define getText/getLink
        text, end, handled = super().getText(data[index : index + window], 0)  # type: ignore[misc]
        self.budget.left -= end
        return text, index + end, handled

    def getLink(self, data: str, index: int):  # noqa: N802 (Markdown's API)
        window = self.budget.window()
        part = data[index : index + window]
        href, title, end, handled = super().getLink(part, 0)  # type: ignore[misc]
        self.budget.left -= end if handled and end > 0 else len(part)
        # Markdown answers end == -1 for an unclosed title with no ")" ([a](x "…): the rest
        # of the text would become one link's address. Not a link.
        return href, title, index + end, handled and end > 0


def _bounded(cls: type) -> type:
    return type(f"Bounded{cls.__name__}", (_BoundedScans, cls), {})


# Markdown's link processors: registered name, pattern and priority (markdown.inlinepatterns).
_LINK_PROCESSORS = [
    ("reference", inlinepatterns.ReferenceInlineProcessor, inlinepatterns.REFERENCE_RE, 170),
    ("link", inlinepatterns.LinkInlineProcessor, inlinepatterns.LINK_RE, 160),
    ("image_link", inlinepatterns.ImageInlineProcessor, inlinepatterns.IMAGE_LINK_RE, 150),
    (
        "image_reference",
        inlinepatterns.ImageReferenceInlineProcessor,
        inlinepatterns.IMAGE_REFERENCE_RE,
        140,
    ),
    (
        "short_reference",
        inlinepatterns.ShortReferenceInlineProcessor,
        inlinepatterns.REFERENCE_RE,
        130,
    ),
    (
        "short_image_ref",
        inlinepatterns.ShortImageReferenceInlineProcessor,
        inlinepatterns.IMAGE_REFERENCE_RE,
        125,
    ),
]
_BOUNDED = {name: _bounded(cls) for name, cls, _, _ in _LINK_PROCESSORS}


class _BoundedLinksExtension(markdown.Extension):
    """Swaps Markdown's link processors for the bounded ones, sharing one budget."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        budget = _ScanBudget(SCAN_BUDGET)
        for name, _, pattern, priority in _LINK_PROCESSORS:
            processor = _BOUNDED[name](pattern, md)
            processor.budget = budget
            md.inlinePatterns.register(processor, name, priority)


def shape_problem(source: str) -> str | None:
    """A message when the text nests lists or quotes deeper than we can display, else None.

    Linear: one pass over the starts of lines.
    """
    for match in _NESTING_RE.finditer(source):
        if len(_NESTING_MARK_RE.findall(match.group(0))) > MAX_NESTING:
            return str(SHAPE_MESSAGE) % {"limit": MAX_NESTING}
    return None


_NESTING_RE = re.compile(r"^(?:[ \t]*+(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))++", re.M)
_NESTING_MARK_RE = re.compile(r">|[-*+]|\d{1,9}[.)]")


def render_markdown(source: str, *, extra_extensions: Sequence[markdown.Extension] = ()) -> str:
    """Returns sanitised HTML for a member's Markdown. Raw HTML in the source is escaped.

    `extra_extensions` (e.g. community.mentions' @mention links) run before sanitising, so
    whatever they produce passes the same allow-list.
    """
    md = markdown.Markdown(
        extensions=[*_MARKDOWN_EXTENSIONS, _BoundedLinksExtension(), *extra_extensions],
        output_format="html",
    )
    # Members write Markdown, not HTML: drop the raw-HTML preprocessors so "<script>" is text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    try:
        html = md.convert(source)
    except RecursionError:
        # Nesting deeper than the forms allow (shape_problem): show the words as typed.
        log.warning("markdown ran out of stack; rendering %s characters literally", len(source))
        html = _literal_html(source)
    return _cleaner.clean(html)


def _literal_html(source: str) -> str:
    paragraphs = (p for p in re.split(r"\n\s*\n", source) if p.strip())
    return "".join(
        f"<p>{html_lib.escape(p.strip()).replace(chr(10), '<br>')}</p>" for p in paragraphs
    )


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """Plain text of stored HTML, for excerpts, e-mails and search snippets.

    The standard library's tokenizer, not bleach's html5lib: the same text, but a post dense
    with markup (20,000 characters of emphasis) costs 0.1 s instead of 0.3-0.7 s.
    """
    reader = _TextOf()
    reader.feed(html)
    reader.close()
    return " ".join("".join(reader.parts).split())

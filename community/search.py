"""Search over what the reader may see: PostgreSQL full-text search, or a plain match on SQLite.

On PostgreSQL each post stores a search vector (community.services.update_search_vector):
its thread's title with weight A (first posts only) and its text with weight B, behind a GIN
index. A query is read like a web search ("quoted phrases", -without, or), ranked with
SearchRank and shown with a SearchHeadline snippet. On SQLite (the embedded default) a
case-insensitive match on titles and bodies, newest first, stands in.

Whatever a member types is searchable (prepare_query): the query is cut to its first
MAX_QUERY_WORDS words and MAX_QUERY_CHARS characters (the page says so), and a run of
minus signs becomes one, because PostgreSQL's websearch_to_tsquery nests one NOT per minus
and fails with "tsquery stack too small" past 31 of them. Quotes, `!`, `&`, `|`, `:*` and
brackets are plain punctuation to websearch_to_tsquery, never tsquery syntax.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from community import hooks
from community.models import Post
from community.services import make_excerpt
from core.markdown import html_to_text

RESULTS_PER_PAGE = 20
SNIPPET_LENGTH = 240
# Markers SearchHeadline puts around matches; the snippet is escaped, then they become <mark>.
START, STOP = "\x02", "\x03"
MAX_QUERY_WORDS = 12
MAX_QUERY_CHARS = 200
_MINUS_RUN = re.compile(r"-(?:[\W_]*-)+")


@dataclass(frozen=True)
class PreparedQuery:
    text: str  # what is searched for
    words_used: int
    shortened: bool  # words or characters were left out


def prepare_query(raw: str) -> PreparedQuery:
    """The part of `raw` that is searched: safe for any input, short enough to be quick."""
    words = _MINUS_RUN.sub("-", raw).split()
    kept = words[:MAX_QUERY_WORDS]
    while len(" ".join(kept)) > MAX_QUERY_CHARS and len(kept) > 1:
        kept.pop()
    text = " ".join(kept)[:MAX_QUERY_CHARS]
    return PreparedQuery(text=text, words_used=len(kept), shortened=text != " ".join(words))


@dataclass(frozen=True)
class SearchSection:
    """Results a higher app adds to /search/ through community.hooks.search_sections (e.g.
    webinars' transcripts), shown above the posts on the first page of results. `template`
    is included with `section` (this object) and `user`; `found` says whether it shows
    anything (a section that only says "a premium webinar matched" counts)."""

    template: str
    items: list
    found: bool = True


def other_sections(query: str, user) -> list[SearchSection]:
    """What each registered app found for `query`, for this reader (none when it found
    nothing). Each app applies its own gate: what the reader may not see is not returned."""
    sections = (section(query=query, reader=user) for section in hooks.search_sections)
    return [section for section in sections if section is not None and section.found]


def _readable(user) -> QuerySet[Post]:
    return (
        Post.objects.readable_by(user)
        .filter(deleted_at__isnull=True)
        .select_related("thread", "thread__group", "author")
    )


def search_posts(query: str, user) -> QuerySet[Post]:
    """Posts matching `query` that `user` may read, best first."""
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, search_type="websearch", config="english")
        plain_body = Func(
            F("body_html"), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace"
        )
        return (
            _readable(user)
            .filter(search_vector=search_query)
            .annotate(
                rank=SearchRank(F("search_vector"), search_query),
                headline=SearchHeadline(
                    plain_body,
                    search_query,
                    config="english",
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=40,
                    min_words=15,
                ),
            )
            .order_by("-rank", "-created_at")
        )
    return (
        _readable(user)
        .filter(Q(body_markdown__icontains=query) | Q(position=1, thread__title__icontains=query))
        .order_by("-created_at")
    )


def _marked(text: str) -> SafeString:
    escaped = escape(text)
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _fallback_snippet(post: Post, query: str) -> SafeString:
    text = html_to_text(post.body_html)
    found = text.lower().find(query.lower())
    if found < 0:
        return _marked(make_excerpt(text, SNIPPET_LENGTH))
    start = max(0, found - SNIPPET_LENGTH // 3)
    if start:
        # Begin at a word, not in the middle of one.
        space = text.find(" ", start, found)
        start = space + 1 if space != -1 else found
    snippet = ("…" if start else "") + text[start : start + SNIPPET_LENGTH]
    snippet = re.sub(
        re.escape(query), lambda m: f"{START}{m.group(0)}{STOP}", snippet, flags=re.IGNORECASE
    )
    return _marked(snippet + ("…" if start + SNIPPET_LENGTH < len(text) else ""))


def with_snippets(posts: list[Post], query: str) -> list[Post]:
    """Sets `post.snippet`: escaped text with <mark> around the matches, nothing else."""
    for post in posts:
        headline = getattr(post, "headline", None)
        if headline is not None:
            post.snippet = _marked(" ".join(html.unescape(headline).split()))
        else:
            post.snippet = _fallback_snippet(post, query)
    return posts

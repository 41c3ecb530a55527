"""Webinar transcripts in /search/ (registered in community.hooks.search_sections).

Lines of archived recordings' transcripts are searched like posts (PostgreSQL full-text
search on each TranscriptCue's stored vector; a plain match on SQLite), in one query. The
gate is webinars.querysets.may_see_recording, the rule of the page: a reader who may watch
the recording sees the matching lines (a snippet, the time, a link to the moment); for one
they may not watch, the results say only that the webinar matched and how to get access,
never a word of its transcript.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, prefetch_related_objects
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from community.search import SearchSection
from webinars import transcripts
from webinars.models import TranscriptCue, Webinar
from webinars.querysets import may_see_recording

MAX_LINES = 40  # lines read, best first
MAX_WEBINARS = 5
LINES_PER_WEBINAR = 3
START, STOP = "\x02", "\x03"


@dataclass
class TranscriptHit:
    """One matching line, for a reader who may watch the recording."""

    label: str
    url: str
    snippet: SafeString
    speaker: str


@dataclass
class WebinarHits:
    webinar: Webinar
    allowed: bool
    lines: list[TranscriptHit] = field(default_factory=list)


def _marked(text: str) -> SafeString:
    escaped = escape(" ".join(html.unescape(text).split()))
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _matching(query: str):
    cues = TranscriptCue.objects.filter(
        transcript__webinar__ends_at__lte=timezone.now(),
        transcript__webinar__recording_url__gt="",
    ).select_related("transcript__webinar")
    if connection.vendor == "postgresql":
        search_query = SearchQuery(query, search_type="websearch", config="english")
        return (
            cues.filter(search_vector=search_query)
            .annotate(
                rank=SearchRank(F("search_vector"), search_query),
                headline=SearchHeadline(
                    "text",
                    search_query,
                    config="english",
                    start_sel=START,
                    stop_sel=STOP,
                    highlight_all=True,
                ),
            )
            .order_by("-rank", "-transcript__webinar__starts_at", "position")
        )
    return cues.filter(text__icontains=query).order_by(
        "-transcript__webinar__starts_at", "position"
    )


def transcript_section(*, query: str, reader) -> SearchSection | None:
    """The webinars whose transcripts match `query`, best first, as `reader` may see them."""
    by_webinar: dict[int, WebinarHits] = {}
    found = list(_matching(query)[:MAX_LINES])
    if found and reader.is_authenticated:
        # The gate asks whether the reader is premium once per webinar: one query, not five.
        prefetch_related_objects([reader], "memberships")
    for cue in found:
        webinar = cue.transcript.webinar
        hits = by_webinar.get(webinar.pk)
        if hits is None:
            if len(by_webinar) == MAX_WEBINARS:
                continue
            hits = by_webinar[webinar.pk] = WebinarHits(
                webinar=webinar, allowed=may_see_recording(webinar, reader)
            )
        if not hits.allowed or len(hits.lines) == LINES_PER_WEBINAR:
            continue
        seconds = cue.starts_ms // 1000
        # SQLite has no SearchHeadline: mark the query where it appears.
        headline = getattr(cue, "headline", None) or re.sub(
            re.escape(query), lambda m: f"{START}{m.group(0)}{STOP}", cue.text, flags=re.I
        )
        hits.lines.append(
            TranscriptHit(
                label=transcripts.label(seconds),
                url=transcripts.moment_url(webinar.get_absolute_url(), seconds),
                snippet=_marked(headline),
                speaker=cue.speaker,
            )
        )
    if not by_webinar:
        return None
    return SearchSection(template="webinars/_search_hits.html", items=list(by_webinar.values()))

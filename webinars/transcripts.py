"""A recording's transcript and chapters: storing an upload, and what the webinar's page shows.

Staff upload a WebVTT file in the admin (webinars/transcript_admin.py); webinars/webvtt.py
reads it once, `store_transcript` keeps its cues as rows (with their search vectors) and a
clean copy of the file in the default storage (a random name, so only readers of the page
learn its address). The page reads the rows: `moments()` is one query for the cues and one
for the chapters, whatever their number, and only for a reader who may watch the recording
(webinars.querysets.may_see_recording).

Moments are addressed three ways:
- `#t=12m30s` is each transcript line's id: a link to the line itself;
- `?t=12m30s` starts the player there (YouTube's start parameter, Vimeo's #t=, a <video>'s
  media fragment #t=750), without JavaScript; static/js/transcript.js seeks in place;
- `?quote_cue=<id>` / `?quote_chapter=<id>` open the reply form with "At 12:30, Amara said:"
  and the line, linking back to the moment ("Quote this moment").
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from community.forms import ReplyForm
from core import page_cache
from webinars import webvtt
from webinars.models import Chapter, Transcript, TranscriptCue, Webinar

_MOMENT = re.compile(r"^(?:(\d{1,2})h)?(?:(\d{1,3})m)?(?:(\d{1,5})s?)?$")
_CLOCK = re.compile(r"^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)$")
MAX_SECONDS = 24 * 3600


# Times ------------------------------------------------------------------------------------


def label(seconds: int) -> str:
    """12:30, or 1:02:03 past the first hour: how the page and quotes write a moment."""
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def anchor(seconds: int) -> str:
    """12m30s, or 1h02m03s: a moment in a page address (#t=12m30s, ?t=12m30s)."""
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s"


def parse_moment(value: str | None) -> int | None:
    """Seconds from "750", "750s", "12m30s", "1h2m3s" or "12:30"; None for anything else."""
    value = (value or "").strip().lower()
    if not value:
        return None
    if clock := _CLOCK.match(value):
        hours, minutes, secs = clock.groups()
        seconds = (int(hours or 0) * 60 + int(minutes)) * 60 + int(secs)
    elif (moment := _MOMENT.match(value)) and any(moment.groups()):
        hours, minutes, secs = moment.groups()
        seconds = (int(hours or 0) * 60 + int(minutes or 0)) * 60 + int(secs or 0)
    else:
        return None
    return seconds if seconds < MAX_SECONDS else None


# Storing an upload ------------------------------------------------------------------------


def _captions_name() -> str:
    return f"webinars/captions/{secrets.token_hex(16)}.vtt"


def captions_url(transcript: Transcript) -> str:
    """The captions file's address (a file-system storage answers "/media/…")."""
    return default_storage.url(transcript.captions_file) if transcript.captions_file else ""


def _delete_file(name: str) -> None:
    if name:
        default_storage.delete(name)


def store_transcript(*, transcript: Transcript, cues: list[webvtt.Cue]) -> Transcript:
    """Makes `cues` (from webvtt.parse) the webinar's transcript, replacing any earlier one
    whole, in one transaction: the rows, their search vectors and the captions file. The old
    file goes once this commits; visitors' cached copies of the page are dropped."""
    name = default_storage.save(_captions_name(), ContentFile(webvtt.write(cues).encode()))
    with transaction.atomic():
        old = ""
        if transcript.pk:
            old = (
                Transcript.objects.select_for_update()
                .values_list("captions_file", flat=True)
                .get(pk=transcript.pk)
            )
        transcript.captions_file = name
        transcript.uploaded_at = timezone.now()
        transcript.save()
        TranscriptCue.objects.filter(transcript=transcript).delete()
        TranscriptCue.objects.bulk_create(
            TranscriptCue(
                transcript=transcript,
                position=position,
                starts_ms=cue.starts_ms,
                ends_ms=cue.ends_ms,
                speaker=cue.speaker[:120],
                text=cue.text,
            )
            for position, cue in enumerate(cues, 1)
        )
        if connection.vendor == "postgresql":
            TranscriptCue.objects.filter(transcript=transcript).update(
                search_vector=SearchVector("speaker", weight="B", config="english")
                + SearchVector("text", weight="A", config="english")
            )
        page_cache.changed("webinar.changed", slug=transcript.webinar.slug)
        if old and old != name:
            transaction.on_commit(lambda: _delete_file(old))
    return transcript


def remove_transcript(*, transcript: Transcript) -> None:
    """Deletes the transcript, its cues and (once committed) its captions file."""
    with transaction.atomic():
        name = transcript.captions_file
        slug = transcript.webinar.slug
        transcript.delete()
        page_cache.changed("webinar.changed", slug=slug)
        transaction.on_commit(lambda: _delete_file(name))


# The page ---------------------------------------------------------------------------------


def transcript_facts() -> dict[str, Any]:
    """Annotations for the webinar page's query: whether there is anything to fetch, so a
    webinar without a transcript or chapters costs no query for them."""
    return {
        "has_transcript": Exists(TranscriptCue.objects.filter(transcript__webinar=OuterRef("pk"))),
        "has_chapters": Exists(Chapter.objects.filter(webinar=OuterRef("pk"))),
    }


@dataclass(frozen=True)
class Moment:
    """A transcript line or a chapter as the page shows it."""

    pk: int
    seconds: int
    text: str  # the line, or the chapter's title
    speaker: str = ""
    show_speaker: bool = False  # the speaker changed since the line above

    @property
    def label(self) -> str:
        return label(self.seconds)

    @property
    def anchor(self) -> str:
        return anchor(self.seconds)


@dataclass(frozen=True)
class Moments:
    """What templates/webinars/_transcript.html shows under the recording."""

    page_url: str
    cues: list[Moment]
    chapters: list[Moment]
    captions_url: str
    language: str
    start: int | None  # ?t= asked for this moment: the transcript opens at it

    @property
    def current_cue(self) -> int | None:
        """The pk of the line being said at `start` (marked on the page), if any."""
        if self.start is None:
            return None
        said = [cue.pk for cue in self.cues if cue.seconds <= self.start]
        return said[-1] if said else None


def moments(webinar: Webinar, *, start: int | None = None) -> Moments | None:
    """The webinar's transcript and chapters (one query each, only when they exist: see
    transcript_facts). Call it only for a reader who may watch the recording."""
    has_transcript = getattr(webinar, "has_transcript", True)
    has_chapters = getattr(webinar, "has_chapters", True)
    cues: list[Moment] = []
    track_url = language = ""
    if has_transcript:
        rows = list(
            TranscriptCue.objects.filter(transcript__webinar=webinar)
            .select_related("transcript")
            .only(
                "pk",
                "starts_ms",
                "speaker",
                "text",
                "transcript__captions_file",
                "transcript__language",
            )
            .order_by("position")
        )
        previous = None
        for row in rows:
            cues.append(
                Moment(
                    pk=row.pk,
                    seconds=row.starts_ms // 1000,
                    text=row.text,
                    speaker=row.speaker,
                    show_speaker=bool(row.speaker) and row.speaker != previous,
                )
            )
            previous = row.speaker
        if rows:
            track_url = captions_url(rows[0].transcript)
            language = rows[0].transcript.language
    chapters = []
    if has_chapters:
        chapters = [
            Moment(pk=pk, seconds=seconds, text=title)
            for pk, seconds, title in Chapter.objects.filter(webinar=webinar)
            .order_by("starts_at_seconds")
            .values_list("pk", "starts_at_seconds", "title")
        ]
    if not cues and not chapters:
        return None
    return Moments(
        page_url=webinar.get_absolute_url(),
        cues=cues,
        chapters=chapters,
        captions_url=track_url,
        language=language,
        start=start,
    )


def moment_url(webinar_url: str, seconds: int) -> str:
    """The page with the player started at the moment, scrolled to its transcript line."""
    return f"{webinar_url}?t={anchor(seconds)}#t={anchor(seconds)}"


def quoted_moment(found: Moments, *, cue_id: str | None, chapter_id: str | None) -> str:
    """The Markdown a "Quote this moment" link puts in the reply form ("" when the id is not
    one of this page's lines or chapters): a link to the moment, who spoke, and the words."""
    wanted = cue_id or chapter_id
    if not wanted or not (wanted.isascii() and wanted.isdigit()) or len(wanted) > 18:
        return ""  # (a huge number would be slow to read, and is no row of ours anyway)
    choices = found.cues if cue_id else found.chapters
    moment = next((m for m in choices if m.pk == int(wanted)), None)
    if moment is None:
        return ""
    at = _("At %(time)s") % {"time": moment.label}
    link = f"[{at}]({moment_url(found.page_url, moment.seconds)})"
    if chapter_id:
        return _("%(link)s, in “%(chapter)s”:") % {"link": link, "chapter": moment.text} + "\n\n"
    if moment.speaker:
        said = _("%(link)s, %(speaker)s said:") % {"link": link, "speaker": moment.speaker}
    else:
        said = _("%(link)s in the recording:") % {"link": link}
    return f"{said}\n\n> {moment.text}\n\n"


def reply_form_quoting(request, webinar: Webinar, found: Moments | None) -> ReplyForm | None:
    """The reply form opened by "Quote this moment" (?quote_cue= or ?quote_chapter=): the
    member's draft, if any, then the quoted moment. None when nothing is quoted, so the
    discussion opens its usual form."""
    if found is None or not request.user.is_authenticated:
        return None
    quoted = quoted_moment(
        found,
        cue_id=request.GET.get("quote_cue"),
        chapter_id=request.GET.get("quote_chapter"),
    )
    if not quoted:
        return None
    draft = getattr(webinar, "draft_body", None) or ""
    body = f"{draft.rstrip()}\n\n{quoted}" if draft.strip() else quoted
    return ReplyForm(initial={"body": body})

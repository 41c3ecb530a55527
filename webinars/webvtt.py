"""A small WebVTT reader: a recording's captions file, checked and read into cues once, at
upload (webinars.transcripts.store_transcript), never on a page view.

We read the part of WebVTT (https://www.w3.org/TR/webvtt1/) that captions files use: the
"WEBVTT" signature, an optional cue identifier, the timing line "00:01:02.500 -->
00:01:05.000" (cue settings after it are allowed and ignored), the cue's text lines, NOTE,
STYLE and REGION blocks (skipped). Tags are dropped from the text, except that a voice tag
(<v Amara Okafor>) gives the cue's speaker; the few character references WebVTT knows
(&amp; &lt; &gt; &nbsp; &lrm; &rlm;) are decoded.

Stricter than the format on two points, because a transcript is read as text in time order:
cues must come in time order and may not overlap. Every refusal is a WebVTTError whose
message names the line, in words for the staff member who uploaded the file.

A package (webvtt-py) would read the format too, but not refuse overlaps or say which line
is wrong in our words; the format is small enough to read here in one page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024  # a three-hour talk is about 300 KB
MAX_CUES = 10_000
MAX_CUE_CHARS = 2_000

_TIMESTAMP = r"(?:(\d{1,3}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIMESTAMP}[ \t]+-->[ \t]+{_TIMESTAMP}(?:[ \t].*)?$")
_VOICE = re.compile(r"<v(?:\.[^ \t>]*)?[ \t]+([^>]*)>")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Cue:
    starts_ms: int
    ends_ms: int
    text: str  # plain text, tags removed, lines joined by a space
    speaker: str = ""
    line: int = 0  # the line of its timing in the file


class WebVTTError(ValueError):
    """Why a captions file is refused; `line` is the 1-based line it is about (or None)."""

    def __init__(self, message: str, *, line: int | None = None) -> None:
        self.line = line
        if line is not None:
            message = _("Line %(line)s: %(problem)s") % {"line": line, "problem": message}
        super().__init__(message)


def clock(ms: int) -> str:
    """00:01:02.500: a time as the file writes it."""
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _ms(groups: tuple[str | None, ...]) -> int:
    hours, minutes, seconds, millis = (int(group or 0) for group in groups)
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise WebVTTError(
            _("this is not UTF-8 text. Save the file as UTF-8 and upload it again."), line=line
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _cue_text(lines: list[str]) -> tuple[str, str]:
    """(text, speaker) of a cue's text lines."""
    joined = " ".join(lines)
    voice = _VOICE.search(joined)
    speaker = html.unescape(voice.group(1)).strip() if voice else ""
    text = html.unescape(_TAG.sub("", joined)).replace("\u200e", "").replace("\u200f", "")
    return " ".join(text.split()), " ".join(speaker.split())


def parse(data: bytes) -> list[Cue]:
    """The cues of a WebVTT file, in order; WebVTTError naming the line when it is not one
    we can show as a transcript."""
    if len(data) > MAX_BYTES:
        raise WebVTTError(
            _("This file is %(size)s KB; captions files up to %(limit)s KB are accepted.")
            % {"size": len(data) // 1024, "limit": MAX_BYTES // 1024}
        )
    lines = _decode(data).split("\n")
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise WebVTTError(
            _(
                "a WebVTT file starts with the word WEBVTT on its first line. "
                "Is this a captions file?"
            ),
            line=1,
        )
    cues: list[Cue] = []
    # The header runs from the signature to the first blank line.
    number = 2
    while number <= len(lines) and lines[number - 1].strip():
        if "-->" in lines[number - 1]:
            raise WebVTTError(
                _("a blank line is needed between the WEBVTT line and the first cue."),
                line=number,
            )
        number += 1
    while number <= len(lines):
        if not lines[number - 1].strip():
            number += 1
            continue
        start = number
        block = []
        while number <= len(lines) and lines[number - 1].strip():
            block.append(lines[number - 1])
            number += 1
        cue = _read_block(block, start)
        if cue is None:
            continue
        _check_order(cue, cues[-1] if cues else None)
        cues.append(cue)
        if len(cues) > MAX_CUES:
            raise WebVTTError(
                _("this file has more than %(limit)s cues, more than we accept for one recording.")
                % {"limit": MAX_CUES},
                line=cue.line,
            )
    if not cues:
        raise WebVTTError(_("This file has no cues: there is no text to show as a transcript."))
    return cues


def _read_block(block: list[str], start: int) -> Cue | None:
    """A cue from the lines of one block (starting at line `start`); None for a NOTE, STYLE
    or REGION block."""
    head = block[0]
    if re.match(r"^(NOTE|STYLE|REGION)([ \t]|$)", head) and "-->" not in head:
        return None
    timing_at = 0 if "-->" in head else 1
    if timing_at >= len(block) or "-->" not in block[timing_at]:
        raise WebVTTError(
            _(
                "expected a cue's timing, like “00:01:02.500 --> 00:01:05.000”, but found "
                "“%(text)s”. Is a blank line missing, or a timing line?"
            )
            % {"text": block[timing_at if timing_at < len(block) else 0][:80]},
            line=start + min(timing_at, len(block) - 1),
        )
    line = start + timing_at
    match = _TIMING.match(block[timing_at].strip())
    if match is None:
        raise WebVTTError(
            _(
                "“%(text)s” is not a timing we can read. Write it as "
                "“00:01:02.500 --> 00:01:05.000” (hours are optional, milliseconds are not)."
            )
            % {"text": block[timing_at].strip()[:80]},
            line=line,
        )
    starts_ms, ends_ms = _ms(match.groups()[:4]), _ms(match.groups()[4:])
    if ends_ms <= starts_ms:
        raise WebVTTError(
            _("this cue ends (%(end)s) before it starts (%(start)s).")
            % {"end": clock(ends_ms), "start": clock(starts_ms)},
            line=line,
        )
    payload = block[timing_at + 1 :]
    for offset, text in enumerate(payload, line + 1):
        if "-->" in text:
            raise WebVTTError(
                _("a cue's text may not contain “-->”. Is a blank line missing before this cue?"),
                line=offset,
            )
    text, speaker = _cue_text(payload)
    if not text:
        raise WebVTTError(_("this cue has no text."), line=line)
    if len(text) > MAX_CUE_CHARS:
        raise WebVTTError(
            _("this cue's text is longer than %(limit)s characters. Please split it.")
            % {"limit": MAX_CUE_CHARS},
            line=line,
        )
    return Cue(starts_ms=starts_ms, ends_ms=ends_ms, text=text, speaker=speaker, line=line)


def _check_order(cue: Cue, previous: Cue | None) -> None:
    if previous is None:
        return
    if cue.starts_ms < previous.starts_ms:
        raise WebVTTError(
            _(
                "this cue starts at %(start)s, before the cue above it (line %(above)s, "
                "%(above_start)s). Cues must be in time order."
            )
            % {
                "start": clock(cue.starts_ms),
                "above": previous.line,
                "above_start": clock(previous.starts_ms),
            },
            line=cue.line,
        )
    if cue.starts_ms < previous.ends_ms:
        raise WebVTTError(
            _(
                "this cue starts at %(start)s, before the cue above it ends (line %(above)s, "
                "at %(above_end)s). Cues may not overlap."
            )
            % {
                "start": clock(cue.starts_ms),
                "above": previous.line,
                "above_end": clock(previous.ends_ms),
            },
            line=cue.line,
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write(cues: list[Cue]) -> str:
    """The cues as a clean WebVTT file: what the <video>'s <track> is served (nothing of the
    upload but its cues, so no STYLE or stray markup reaches a reader's player)."""
    parts = ["WEBVTT", ""]
    for cue in cues:
        voice = f"<v {_escape(cue.speaker)}>" if cue.speaker else ""
        parts += [f"{clock(cue.starts_ms)} --> {clock(cue.ends_ms)}", voice + _escape(cue.text), ""]
    return "\n".join(parts)

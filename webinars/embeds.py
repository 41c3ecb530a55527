"""How a recording address is shown: a YouTube or Vimeo player, a <video>, or a link.

Only the two players the Content-Security-Policy allows (frame-src) are embedded; YouTube
through its no-cookie domain so watching sets no tracking cookie.
"""

import re
from urllib.parse import parse_qs, urlsplit

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIDEO_EXTENSIONS = (".mp4", ".webm", ".m4v", ".ogv")


def _youtube_id(url: str) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch":
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif parts.path.startswith(("/embed/", "/live/", "/shorts/")):
            candidate = parts.path.split("/")[2]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


def _vimeo_id(url: str) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if host in ("vimeo.com", "player.vimeo.com"):
        numbers = [piece for piece in parts.path.split("/") if piece.isdigit()]
        return numbers[0] if numbers else None
    return None


def recording_embed(url: str, *, start: int | None = None) -> dict[str, str] | None:
    """{"kind": "iframe" | "video" | "link", "src": ..., "url": ...} or None without a URL.

    `start` (seconds) starts the player there where the player allows it: YouTube's start
    parameter, Vimeo's #t=, a <video>'s media fragment (#t=750); a plain link ignores it."""
    if not url:
        return None
    if youtube := _youtube_id(url):
        src = f"https://www.youtube-nocookie.com/embed/{youtube}"
        return {"kind": "iframe", "src": src + (f"?start={start}" if start else ""), "url": url}
    if vimeo := _vimeo_id(url):
        src = f"https://player.vimeo.com/video/{vimeo}"
        return {"kind": "iframe", "src": src + (f"#t={start}s" if start else ""), "url": url}
    if urlsplit(url).path.lower().endswith(_VIDEO_EXTENSIONS):
        src = url.split("#")[0] + (f"#t={start}" if start else "")
        return {"kind": "video", "src": src, "url": url}
    return {"kind": "link", "src": url, "url": url}

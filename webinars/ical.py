"""A webinar as an iCalendar file (RFC 5545), written by hand: one VEVENT is small.

The rules that matter: lines end in CRLF; content lines longer than 75 octets are folded
(CRLF + one space) without splitting a UTF-8 character; TEXT values escape backslash,
semicolon, comma and newline; DTSTART/DTEND/DTSTAMP are UTC ("Z") so every calendar agrees.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

MAX_OCTETS = 75


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Splits a content line into pieces of at most 75 octets, continuation lines starting
    with one space (which counts toward their 75)."""
    pieces: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1
        current += char
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc_stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def location_text(webinar, join_url: str = "") -> str:
    if webinar.location_kind == webinar.LocationKind.ONLINE:
        return _("Online: %(link)s") % {"link": join_url} if join_url else _("Online")
    return ", ".join(
        part
        for part in [webinar.place_name, " ".join(webinar.place_address.split())]
        if part.strip()
    )


def webinar_ics(webinar, *, join_url: str = "", note: str = "") -> str:
    """The whole .ics file for one webinar, CRLF line endings included.

    `join_url`, the online meeting link, is given only for a registered member's own file
    inside the join window (webinars.querysets.join_link_for): it goes in LOCATION and
    DESCRIPTION. `note`, a line for the end of DESCRIPTION (where to find the link)."""
    url = settings.SITE_URL + webinar.get_absolute_url()
    host = urlsplit(settings.SITE_URL).hostname or "gathering"
    # Markdown is written to read well as plain text, which is what calendars show.
    details = _("Details and discussion: %(url)s") % {"url": url}
    description = f"{webinar.description_markdown.strip()}\n\n{details}"
    if join_url:
        description = _("Join online: %(link)s") % {"link": join_url} + f"\n\n{description}"
    if note:
        description = f"{description}\n\n{note}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape_text(settings.SITE_NAME)}//Webinars//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:webinar-{webinar.pk}@{host}",
        f"DTSTAMP:{utc_stamp(webinar.updated_at)}",
        f"DTSTART:{utc_stamp(webinar.starts_at)}",
        f"DTEND:{utc_stamp(webinar.ends_at)}",
        f"SUMMARY:{escape_text(webinar.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"LOCATION:{escape_text(location_text(webinar, join_url))}",
        f"URL:{url}",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)

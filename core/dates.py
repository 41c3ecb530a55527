"""How every date and time reads on Gathering: pages, e-mails, admin pages, insights.

One style everywhere:

- a moment: "Tue, Dec 15, 2026, 11:00am CT" (`format_moment`), in the reader's time zone
  (the member's own, activated by accounts.middleware, or the site's);
- a recent moment: "3 hours ago", with the full moment beside it as a tooltip
  (`format_relative`, and the template filter `when` in core/templatetags/dates.py);
- a calendar day: "Tue, Dec 15, 2026" (`format_day`);
- the end of something that lasts until midnight: "until Sat, Dec 12, 2026, 11:59pm CT"
  (`format_until`);
- an event's hours, in the event's own zone: "2:00pm to 3:00pm CT" (`format_time_range`).

North American zones use the generic label all year ("CT", never "CST" or "CDT"): it is
always right, and readers do not have to know whether summer time applies. Other zones use
the abbreviation in force on that day ("CET" in winter, "CEST" in summer), or the offset
("UTC+05:30") where the zone has no letters for it.
"""

import datetime
import zoneinfo

from django.utils import timezone

# Standard and daylight abbreviations of North American zones, and the generic label.
_GENERIC = {
    "EST": "ET", "EDT": "ET",
    "CST": "CT", "CDT": "CT",
    "MST": "MT", "MDT": "MT",
    "PST": "PT", "PDT": "PT",
    "AKST": "AKT", "AKDT": "AKT",
    "HST": "HT", "HDT": "HT",
    "AST": "AT", "ADT": "AT",
    "NST": "NT", "NDT": "NT",
}  # fmt: skip
# "CST" is also China Standard Time: only zones of the Americas get the generic label.
_AMERICAN_PREFIXES = ("America/", "US/", "Canada/", "Pacific/Honolulu")

# Younger than this, a moment reads "3 hours ago"; older, it reads as a full date.
RECENT = datetime.timedelta(days=7)

Zone = zoneinfo.ZoneInfo | datetime.tzinfo


def _zone(zone: Zone | None) -> Zone:
    return zone if zone is not None else timezone.get_current_timezone()


def zone_label(moment: datetime.datetime, zone: Zone | None = None) -> str:
    """ "CT", "CEST" or "UTC+5:30": the zone as readers know it, on that day."""
    zone = _zone(zone)
    local = moment.astimezone(zone)
    abbreviation = local.tzname() or ""
    if str(getattr(zone, "key", "")).startswith(_AMERICAN_PREFIXES) and abbreviation in _GENERIC:
        return _GENERIC[abbreviation]
    if abbreviation and abbreviation[0].isalpha():
        return abbreviation
    offset = local.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}" if minutes else f"UTC{sign}{hours}"


def format_day(value: datetime.date | datetime.datetime, zone: Zone | None = None) -> str:
    """ "Thu, Jan 17, 2019": a calendar day, or the day of a moment in `zone`."""
    if isinstance(value, datetime.datetime):
        value = value.astimezone(_zone(zone)).date()
    return f"{value:%a}, {value:%b} {value.day}, {value.year}"


def format_clock(moment: datetime.datetime, zone: Zone | None = None) -> str:
    """ "2:00pm" """
    local = moment.astimezone(_zone(zone))
    hour = local.hour % 12 or 12
    return f"{hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def format_moment(moment: datetime.datetime, zone: Zone | None = None) -> str:
    """ "Tue, Dec 15, 2026, 11:00am CT": a moment nobody can misread."""
    zone = _zone(zone)
    return f"{format_day(moment, zone)}, {format_clock(moment, zone)} {zone_label(moment, zone)}"


def format_until(moment: datetime.datetime, zone: Zone | None = None) -> str:
    """The last moment before `moment`, for things that last "until" it: a suspension
    ending at midnight reads "Sat, Dec 12, 2026, 11:59pm CT", never "Sun, Dec 13, 12:00am",
    which readers take for either side of the night."""
    local = moment.astimezone(_zone(zone))
    if local.time() == datetime.time(0, 0):
        local -= datetime.timedelta(minutes=1)
    return format_moment(local, zone)


def format_time_range(
    starts_at: datetime.datetime, ends_at: datetime.datetime, zone: Zone | None = None
) -> str:
    """ "2:00pm to 3:00pm CT"; the end's date is added when it falls on another day."""
    zone = _zone(zone)
    end = format_clock(ends_at, zone)
    if starts_at.astimezone(zone).date() != ends_at.astimezone(zone).date():
        end = f"{format_day(ends_at, zone)}, {end}"
    return f"{format_clock(starts_at, zone)} to {end} {zone_label(starts_at, zone)}"


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}{'' if number == 1 else 's'}"


def format_relative(
    moment: datetime.datetime, now: datetime.datetime | None = None, zone: Zone | None = None
) -> str:
    """ "just now", "3 hours ago", "2 days ago" for a recent past moment; the full
    moment (format_moment) for anything older than RECENT or in the future."""
    now = now or timezone.now()
    age = now - moment
    if age < datetime.timedelta(0) or age >= RECENT:
        return format_moment(moment, zone)
    seconds = int(age.total_seconds())
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{_count(seconds // 60, 'minute')} ago"
    if seconds < 86400:
        return f"{_count(seconds // 3600, 'hour')} ago"
    return f"{_count(seconds // 86400, 'day')} ago"


def is_recent(moment: datetime.datetime, now: datetime.datetime | None = None) -> bool:
    age = (now or timezone.now()) - moment
    return datetime.timedelta(0) <= age < RECENT

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

Each reads in the active language (docs/i18n.md): the patterns go through the catalogue,
so Spanish reads "jueves, 17 de enero de 2019, 2:00 p. m. CT" and "2:00 p. m. a 3:00 p. m.
CT". Machine-readable times (<time datetime>, the webinar's .ics) stay ISO and UTC.

North American zones use the generic label all year ("CT", never "CST" or "CDT"): it is
always right, and readers do not have to know whether summer time applies. Other zones use
the abbreviation in force on that day ("CET" in winter, "CEST" in summer), or the offset
("UTC+05:30") where the zone has no letters for it.
"""

import datetime
import zoneinfo

from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


def _names(value: datetime.date) -> dict[str, object]:
    """The pieces a date pattern may use. The short English names come from the C locale
    ("Thu", "Jan"); the full names from Django's catalogue, so they read in the active
    language ("jueves", "enero")."""
    return {
        "weekday_short": f"{value:%a}",
        "month_short": f"{value:%b}",
        "weekday": WEEKDAYS[value.weekday()],
        "month": MONTHS[value.month],
        "day": value.day,
        "year": value.year,
    }


def format_day(value: datetime.date | datetime.datetime, zone: Zone | None = None) -> str:
    """ "Thu, Jan 17, 2019" ("jueves, 17 de enero de 2019"): a calendar day, or the day of
    a moment in `zone`."""
    if isinstance(value, datetime.datetime):
        value = value.astimezone(_zone(zone)).date()
    # Translators: a calendar day. Available: %(weekday)s "Thursday", %(weekday_short)s
    # "Thu", %(month)s "January", %(month_short)s "Jan", %(day)s "17", %(year)s "2019".
    return _("%(weekday_short)s, %(month_short)s %(day)s, %(year)s") % _names(value)


def format_clock(moment: datetime.datetime, zone: Zone | None = None) -> str:
    """ "2:00pm" ("2:00 p. m.")"""
    local = moment.astimezone(_zone(zone))
    values = {"hour": local.hour % 12 or 12, "minute": f"{local:%M}"}
    if local.hour < 12:
        # Translators: a time of day before noon, "9:30am".
        return _("%(hour)s:%(minute)sam") % values
    # Translators: a time of day from noon, "2:00pm".
    return _("%(hour)s:%(minute)spm") % values


def format_moment(moment: datetime.datetime, zone: Zone | None = None) -> str:
    """ "Tue, Dec 15, 2026, 11:00am CT": a moment nobody can misread."""
    zone = _zone(zone)
    # Translators: a moment: "Tue, Dec 15, 2026" + ", " + "11:00am" + " " + "CT".
    return _("%(day)s, %(clock)s %(zone)s") % {
        "day": format_day(moment, zone),
        "clock": format_clock(moment, zone),
        "zone": zone_label(moment, zone),
    }


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
    """ "2:00pm to 3:00pm CT" ("2:00 p. m. a 3:00 p. m. CT"); the end's date is added when
    it falls on another day."""
    zone = _zone(zone)
    end = format_clock(ends_at, zone)
    if starts_at.astimezone(zone).date() != ends_at.astimezone(zone).date():
        # Translators: the end of an event on another day: "Wed, Dec 16, 2026, 1:00am".
        end = _("%(day)s, %(clock)s") % {"day": format_day(ends_at, zone), "clock": end}
    # Translators: an event's hours: "2:00pm to 3:00pm CT".
    return _("%(start)s to %(end)s %(zone)s") % {
        "start": format_clock(starts_at, zone),
        "end": end,
        "zone": zone_label(starts_at, zone),
    }


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
        return _("just now")
    if seconds < 3600:
        count = seconds // 60
        return ngettext("%(count)s minute ago", "%(count)s minutes ago", count) % {"count": count}
    if seconds < 86400:
        count = seconds // 3600
        return ngettext("%(count)s hour ago", "%(count)s hours ago", count) % {"count": count}
    count = seconds // 86400
    return ngettext("%(count)s day ago", "%(count)s days ago", count) % {"count": count}


def is_recent(moment: datetime.datetime, now: datetime.datetime | None = None) -> bool:
    age = (now or timezone.now()) - moment
    return datetime.timedelta(0) <= age < RECENT

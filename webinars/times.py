"""How webinar times read: "Thu, Jan 17, 2019" and "2:00pm to 3:00pm CT".

North American zones use the generic label all year ("CT", never "CST" or "CDT"): it is
always right, and readers do not have to know whether summer time applies. Other zones use
the abbreviation in force on that day ("CET" in winter, "CEST" in summer), or the offset
("UTC+05:30") where the zone has no letters for it.
"""

import datetime
import zoneinfo

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


def zone_label(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> str:
    local = moment.astimezone(zone)
    abbreviation = local.tzname() or ""
    if str(zone.key).startswith(_AMERICAN_PREFIXES) and abbreviation in _GENERIC:
        return _GENERIC[abbreviation]
    if abbreviation and abbreviation[0].isalpha():
        return abbreviation
    offset = local.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}" if minutes else f"UTC{sign}{hours}"


def format_date(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "Thu, Jan 17, 2019" """
    local = moment.astimezone(zone)
    return f"{local:%a}, {local:%b} {local.day}, {local.year}"


def format_clock(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "2:00pm" """
    local = moment.astimezone(zone)
    hour = local.hour % 12 or 12
    return f"{hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def format_time_range(
    starts_at: datetime.datetime, ends_at: datetime.datetime, zone: zoneinfo.ZoneInfo
) -> str:
    """ "2:00pm to 3:00pm CT"; the end's date is added when it falls on another day."""
    end = format_clock(ends_at, zone)
    if starts_at.astimezone(zone).date() != ends_at.astimezone(zone).date():
        end = f"{format_date(ends_at, zone)}, {end}"
    return f"{format_clock(starts_at, zone)} to {end} {zone_label(starts_at, zone)}"


def when(
    starts_at: datetime.datetime, ends_at: datetime.datetime, zone: zoneinfo.ZoneInfo
) -> dict[str, str]:
    """The date line and the time line of an event, as seen from `zone`."""
    return {
        "date": format_date(starts_at, zone),
        "time_range": format_time_range(starts_at, ends_at, zone),
        "zone_name": str(zone.key).replace("_", " "),
    }

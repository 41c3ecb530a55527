"""How webinar times read: "Thu, Jan 17, 2019" and "2:00pm to 3:00pm CT", in the event's own
zone or the reader's. The words themselves are core.dates', the one date style of the site."""

import datetime
import zoneinfo

from core.dates import format_clock, format_day, format_time_range, zone_label


def when(
    starts_at: datetime.datetime, ends_at: datetime.datetime, zone: zoneinfo.ZoneInfo
) -> dict[str, str]:
    """The date line and the time line of an event, as seen from `zone`."""
    return {
        "date": format_day(starts_at, zone),
        "time_range": format_time_range(starts_at, ends_at, zone),
        "zone_name": str(zone.key).replace("_", " "),
    }


def clock(moment: datetime.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "1:45pm CT": a moment on the event's day (when the join link appears)."""
    return f"{format_clock(moment, zone)} {zone_label(moment, zone)}"

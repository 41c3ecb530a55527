"""Quiet hours: when a member does not want e-mail, in their own time zone.

`quiet_until(...)` says whether an e-mail due `now` falls in the member's quiet hours and,
if so, the moment they end. emails.send_delivery then moves the delivery's
`next_attempt_at` to that moment (its state stays pending): the periodic sweep sends it,
once, when the quiet hours are over. Nothing is dropped and the row lock plus the "sent"
state keep it from going out twice.

A range may cross midnight (22:00–07:00). Times are local wall-clock times: across a
daylight-saving change the quiet hours end at 07:00 on the clock, whatever the offset. An
end that falls in the hour skipped in spring is read with the offset before the change
(02:30 becomes 03:30).
"""

import datetime
import zoneinfo

from django.conf import settings


def member_zone(member) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(member.time_zone or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def quiet_until(
    *,
    start: datetime.time | None,
    end: datetime.time | None,
    zone: zoneinfo.ZoneInfo,
    now: datetime.datetime,
) -> datetime.datetime | None:
    """When the quiet hours around `now` end (aware), or None if `now` is not in them."""
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(zone)
    clock = local.time().replace(tzinfo=None)
    if start < end:  # e.g. 13:00–15:00, within one day
        if not start <= clock < end:
            return None
        end_day = local.date()
    else:  # e.g. 22:00–07:00, across midnight
        if end <= clock < start:
            return None
        end_day = local.date() + datetime.timedelta(days=1) if clock >= start else local.date()
    ends = datetime.datetime.combine(end_day, end, tzinfo=zone)
    # Round-trip through UTC so a wall-clock time skipped by DST becomes a real instant.
    return ends.astimezone(datetime.UTC)


def member_quiet_until(member, now: datetime.datetime) -> datetime.datetime | None:
    """When `member`'s quiet hours around `now` end, or None if they are not in them. For
    apps that send their own e-mail (webinars, membership): they hold the e-mail until then."""
    from notifications.services import preferences_for  # services imports this module's users

    prefs = preferences_for(member)
    return quiet_until(
        start=prefs.quiet_start, end=prefs.quiet_end, zone=member_zone(member), now=now
    )

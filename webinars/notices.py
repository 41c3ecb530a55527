"""Webinar e-mails to registrants: when each is due, and the one function that sends them.

Each message is three templates with the same context:
templates/webinars/email/<kind>_subject.txt, <kind>.txt and <kind>.html. The inbox entry and
the e-mail are written in the registrant's language, whoever or whatever sends them.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.languages import member_language
from core.mail import UnsubscribableEmail
from notifications.emails import unsubscribe_url
from notifications.models import Notification
from notifications.services import notify, wants_email
from webinars import times
from webinars.models import Notice, Registration, Webinar
from webinars.querysets import join_link_for, join_opens_at, may_see_recording

REMINDER_24H = datetime.timedelta(hours=24)
REMINDER_1H = datetime.timedelta(hours=1)
# A recording announced long after the event would surprise people: stop after two weeks.
RECORDING_WINDOW = datetime.timedelta(days=14)


def is_due(webinar: Webinar, kind: str, now: datetime.datetime) -> bool:
    """The day-before reminder is due from 24 h to 1 h before the start, the hour-before
    one in the last hour; someone who registers 30 minutes before gets only the second."""
    if kind == Notice.Kind.REMINDER_24H:
        return webinar.starts_at - REMINDER_24H <= now < webinar.starts_at - REMINDER_1H
    if kind == Notice.Kind.REMINDER_1H:
        return webinar.starts_at - REMINDER_1H <= now < webinar.starts_at
    if kind == Notice.Kind.RECORDING:
        return (
            bool(webinar.recording_url)
            and webinar.ends_at <= now
            and webinar.recording_published_at is not None
            and max(webinar.ends_at, webinar.recording_published_at) >= now - RECORDING_WINDOW
        )
    raise ValueError(f"Unknown notice kind {kind!r}")


def due_webinars(now: datetime.datetime) -> dict[str, list[Webinar]]:
    """The webinars whose registrants may be owed each kind of notice right now."""
    return {
        Notice.Kind.REMINDER_24H: list(
            Webinar.objects.filter(
                starts_at__gt=now + REMINDER_1H, starts_at__lte=now + REMINDER_24H
            )
        ),
        Notice.Kind.REMINDER_1H: list(
            Webinar.objects.filter(starts_at__gt=now, starts_at__lte=now + REMINDER_1H)
        ),
        Notice.Kind.RECORDING: list(
            Webinar.objects.filter(ends_at__lte=now, recording_published_at__isnull=False)
            .exclude(recording_url="")
            .filter(
                Q(ends_at__gte=now - RECORDING_WINDOW)
                | Q(recording_published_at__gte=now - RECORDING_WINDOW)
            )
        ),
    }


def _member_zone(member) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(member.time_zone or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def day_word(starts_at: datetime.datetime, zone: zoneinfo.ZoneInfo, now: datetime.datetime) -> str:
    """ "today" or "tomorrow" as the member's calendar reads it (someone who registers in
    the morning for an afternoon talk gets "today", not "tomorrow"). A key, not the words:
    the templates and inbox_text pick the whole sentence for it in the member's language."""
    days = (starts_at.astimezone(zone).date() - now.astimezone(zone).date()).days
    return {0: "today", 1: "tomorrow"}.get(days, "soon")


def notice_context(registration: Registration, kind: str) -> dict:
    webinar = registration.webinar
    member = registration.member
    member_zone = _member_zone(member)
    page_url = settings.SITE_URL + webinar.get_absolute_url()
    event_when = times.when(webinar.starts_at, webinar.ends_at, webinar.zone)
    member_when = times.when(webinar.starts_at, webinar.ends_at, member_zone)
    return {
        "kind": kind,
        "day_word": day_word(webinar.starts_at, member_zone, timezone.now()),
        "member": member,
        "webinar": webinar,
        "when": event_when,
        "member_when": member_when if member_when != event_when else None,
        "page_url": page_url,
        "ics_url": page_url + "calendar.ics",
        "may_watch": may_see_recording(webinar, member),
        **_join_context(registration, member_zone),
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url(member.pk),
    }


def _join_context(registration: Registration, member_zone: zoneinfo.ZoneInfo) -> dict:
    """The join link when the window is open as the e-mail goes out (join_link_for, the one
    rule; a reminder delayed by quiet hours may carry it), else when it will appear on the
    page, in the member's zone. Only registrants are ever sent these e-mails."""
    webinar = registration.webinar
    online = webinar.location_kind == Webinar.LocationKind.ONLINE and bool(webinar.join_url)
    opens_at = join_opens_at(webinar)
    return {
        "join_url": join_link_for(webinar, registration.member, registered=registration.is_active),
        "join_later": online and timezone.now() < opens_at,
        "join_opens": times.clock(opens_at, member_zone),
    }


def inbox_text(kind: str, context: dict) -> str:
    """The notice as one line in the member's notifications inbox."""
    webinar = context["webinar"]
    if kind == Notice.Kind.RECORDING:
        if context["may_watch"]:
            return _("The recording of “%(title)s” is ready to watch.") % {"title": webinar.title}
        return _("The recording of “%(title)s” is ready for premium members.") % {
            "title": webinar.title
        }
    when = context["member_when"] or context["when"]
    values = {"title": webinar.title, "date": when["date"], "time_range": when["time_range"]}
    if kind == Notice.Kind.REMINDER_1H:
        return _("Starting in an hour: “%(title)s”, %(time_range)s.") % values
    if context["day_word"] == "today":
        return _("Today: “%(title)s”, %(date)s, %(time_range)s.") % values
    if context["day_word"] == "tomorrow":
        return _("Tomorrow: “%(title)s”, %(date)s, %(time_range)s.") % values
    return _("Soon: “%(title)s”, %(date)s, %(time_range)s.") % values


def send_notice(*, registration: Registration, kind: str) -> None:
    """Notifies one registrant: an entry in their notifications inbox and one e-mail. The
    only place that sends webinar e-mail.

    The inbox entry is keyed by webinar, member and kind (one per registrant per notice,
    even if they cancel and register again) and made with `email=False`: this function
    sends the notice's one e-mail itself, unless the member turned e-mail off.
    """
    member = registration.member
    with translation.override(member_language(member)):
        _send_notice(registration=registration, kind=kind)


def _send_notice(*, registration: Registration, kind: str) -> None:
    context = notice_context(registration, kind)
    member = registration.member
    notify(
        recipient=member,
        kind=Notification.Kind.WEBINAR,
        text=inbox_text(kind, context),
        url=registration.webinar.get_absolute_url(),
        key=f"webinar:{registration.webinar_id}:{kind}",
        email=False,
    )
    if not wants_email(member):
        return
    subject = " ".join(render_to_string(f"webinars/email/{kind}_subject.txt", context).split())
    message = UnsubscribableEmail(
        subject=subject,
        body=render_to_string(f"webinars/email/{kind}.txt", context),
        to=[registration.member.email],
        unsubscribe_url=context["unsubscribe_url"],
    )
    message.attach_alternative(
        render_to_string(f"webinars/email/{kind}.html", context), "text/html"
    )
    message.send()

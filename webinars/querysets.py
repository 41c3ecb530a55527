"""Who sees what, and the lists of webinars every view uses."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, Q, When
from django.utils import timezone

from accounts import roles


class WebinarQuerySet(models.QuerySet):
    def upcoming(self, now: datetime.datetime | models.Func) -> "WebinarQuerySet":
        """Not yet over (upcoming or live), soonest first. `now` may be the database's
        clock (Now()) in a query compiled once and run again (webinars.side)."""
        return self.filter(ends_at__gt=now).order_by("starts_at")

    def archived(self, now: datetime.datetime) -> "WebinarQuerySet":
        """Over, newest first."""
        return self.filter(ends_at__lte=now).order_by("-starts_at")

    def listing(self, now: datetime.datetime) -> "WebinarQuerySet":
        """Upcoming and live ones first (soonest first), then the archive (newest first)."""
        return (
            self.annotate(
                is_over=Case(
                    When(ends_at__lte=now, then=True),
                    default=False,
                    output_field=models.BooleanField(),
                ),
                upcoming_order=Case(When(ends_at__gt=now, then=F("starts_at"))),
            )
            .order_by("is_over", "upcoming_order", "-starts_at", "pk")
            .prefetch_related("appearances__presenter")
        )

    def with_registrant_count(self) -> "WebinarQuerySet":
        return self.annotate(
            registrant_count=Count(
                "registrations", filter=Q(registrations__cancelled_at__isnull=True)
            )
        )


def _audience_allows(audience: str, user) -> bool:
    """Everyone; members (logged in); or premium members. Staff always."""
    if audience == "everyone":
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if audience == "members" or roles.is_staff(user):
        return True
    return roles.is_premium(user)


def may_see_recording(webinar, user) -> bool:
    """May `user` watch the recording (and read what comes with it, e.g. its transcript):
    the webinar's `audience`; staff see everything."""
    return _audience_allows(webinar.audience, user)


def may_see_slides(webinar, user) -> bool:
    """May `user` open the slides (link or uploaded PDF): the `slides_audience`, which may
    be wider than the recording's (slides for everyone, the recording for premium)."""
    return _audience_allows(webinar.slides_audience, user)


def join_opens_at(webinar) -> datetime.datetime:
    """When registrants start seeing the join link: WEBINAR_JOIN_OPENS_MINUTES before the
    start (15 by default)."""
    return webinar.starts_at - datetime.timedelta(minutes=settings.WEBINAR_JOIN_OPENS_MINUTES)


def join_window_open(webinar, now: datetime.datetime) -> bool:
    return join_opens_at(webinar) <= now < webinar.ends_at


def join_link_for(
    webinar, user, *, now: datetime.datetime | None = None, registered: bool | None = None
) -> str:
    """The online meeting link, for members registered for the webinar, from shortly
    before the start until the end (join_window_open): on its page, in their reminders and
    in their calendar file. "" for everyone else, at any other time, and for an event held
    in person. The one rule: every place that shows the link asks here.

    `registered`, when the caller already knows it (the page reads it with the webinar),
    saves the query that would find it.
    """
    now = now or timezone.now()
    if (
        not webinar.join_url
        or webinar.location_kind != webinar.LocationKind.ONLINE
        or not user.is_authenticated
        or not join_window_open(webinar, now)
    ):
        return ""
    if registered is None:
        registered = webinar.registrations.filter(member=user, cancelled_at__isnull=True).exists()
    return webinar.join_url if registered else ""

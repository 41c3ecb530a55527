"""Who sees what, and the lists of webinars every view uses."""

import datetime

from django.db import models
from django.db.models import Case, Count, F, Q, When

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


def may_see_recording(webinar, user) -> bool:
    """The recording and the slides follow the webinar's audience; staff see everything."""
    audience = webinar.Audience
    if webinar.audience == audience.EVERYONE:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if webinar.audience == audience.MEMBERS or roles.is_staff(user):
        return True
    return roles.is_premium(user)


def join_link_for(webinar, user) -> str:
    """The online meeting link, for members registered for the webinar (as on its page and
    in their reminders); "" for everyone else, and for an event held in person."""
    if (
        not webinar.join_url
        or webinar.location_kind != webinar.LocationKind.ONLINE
        or not user.is_authenticated
    ):
        return ""
    registered = webinar.registrations.filter(member=user, cancelled_at__isnull=True).exists()
    return webinar.join_url if registered else ""

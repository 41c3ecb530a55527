"""The next webinar, for the side column of the main pages (core.side_column)."""

import datetime
import zoneinfo

from django.db.models import QuerySet
from django.db.models.functions import JSONObject, Now
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import lazy

from core.side_column import SideFact
from webinars import times
from webinars.models import Webinar


def _next_webinar() -> QuerySet:
    """The webinar that is live or starts next, as one JSON value (a subquery for members).

    "Now" is the database's (Now()), not a parameter: the members' log-in query is compiled
    once per process and run again with only the member's id changed (accounts.backends)."""
    return Webinar.objects.upcoming(Now()).values(
        next_webinar=JSONObject(
            title="title",
            slug="slug",
            starts_at="starts_at",
            ends_at="ends_at",
            time_zone="time_zone",
        )
    )


def _moment(value: str) -> datetime.datetime:
    # PostgreSQL's JSON holds "2026-12-15T17:00:00+00:00", SQLite's a naive UTC time.
    moment = parse_datetime(value)
    if moment is None:
        raise ValueError(f"not a date and time: {value!r}")
    return moment if timezone.is_aware(moment) else moment.replace(tzinfo=datetime.UTC)


def _finish(value: dict | None) -> dict | None:
    """What templates/includes/side_column.html shows: title, address, date and time."""
    if not value:
        return None
    starts_at, ends_at = _moment(value["starts_at"]), _moment(value["ends_at"])
    return {
        "title": value["title"],
        "url": reverse("webinars:detail", kwargs={"slug": value["slug"]}),
        "is_live": starts_at <= timezone.now(),
        # Lazy: written when the page is drawn, in its language (the member, and so this
        # fact, is read before the member's language is known: accounts.languages).
        "when": lazy(times.when, str)(starts_at, ends_at, zoneinfo.ZoneInfo(value["time_zone"])),
    }


NEXT_WEBINAR = SideFact("next_webinar", query=_next_webinar, finish=_finish)

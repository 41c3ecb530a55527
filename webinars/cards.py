"""Webinar cards: what the list page (and the home page) shows for each webinar."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone

from webinars import times
from webinars.models import Registration, Webinar, WebinarPresenter


def webinar_cards(webinars, *, now: datetime.datetime, reader=None) -> list[dict]:
    """One dict per webinar for templates/webinars/_card.html. Prefetch
    "appearances__presenter" on `webinars` to keep it to one query for all presenters; a
    logged-in `reader` costs one more query, for "You're registered" on their webinars."""
    webinars = list(webinars)
    registered: set[int] = set()
    if reader is not None and reader.is_authenticated and webinars:
        registered = set(
            Registration.objects.filter(
                member=reader, webinar__in=webinars, cancelled_at__isnull=True
            ).values_list("webinar_id", flat=True)
        )
    return [
        _card(
            webinar,
            now=now,
            is_registered=webinar.pk in registered,
            presenters=[appearance.presenter for appearance in webinar.appearances.all()],
        )
        for webinar in webinars
    ]


def _card(webinar: Webinar, *, now: datetime.datetime, is_registered: bool, presenters) -> dict:
    return {
        "webinar": webinar,
        "status": webinar.status_at(now),
        "is_over": webinar.status_at(now) == Webinar.Status.ARCHIVED,
        "is_registered": is_registered,
        "when": times.when(webinar.starts_at, webinar.ends_at, webinar.zone),
        "presenters": presenters,
    }


def upcoming_webinar_cards(*, limit: int = 3, reader=None) -> list[dict]:
    """The next few webinars (live ones first), e.g. for the home page."""
    now = timezone.now()
    appearances = WebinarPresenter.objects.select_related("presenter")
    webinars = Webinar.objects.upcoming(now).prefetch_related(
        Prefetch("appearances", queryset=appearances)
    )[:limit]
    return webinar_cards(webinars, now=now, reader=reader)


def registered_webinar_cards(member, *, limit: int = 3) -> list[dict]:
    """The next webinars (live ones first) the member registered for and did not cancel, in
    ONE query (cards without presenters: the member's home page keeps to a few queries)."""
    now = timezone.now()
    webinars = Webinar.objects.upcoming(now).filter(
        registrations__member=member, registrations__cancelled_at__isnull=True
    )[:limit]
    return [_card(webinar, now=now, is_registered=True, presenters=[]) for webinar in webinars]

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from core.hooks import Hook


@dataclass(frozen=True)
class HeaderFact:
    """One fact the header shows about the member, read in the header's one query.

    `annotation(user)` is an expression on the member's own row (OuterRef("pk") is the member);
    `finish(user, value)` turns the value read into what templates get as `header.<name>`.
    A fact without an annotation is answered from the user object alone (value None).
    """

    name: str
    annotation: Callable[[Any], Any] | None = None
    finish: Callable[[Any, Any], Any] | None = None


# Apps register their header facts in AppConfig.ready(): accounts `can_moderate` and
# `is_mentor`, notifications `unread`.
header_facts: Hook[HeaderFact] = Hook("core.header_facts")


def site(request):
    """The few values every page's layout needs."""
    return {"site_name": settings.SITE_NAME}


def member_header(request):
    """The header's facts about the member, in ONE query, and only if the page shows them.

    `header.unread` is the unread-notification count; `header.can_moderate` shows the
    Moderation link and `header.is_mentor` the Mentors link (each is a HeaderFact registered
    in header_facts; accounts answers them with accounts.roles). Visitors cost nothing.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def load() -> dict:
        facts = header_facts.items
        queried = [fact for fact in facts if fact.annotation is not None]
        row = {}
        if queried:
            row = (
                get_user_model()
                .objects.filter(Q(pk=user.pk))
                .annotate(**{fact.name: fact.annotation(user) for fact in queried})  # type: ignore[misc]
                .values(*(fact.name for fact in queried))
                .get()
            )
        return {
            fact.name: fact.finish(user, row.get(fact.name)) if fact.finish else row.get(fact.name)
            for fact in facts
        }

    return {"header": SimpleLazyObject(load)}

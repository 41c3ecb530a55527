from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from core import side_column
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
    in header_facts; accounts answers them with accounts.roles). The side column's facts
    (`side.<name>`, core.side_column) are read in the same query. Visitors cost nothing
    here; their side column costs one query if the page shows it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"side": SimpleLazyObject(side_column.for_visitor)}
    row: dict = {}

    def load_row() -> dict:
        if "loaded" not in row:
            queried = {
                fact.name: fact.annotation(user)
                for fact in header_facts.items
                if fact.annotation is not None
            }
            queried.update(side_column.annotations())
            row.update(
                get_user_model()
                .objects.filter(Q(pk=user.pk))
                .annotate(**queried)
                .values(*queried)
                .get(),
                loaded=True,
            )
        return row

    def load_header() -> dict:
        values = load_row()
        return {
            fact.name: fact.finish(user, values.get(fact.name))
            if fact.finish
            else values.get(fact.name)
            for fact in header_facts.items
        }

    return {
        "header": SimpleLazyObject(load_header),
        "side": SimpleLazyObject(lambda: side_column.from_row(load_row())),
    }

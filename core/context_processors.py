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
    A fact without an annotation is answered by `finish(user, None)` alone (from the user
    object, or from the cache like notifications' unread count), when first asked.
    """

    name: str
    annotation: Callable[[Any], Any] | None = None
    finish: Callable[[Any, Any], Any] | None = None


# Apps register their header facts in AppConfig.ready(): accounts `can_moderate` and
# `is_mentor`, notifications `unread`, conversations `unread_messages`, moderation
# `suspension_id` (not shown: the thread page's reply form reads it).
header_facts: Hook[HeaderFact] = Hook("core.header_facts")

# Where the finished facts (and the side column's, core.side_column) are kept on the member
# object for the rest of the request.
_FACTS_ATTR = "_header_facts"
_SIDE_ATTR = "_side_facts"
# known_fact's default: the fact was not read with the member's row.
MISSING = object()


def annotate_header_facts(members, user):
    """`members` (a User queryset) with every fact's annotation as `header_<name>`, so the
    query that reads the logged-in member (accounts.backends) reads the facts too.

    `user` is what each annotation is given: at log-in time only a stand-in carrying the
    member's pk, so an annotation must use no more than `user.pk` (OuterRef("pk") is the row).
    """
    queried = [fact for fact in header_facts.items if fact.annotation is not None]
    return members.annotate(
        **{f"header_{fact.name}": fact.annotation(user) for fact in queried},  # type: ignore[misc]
        **side_column.annotations(),  # the side column's facts, in the same query
    )


class _Facts(dict):
    """The member's facts: those read with their row, finished at once; the others (no
    annotation: answered by `finish` from elsewhere, e.g. the unread count from the cache)
    finished on first use, so a page that shows no header never asks for them."""

    def __init__(self, user, pending: dict[str, HeaderFact]) -> None:
        super().__init__()
        self._user = user
        self._pending = pending

    def __missing__(self, name: str):
        fact = self._pending.pop(name)  # KeyError: no such fact
        value = self[name] = fact.finish(self._user, None) if fact.finish else None
        return value

    def __contains__(self, name: object) -> bool:
        return super().__contains__(name) or name in self._pending

    def get(self, name, default=None):
        # self[name] (not dict.get) finishes a pending fact.
        return self[name] if name in self else default  # noqa: SIM401


def keep_header_facts(user) -> None:
    """Finish the facts read with the member's row (annotate_header_facts) and keep them on
    the member for this request: the header then costs no query, and code that asks a fact
    (known_fact) gets the same answer. Facts without an annotation are finished when first
    asked (see _Facts)."""
    facts = _Facts(
        user, {fact.name: fact for fact in header_facts.items if fact.annotation is None}
    )
    for fact in header_facts.items:
        if fact.annotation is not None:
            value = getattr(user, f"header_{fact.name}", None)
            facts[fact.name] = fact.finish(user, value) if fact.finish else value
    setattr(user, _FACTS_ATTR, facts)
    setattr(user, _SIDE_ATTR, side_column.from_row(vars(user)))


def known_fact(user, name: str, default=MISSING):
    """A header fact already read with this member's row, else `default` (then ask yourself).

    Compare with `MISSING` to tell "not read" from a fact whose value is None.
    """
    facts = getattr(user, _FACTS_ATTR, None)
    if facts is None or name not in facts:
        return default
    return facts[name]


def site(request):
    """The few values every page's layout needs."""
    return {"site_name": settings.SITE_NAME}


def member_header(request):
    """The header's facts about the member, in ONE query, and only if the page shows them
    (none at all when they were read with the member's row, see annotate_header_facts).

    `header.unread` is the unread-notification count; `header.can_moderate` shows the
    Moderation link and `header.is_mentor` the Mentors link (each is a HeaderFact registered
    in header_facts; accounts answers them with accounts.roles). The side column's facts
    (`side.<name>`, core.side_column) are read in the same query. Visitors cost nothing
    here; their side column costs one query if the page shows it.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"side": SimpleLazyObject(side_column.for_visitor)}
    known = getattr(user, _FACTS_ATTR, None)
    if known is not None:  # read with the member's row at log-in (accounts.backends)
        return {"header": known, "side": getattr(user, _SIDE_ATTR, {})}
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

"""The side column of the main pages: beside the posts on wide screens, below them on phones.

It shows the page's group (when there is one), the next webinar and a "New here?" box.
Higher apps add what the column shows through `side_facts` (webinars: the next webinar),
registered in their AppConfig.ready(). A fact must not add queries per page:

- for a member it is one more column in the header's one query (a subquery annotated on
  the member's row, see core.context_processors.member_header), so it costs no query;
- for a visitor it is one small query when the page is rendered, and visitors' pages are
  then served from the page cache (core.page_cache), so usually none.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Subquery

from core.hooks import Hook


@dataclass(frozen=True)
class SideFact:
    """One thing the side column shows, the same for every reader.

    `query()` is a queryset selecting ONE value with `.values(name=...)` (e.g. a JSONObject of
    the next webinar's fields), unsliced; its first row is the fact. `finish(value)` turns
    the value read (None when there is no row) into what templates get as `side.<name>`.
    """

    name: str
    query: Callable[[], QuerySet]
    finish: Callable[[Any], Any]


side_facts: Hook[SideFact] = Hook("core.side_facts")


def annotations() -> dict[str, Subquery]:
    """The facts as subqueries, for the member's header query (one query for both)."""
    return {_column(fact): Subquery(fact.query()[:1]) for fact in side_facts}


def from_row(row: dict) -> dict[str, Any]:
    """The facts read as annotations (see `annotations`), finished for templates."""
    return {fact.name: fact.finish(row.get(_column(fact))) for fact in side_facts}


def for_visitor() -> dict[str, Any]:
    """The facts for a visitor: one query per fact (today one), paid when the page renders."""
    facts = {}
    for fact in side_facts:
        first = next(iter(fact.query()[:1]), None)
        facts[fact.name] = fact.finish(next(iter(first.values())) if first else None)
    return facts


def _column(fact: SideFact) -> str:
    return f"side_{fact.name}"

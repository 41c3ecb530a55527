"""Log-in backends that read the member and the header's facts in one query.

Every page a member opens reads their row (Django's AuthenticationMiddleware asks the
session's backend). These backends read it with the facts the header shows and the pages
ask (the moderator check, a suspension in force, unread conversations, the side column:
each a core.context_processors.HeaderFact or a core.side_column.SideFact), so a member's
page spends one query on "who is this" instead of several. The session itself is read
from the cache (SESSION_ENGINE "cached_db").

That query is built from a dozen nested subqueries. Building and compiling it with the ORM
cost about 12 ms of CPU on every page a member opened, more than the rest of a cached
page, so it is compiled ONCE per process (`_compiled`) with a stand-in id and run again with
the member's id put in its place. Nothing else in it varies: the facts compare times with
the database's clock (Now()), never with a parameter.

MemberBackend is allauth's backend (log-in by e-mail or handle); MemberModelBackend is
Django's (the admin's log-in form). Only `get_user` differs from theirs.
"""

from dataclasses import dataclass
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend
from django.db import connections

from accounts.models import User
from core import side_column
from core.context_processors import annotate_header_facts, header_facts, keep_header_facts

# A member id no member has (ids are positive): marks each place the member's id goes in the
# compiled query's parameters.
STAND_IN_ID = -7_919_000_000_001
LARGEST_ID = 2**63 - 1  # a bigger number is no member's id (and no database's integer)


@dataclass(frozen=True)
class _Query:
    sql: str
    params: tuple
    id_places: tuple[int, ...]
    # Each annotation's converters (a JSON value parsed, ...), which raw() does not apply.
    converters: tuple[tuple[str, Any, tuple], ...]

    def for_member(self, pk: int) -> tuple:
        params = list(self.params)
        for place in self.id_places:
            params[place] = pk
        return tuple(params)


_compiled: dict[tuple, _Query] = {}


def _member_query(using: str) -> _Query:
    """The log-in query, compiled once per process for the facts registered now."""
    shape = (using, header_facts.items, side_column.side_facts.items)
    query = _compiled.get(shape)
    if query is None:
        members = annotate_header_facts(
            User.objects.using(using).filter(pk=STAND_IN_ID), User(pk=STAND_IN_ID)
        )
        sql, params = members.query.get_compiler(using=using).as_sql()
        places = tuple(
            i for i, value in enumerate(params) if type(value) is int and value == STAND_IN_ID
        )
        if not places:  # never expected: the filter on pk always is one
            raise RuntimeError("the log-in query lost its member id")
        connection = connections[using]
        converters = tuple(
            (name, expression, tuple(_converters(expression, connection)))
            for name, expression in members.query.annotations.items()
        )
        query = _compiled[shape] = _Query(sql, tuple(params), places, converters)
    return query


def _converters(expression, connection) -> list:
    return [
        *connection.ops.get_db_converters(expression),
        *expression.get_db_converters(connection),
    ]


def member_with_facts(user_id) -> User | None:
    """The member with id `user_id` and their header facts, or None (no such member)."""
    try:
        pk = int(user_id)
    except (TypeError, ValueError):
        return None
    if not 0 < pk <= LARGEST_ID:
        return None
    using = User.objects.db
    query = _member_query(using)
    user = next(iter(User.objects.raw(query.sql, query.for_member(pk)).using(using)), None)
    if user is not None:
        connection = connections[using]
        for name, expression, converters in query.converters:
            value = getattr(user, name, None)
            for convert in converters:
                value = convert(value, expression, connection)
            setattr(user, name, value)
        keep_header_facts(user)
    return user


class _MemberWithFacts:
    def get_user(self, user_id):
        user = member_with_facts(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class MemberBackend(_MemberWithFacts, AuthenticationBackend):
    """allauth's log-in (by e-mail or handle), reading the member with their facts."""


class MemberModelBackend(_MemberWithFacts, ModelBackend):
    """Django's log-in (the admin's form), reading the member with their facts."""

"""Querysets compiled once per process, then run again with other ids.

Building a queryset of nested subqueries with the ORM and compiling it to SQL costs more CPU
than PostgreSQL spends running it: on a member's thread page the thread's query and the
posts' query took about two thirds of Django's time. Their SQL has the same shape for every
page of every thread read by every member of one kind (a member, a moderator), and only ids
differ. `run(key, build, **values)` builds and compiles the queryset ONCE per process and
`key`, with stand-in values, and later runs the same SQL with the real ones in their places,
through Django's own iterator (so select_related, annotations, converters and the query
log all work as usual).

Rules for a query run this way:
- everything that changes the SQL's shape goes into `key` (who reads: visitor, member,
  moderator; which hooks are registered). Ids (ints), days (dates, e.g. the site's
  today) and texts (a slug) go into `values`, and nothing else varies: no time parameter
  (use the database's Now()), no list whose length varies. A day or time left in the
  parameters is refused when it is compiled; a query whose values cannot all be placed
  (SQLite passes days as text) runs through the ORM as usual;
- `build(**stand_ins)` must use each value it is given.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet

# Stand-ins no real value equals (ids are positive, days are recent): each marks where one
# of the values goes in the parameters.
_STAND_IN_IDS = tuple(-7_919_000_000_101 - n for n in range(16))
_STAND_IN_DAYS = tuple(datetime.date(1001 + n, 1, 1) for n in range(16))
_STAND_IN_TEXTS = tuple(f"\x00precompiled stand-in {n}\x00" for n in range(16))
# An id out of this range is no row's id (nor a database integer): the query finds nothing.
_LARGEST = 2**63 - 1

type Value = int | datetime.date | str


@dataclass(frozen=True)
class _Compiled:
    queryset: QuerySet
    compiler: Any
    sql: str
    params: tuple
    places: tuple[tuple[int, str], ...]  # (parameter index, id name)


_compiled: dict[Hashable, _Compiled | None] = {}


def _stand_in(name: str, value: Value, n: int) -> Value:
    if isinstance(value, datetime.datetime):
        raise TypeError(f"precompiled query: {name} is a time (use the database's Now())")
    if isinstance(value, str):
        return _STAND_IN_TEXTS[n]
    return _STAND_IN_DAYS[n] if isinstance(value, datetime.date) else _STAND_IN_IDS[n]


def _compile(build: Callable[..., QuerySet], values: dict[str, Value]) -> _Compiled | None:
    stand_ins = {
        name: _stand_in(name, value, n) for n, (name, value) in enumerate(sorted(values.items()))
    }
    queryset = build(**stand_ins)
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    named = {value: name for name, value in stand_ins.items()}
    places = tuple(
        (index, named[value])
        for index, value in enumerate(params)
        if isinstance(value, (int, datetime.date, str))
        and not isinstance(value, bool)
        and value in named
    )
    if {name for _, name in places} != set(values):
        # A value not found among the parameters (unused, or adapted by the database's
        # backend: SQLite passes days as text): this query is run through the ORM instead.
        return None
    if any(
        isinstance(value, (datetime.date, datetime.datetime))
        for index, value in enumerate(params)
        if index not in dict(places)
    ):
        raise RuntimeError("precompiled query: a day or time is not one of its values")
    return _Compiled(queryset, compiler, sql, tuple(params), places)


def run(key: Hashable, build: Callable[..., QuerySet], **values: Value) -> list:
    """The rows of `build(**values)`, compiled once per process for `key` (see the module).
    Values are ids (ints), days (dates) and texts (a slug)."""
    if len(values) > len(_STAND_IN_IDS):
        raise ValueError("precompiled query: too many values")
    if any(
        isinstance(value, int) and not -_LARGEST <= value <= _LARGEST for value in values.values()
    ):
        return []
    if key not in _compiled:
        _compiled[key] = _compile(build, values)
    compiled = _compiled[key]
    if compiled is None:  # not precompilable here (see _compile): the ORM, as usual
        return list(build(**values))
    params = list(compiled.params)
    for index, name in compiled.places:
        # The same type as compiled (psycopg's Int4 for an integer column, ...).
        value = values[name]
        params[index] = type(params[index])(value) if isinstance(value, int) else value
    sql, ready = compiled.sql, tuple(params)
    compiler = copy.copy(compiled.compiler)
    # The compiler keeps the connection it was made with, which belongs to the thread that
    # compiled it: run on this thread's own (threaded servers: runserver, live_server).
    compiler.connection = connections[compiled.queryset.db]
    compiler.as_sql = lambda *args, **kwargs: (sql, ready)
    queryset = compiled.queryset._chain()  # type: ignore[attr-defined]
    queryset.query = copy.copy(queryset.query)
    queryset.query.get_compiler = lambda *args, **kwargs: compiler
    return list(queryset)

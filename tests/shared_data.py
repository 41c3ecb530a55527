"""Data built once for a whole test module, for tables of tests that only read it.

Building the demo community takes seconds; the every-URL tables need it in each of their
tests. `kept_for_the_module()` builds it once inside an outer transaction that is rolled back
when the module's last test has run, as Django's TestCase.setUpTestData does: each test
still runs in its own savepoint (pytest-django's `db`), so whatever a test writes is undone
before the next, and nothing the module built outlives it.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def kept_for_the_module[T](django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """Use in a module-scoped fixture: `with kept_for_the_module(django_db_blocker, Demo.load)
    as demo: yield demo`. The tests must use the database the usual way (`db`), not
    `transaction=True`, whose table flush would end the outer transaction."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        # Marked as Django's TestCase marks its own, so durable atomics still work inside.
        outer._from_testcase = True  # type: ignore[attr-defined]
        outer.__enter__()
        try:
            built = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

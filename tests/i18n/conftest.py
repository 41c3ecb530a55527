"""Fixtures of the translation tests (tests/i18n/harness.py says how to use them).

The demo community is loaded once per test module, in a transaction rolled back at the
module's end (loading it takes seconds; each test only reads it, inside its own savepoint).
"""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.every_url import Demo
from tests.i18n.harness import I18nChecker
from tests.i18n.pseudo import pseudo_language


@pytest.fixture(scope="module")
def i18n_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        demo = Demo.load()
        yield demo
        transaction.set_rollback(True)


@pytest.fixture
def i18n(i18n_demo, db):
    with pseudo_language() as pseudo:
        yield I18nChecker(demo=i18n_demo, pseudo=pseudo)

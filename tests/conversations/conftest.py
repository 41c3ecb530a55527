import datetime

import pytest
from django.utils import timezone

from conversations import services
from tests.factories import MemberFactory

LONG_AGO = datetime.timedelta(days=30)


def established(handle: str, **fields):
    """A member who joined a month ago (the approved-post rule is off in these tests unless
    a test turns it on)."""
    return MemberFactory(
        handle=handle,
        display_name=handle.capitalize(),
        date_joined=timezone.now() - LONG_AGO,
        **fields,
    )


@pytest.fixture(autouse=True)
def _rules(settings):
    settings.CONVERSATIONS_MIN_DAYS = 2
    settings.CONVERSATIONS_MIN_APPROVED_POSTS = 0


@pytest.fixture
def ana(db):
    return established("ana")


@pytest.fixture
def ben(db):
    return established("ben")


@pytest.fixture
def cleo(db):
    return established("cleo")


@pytest.fixture
def chat(ana, ben):
    """Ana wrote to Ben."""
    return services.start_conversation(
        starter=ana, recipients=[ben], title="Scan day", body="How did it go today?"
    )

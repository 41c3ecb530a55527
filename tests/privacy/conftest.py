import pytest

from community import services
from community.models import Group
from tests.factories import MemberFactory


@pytest.fixture
def writer(db):
    return MemberFactory(handle="walt", display_name="Walt")


@pytest.fixture
def open_group(db):
    return Group.objects.create(name="Transplants", slug="transplants")


@pytest.fixture
def closed_group(db):
    return Group.objects.create(
        name="Private circle", slug="private-circle", visibility=Group.Visibility.MEMBERS
    )


@pytest.fixture
def unlisted_group(db):
    return Group.objects.create(
        name="Quiet corner", slug="quiet-corner", visibility=Group.Visibility.UNLISTED
    )


@pytest.fixture
def closed_thread(closed_group, writer, member):
    thread = services.create_thread(
        group=closed_group,
        author=writer,
        title="Secret sorrow about my biopsy",
        body="Zanzibar marmalade confession.",
    )
    services.create_reply(thread=thread, author=member, body="Quixotic tangerine reply.")
    return thread


@pytest.fixture
def open_thread(open_group, writer):
    return services.create_thread(
        group=open_group, author=writer, title="Walking again", body="Brisk walks help."
    )

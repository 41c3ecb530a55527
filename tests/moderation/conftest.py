import pytest

from tests.factories import MemberFactory
from tests.moderation.factories import make_group, make_post


@pytest.fixture(autouse=True)
def moderation_rules(settings):
    """The production defaults: a new member's first post waits, five posts an hour, two links."""
    settings.PREMODERATE_FIRST_POSTS = 1
    settings.NEW_MEMBER_POSTS_PER_HOUR = 5
    settings.NEW_MEMBER_MAX_LINKS_PER_POST = 2


@pytest.fixture
def group(db):
    return make_group("Transplants")


@pytest.fixture
def thread(member, group):
    """A thread started by `member`, with its published first post."""
    return make_post(author=member, group=group, text="Hello everyone.").thread


@pytest.fixture
def reply(thread, other_member):
    """A published reply by `other_member` in `thread`."""
    return make_post(author=other_member, thread=thread, text="Welcome, glad you're here.")


@pytest.fixture
def flaggers(db):
    return [MemberFactory(handle=f"flagger{n}") for n in range(3)]


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client

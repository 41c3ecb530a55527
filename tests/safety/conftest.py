import pytest

from community import services as community_services
from community.models import Group
from safety.defaults import ensure_defaults


@pytest.fixture(autouse=True)
def crisis_defaults(db):
    """The default phrases and resources (a transactional test elsewhere may have flushed
    what the data migration wrote)."""
    ensure_defaults()


@pytest.fixture
def group(db):
    return Group.objects.create(name="Living with cancer", slug="living-with-cancer")


@pytest.fixture
def thread(group, other_member):
    return community_services.create_thread(
        group=group, author=other_member, title="Scan results day", body="How do you cope?"
    )


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client

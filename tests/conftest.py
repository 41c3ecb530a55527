import pytest
from django.contrib.auth.models import Group, Permission

from accounts.models import MODERATORS_GROUP
from tests.factories import PASSWORD, MemberFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached pages live in Redis: each test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """A request in Spanish leaves Spanish active in the thread (LocaleMiddleware activates
    the request's language and nothing switches it back): each test starts in the default."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def member(db):
    return MemberFactory(handle="june", display_name="June")


@pytest.fixture
def other_member(db):
    return MemberFactory(handle="sam", display_name="Sam")


@pytest.fixture
def moderator(db):
    user = MemberFactory(handle="rosa", display_name="Rosa")
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="moderation"))
    user.groups.add(group)
    return user


@pytest.fixture
def staff(db):
    return MemberFactory(handle="staffer", display_name="Staff Person", is_staff=True)


@pytest.fixture
def admin_user(db):
    return MemberFactory(handle="boss", display_name="Admin", is_staff=True, is_superuser=True)


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client

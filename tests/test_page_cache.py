"""Visitors get cached pages; any change they would notice shows on their next request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from community import services
from community.models import Group
from core import page_cache
from moderation import services as moderation
from safety.services import redact_passage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def thread(member):
    group = Group.objects.create(name="Transplants", slug="transplants")
    return services.create_thread(
        group=group, author=member, title="Clinic days", body="What do you bring along?"
    )


def visitor_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_second_visitor_gets_the_thread_page_without_touching_the_database(client, thread):
    first, page = visitor_queries(client, thread.get_absolute_url())
    again, same = visitor_queries(client, thread.get_absolute_url())

    assert first > 0
    assert again == 0
    assert same == page


def test_a_new_reply_shows_to_the_next_visitor_at_once(client, thread, other_member):
    visitor_queries(client, thread.get_absolute_url())

    services.create_reply(thread=thread, author=other_member, body="A notebook of questions.")

    _, page = visitor_queries(client, thread.get_absolute_url())
    assert "A notebook of questions." in page
    _, home = visitor_queries(client, "/")
    assert "1 reply" in home


def test_a_post_hidden_by_a_moderator_disappears_for_visitors_at_once(
    client, thread, other_member, moderator
):
    reply = services.create_reply(thread=thread, author=other_member, body="My number is 555 0101")
    assert "555 0101" in visitor_queries(client, thread.get_absolute_url())[1]

    moderation.hide_post(post=reply, by=moderator, reason="Shares a phone number")

    assert "555 0101" not in visitor_queries(client, thread.get_absolute_url())[1]


def test_members_always_get_a_freshly_rendered_page(client, thread, other_member):
    client.force_login(other_member)
    client.get(thread.get_absolute_url())  # the header's unread count is now in the cache
    first, _ = visitor_queries(client, thread.get_absolute_url())
    again, _ = visitor_queries(client, thread.get_absolute_url())

    assert again == first > 0


def test_a_page_is_rendered_as_usual_when_the_cache_is_down(client, thread, settings):
    # Django resets its cache connections when the setting changes.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    _, page = visitor_queries(client, thread.get_absolute_url())

    assert "What do you bring along?" in page


def test_a_group_made_members_only_in_the_admin_vanishes_for_visitors_at_once(
    client, thread, admin_user
):
    assert "What do you bring along?" in visitor_queries(client, thread.get_absolute_url())[1]
    group = thread.group
    admin = Client()
    admin.force_login(admin_user)
    admin.post(
        f"/admin/community/group/{group.pk}/change/",
        {
            "name": group.name,
            "slug": group.slug,
            "description": "",
            "visibility": "members",
            "position": 0,
        },
    )
    group.refresh_from_db()
    assert group.visibility == "members"

    response = client.get(thread.get_absolute_url())

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_redacted_passage_disappears_for_visitors_at_once(client, thread, member):
    reply = services.create_reply(
        thread=thread, author=member, body="Call me on 555 0199 any evening."
    )
    assert "555 0199" in visitor_queries(client, thread.get_absolute_url())[1]

    redact_passage(post=reply, by=member, passage="555 0199", reason="My own number")

    assert "555 0199" not in visitor_queries(client, thread.get_absolute_url())[1]


def test_each_host_gets_its_own_cached_page(client, thread):
    url = thread.get_absolute_url()
    client.get(url, HTTP_HOST="forum.example.org")
    with CaptureQueriesContext(connection) as same_host:
        client.get(url, HTTP_HOST="forum.example.org")

    with CaptureQueriesContext(connection) as other_host:
        response = client.get(url, HTTP_HOST="community.example.net")

    assert len(same_host) == 0
    assert len(other_host) > 0  # rendered for this host, not served from the other's cache
    assert "What do you bring along?" in response.content.decode()


def test_an_evicted_version_never_makes_an_old_page_valid_again(
    client, thread, other_member, moderator
):
    reply = services.create_reply(thread=thread, author=other_member, body="My number is 555 0101")
    scope_keys = [page_cache._version_key(s) for s in (page_cache.SITE, f"thread:{thread.pk}")]
    cache.delete_many(scope_keys)  # Redis evicted the versions before the page was stored
    assert "555 0101" in visitor_queries(client, thread.get_absolute_url())[1]

    moderation.hide_post(post=reply, by=moderator, reason="Shares a phone number")
    cache.delete_many(scope_keys)  # and evicts them again after the bump

    assert "555 0101" not in visitor_queries(client, thread.get_absolute_url())[1]

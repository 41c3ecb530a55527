"""The header's unread count, kept in the cache (notifications.unread): counted once, then
read from the cache, and never wrong when a notification arrives or is read, when its post
is hidden, deleted or restored, for a moderator, or with the cache down."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import services as community
from community.models import Group
from moderation import services as moderation
from notifications import services, unread

pytestmark = pytest.mark.django_db

CLOSED_PORT = "redis://127.0.0.1:1/0"
COUNT = re.compile(r'aria-label="(\d+) unread">')


def shown(client) -> tuple[int, int]:
    """The count the header shows on the member's account page, and the queries it took
    beyond the page's own (0 when the count came from the cache)."""
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/groups/").content.decode()
    counted = sum("notifications_notification" in q["sql"] for q in captured.captured_queries)
    found = COUNT.search(html.split("/notifications/", 1)[1])
    return (int(found.group(1)) if found else 0), counted


@pytest.fixture
def replies(member, other_member):
    """Two replies by Sam in June's thread: June is notified of each."""
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    thread = community.create_thread(group=group, author=member, title="Sleep", body="How?")
    return [
        community.create_reply(thread=thread, author=other_member, body=f"Reply {n}")
        for n in (1, 2)
    ]


def test_the_count_is_kept_and_follows_new_and_read_notifications(
    client, member, other_member, replies
):
    client.force_login(member)
    assert shown(client) == (2, 1)
    assert shown(client) == (2, 0)  # kept: no query

    community.create_reply(thread=replies[0].thread, author=other_member, body="Reply 3")
    assert shown(client) == (3, 1)

    first = member.notifications.order_by("pk").first()
    services.mark_read(member=member, notification_id=first.pk)
    assert shown(client) == (2, 1)
    services.mark_all_read(member=member)
    assert shown(client) == (0, 1)


@pytest.mark.parametrize("change", ["hidden", "deleted"])
def test_a_notification_whose_post_is_no_longer_readable_leaves_the_count(
    client, member, other_member, moderator, replies, change, django_capture_on_commit_callbacks
):
    client.force_login(member)
    assert shown(client)[0] == 2
    with django_capture_on_commit_callbacks(execute=True):
        if change == "hidden":
            moderation.hide_post(post=replies[0], by=moderator, reason="Off topic")
        else:
            community.delete_own_post(post=replies[0], member=other_member)
    assert shown(client) == (1, 1)

    if change == "hidden":
        with django_capture_on_commit_callbacks(execute=True):
            moderation.restore_post(post=replies[0], by=moderator)
        assert shown(client) == (2, 1)


def test_a_moderator_keeps_counting_what_they_may_read(
    client, moderator, other_member, django_capture_on_commit_callbacks
):
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    thread = community.create_thread(group=group, author=moderator, title="Sleep", body="How?")
    reply = community.create_reply(thread=thread, author=other_member, body="A reply")
    client.force_login(moderator)
    assert shown(client)[0] == 1
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(post=reply, by=moderator, reason="Off topic")
    assert shown(client)[0] == 1  # moderators read hidden posts


def test_with_the_cache_down_the_count_is_counted_every_time(client, settings, member, replies):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.fail_open_cache.FailOpenRedisCache",
            "LOCATION": CLOSED_PORT,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    client.force_login(member)
    assert shown(client) == (2, 1)
    services.mark_all_read(member=member)
    assert shown(client) == (0, 1)


def test_a_count_made_before_a_commit_is_not_kept_after_it(member, replies):
    """A page counting while a new notification commits: its count is under the version
    from before the bump, so the next page counts again."""
    stale = unread.unread_count(member)
    unread._bump([member.pk])  # what changed() does after the commit
    member.notifications.update(read_at=None)
    assert unread.unread_count(member) == stale  # nothing else changed
    member.notifications.all().delete()
    unread._bump([member.pk])
    assert unread.unread_count(member) == 0

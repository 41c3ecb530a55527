"""The one readable-content rule, where callers used to forget half of it (issue 14)."""

import pytest

from community import services
from community.models import Group, Post, Reaction, Thread
from moderation import services as moderation
from moderation.models import Flag
from notifications.models import Notification, ThreadMute

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_thread(member, other_member, moderator):
    """A thread whose first post moderators hid, with a published reply in it."""
    group = Group.objects.create(name="Transplants", slug="transplants")
    thread = services.create_thread(
        group=group, author=member, title="Secret title words", body="Opening"
    )
    services.create_reply(thread=thread, author=member, body="A reply in the hidden thread")
    moderation.hide_post(post=thread.posts.get(position=1), by=moderator, reason="Not here")
    return thread


def _reply(thread) -> Post:
    return thread.posts.get(position=2)


def test_flagging_a_reply_in_a_hidden_thread_is_a_404_without_its_text(
    client, other_member, hidden_thread
):
    client.force_login(other_member)
    url = f"/p/{_reply(hidden_thread).pk}/flag/"
    page = client.get(url)
    assert page.status_code == 404
    assert "A reply in the hidden thread" not in page.content.decode()
    assert client.post(url, {"reason": "spam"}).status_code == 404
    assert not Flag.objects.exists()


def test_muting_a_hidden_thread_is_a_404_that_never_names_it(client, other_member, hidden_thread):
    client.force_login(other_member)
    response = client.post(f"/notifications/mute/thread/{hidden_thread.pk}/", follow=True)
    assert response.redirect_chain == []
    assert response.status_code == 404
    assert "Secret title words" not in response.content.decode()
    assert not ThreadMute.objects.exists()


def test_reacting_to_a_reply_in_a_hidden_thread_is_a_404(client, other_member, hidden_thread):
    client.force_login(other_member)
    response = client.post(f"/p/{_reply(hidden_thread).pk}/react/", {"kind": "hug"})
    assert response.status_code == 404
    assert not Reaction.objects.exists()


def test_the_author_and_moderators_still_read_the_hidden_thread(member, moderator, hidden_thread):
    for reader in (member, moderator):
        assert Post.objects.readable_by(reader).filter(pk=_reply(hidden_thread).pk).exists()
        assert Thread.objects.readable_by(reader).filter(pk=hidden_thread.pk).exists()


def test_quoting_a_post_the_member_may_not_read_keeps_their_text_and_posts_nothing(
    client, other_member, member, moderator
):
    group = Group.objects.create(name="Open", slug="open")
    thread = services.create_thread(group=group, author=member, title="Open talk", body="Hi")
    quoted = services.create_reply(thread=thread, author=member, body="Soon hidden words")
    moderation.hide_post(post=quoted, by=moderator, reason="Personal details")
    client.force_login(other_member)
    before = Post.objects.count()
    response = client.post(
        f"/t/{thread.pk}/{thread.slug}/reply/",
        {"body": "My careful answer", "reply_to": quoted.pk},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert Post.objects.count() == before
    assert "My careful answer" in page
    assert "no longer available" in page
    assert "Soon hidden words" not in page


def test_followers_hear_nothing_of_replies_in_a_thread_whose_first_post_is_hidden(
    other_member, member, hidden_thread, django_capture_on_commit_callbacks
):
    services.follow_thread(thread=hidden_thread, member=other_member)
    with django_capture_on_commit_callbacks(execute=True):
        services.create_reply(thread=hidden_thread, author=member, body="Another reply")
    assert not Notification.objects.filter(recipient=other_member).exists()


def test_the_inbox_leaves_out_notifications_about_posts_hidden_since(
    client, other_member, member, moderator, django_capture_on_commit_callbacks
):
    group = Group.objects.create(name="Open", slug="open")
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.create_thread(group=group, author=member, title="Named talk", body="Hi")
        services.follow_thread(thread=thread, member=other_member)
        services.create_reply(thread=thread, author=member, body="A reply")
    client.force_login(other_member)
    assert "Named talk" in client.get("/notifications/").content.decode()
    moderation.hide_post(post=thread.posts.get(position=1), by=moderator, reason="Not here")
    assert "Named talk" not in client.get("/notifications/").content.decode()

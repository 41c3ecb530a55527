"""Who sees what: published for everyone, own pending/hidden posts for their author,
everything for moderators, and a hidden post's text for nobody else."""

import pytest

from community import services
from community.models import Post, Thread
from tests.community.conftest import post_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_reply(thread, other_member):
    post = services.create_reply(thread=thread, author=other_member, body="Secret recipe")
    Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN, hidden_reason="Off topic")
    return post


@pytest.fixture
def pending_reply(thread, other_member):
    post = services.create_reply(thread=thread, author=other_member, body="Waiting words")
    Post.objects.filter(pk=post.pk).update(status=Post.Status.PENDING)
    return post


def test_visible_to_gives_each_reader_the_right_posts(
    thread, member, other_member, moderator, hidden_reply, pending_reply
):
    from django.contrib.auth.models import AnonymousUser

    def seen(user):
        return set(Post.objects.readable_by(user).values_list("position", flat=True))

    assert seen(AnonymousUser()) == {1}
    assert seen(member) == {1}
    assert seen(other_member) == {1, 2, 3}
    assert seen(moderator) == {1, 2, 3}


def test_a_hidden_post_is_a_short_placeholder_for_others(client, thread, hidden_reply):
    page = client.get(thread.get_absolute_url()).content.decode()
    assert f'id="post-{hidden_reply.pk}"' in page
    assert "A moderator hid this post." in page
    assert "Secret recipe" not in page and "Off topic" not in page


def test_the_author_sees_their_hidden_post_with_the_reason(client, thread, hidden_reply):
    client.force_login(hidden_reply.author)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Secret recipe" in page and "Hidden by a moderator" in page
    assert "Reason: Off topic" in page


def test_a_pending_post_shows_only_to_its_author_and_moderators(
    client, thread, pending_reply, moderator, member
):
    assert "Waiting words" not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(member)
    assert "Waiting words" not in client.get(thread.get_absolute_url()).content.decode()
    assert client.get(f"/p/{pending_reply.pk}/").status_code == 404
    client.force_login(pending_reply.author)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Waiting words" in page and "Waiting for a moderator" in page
    client.force_login(moderator)
    assert "Waiting words" in client.get(thread.get_absolute_url()).content.decode()


def test_a_thread_whose_first_post_waits_is_private(client, group, other_member, member):
    thread = services.create_thread(group=group, author=other_member, title="Pending one", body="x")
    Post.objects.filter(thread=thread).update(status=Post.Status.PENDING)
    assert client.get(thread.get_absolute_url()).status_code == 404
    assert "Pending one" not in client.get("/groups/transplants/").content.decode()
    client.force_login(other_member)
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert Thread.objects.readable_by(member).count() == 0


def test_hidden_posts_keep_their_position_and_the_pages_stay_put(client, make_thread):
    thread = make_thread(posts=25)
    Post.objects.filter(thread=thread, position=5).update(status=Post.Status.HIDDEN)
    target = post_at(thread, 21)
    assert client.get(f"/p/{target.pk}/")["Location"].endswith(f"?page=2#post-{target.pk}")


def test_history_of_a_hidden_post_is_not_shown_to_others(client, member, hidden_reply):
    client.force_login(member)
    assert client.get(f"/p/{hidden_reply.pk}/history/").status_code == 404

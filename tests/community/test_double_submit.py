"""A post form sent twice (a double tap, a resent form, two requests at once) makes one post.

Reply and new-thread forms carry a one-time token as a plain hidden input; the post keeps it
under a unique constraint (author, token), so the second request lands on the first post.
"""

import re
import threading
import uuid

import pytest
from django.db import connection
from django.utils import timezone

from community import services
from community.models import Group, Post, PostRevision, Thread
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def token_in(page: str) -> str:
    match = re.search(r'<input type="hidden" name="submission_token" value="([0-9a-f-]+)"', page)
    assert match, "the form carries no submission token"
    return match.group(1)


def test_each_reply_form_carries_its_own_token_as_a_hidden_input(member_client, thread):
    first = token_in(member_client.get(thread.get_absolute_url()).content.decode())
    second = token_in(member_client.get(thread.get_absolute_url()).content.decode())
    assert first != second


def test_the_same_reply_sent_twice_makes_one_post_and_the_second_click_shows_it(
    client, thread, other_member
):
    client.force_login(other_member)
    url = f"{thread.get_absolute_url()}reply/"
    token = token_in(client.get(thread.get_absolute_url()).content.decode())
    data = {"body": "Thank you, that helps", "submission_token": token}

    first = client.post(url, data)
    second = client.post(url, data, follow=True)

    posts = Post.objects.filter(thread=thread, author=other_member)
    assert posts.count() == 1
    reply = posts.get()
    assert first.status_code == 302
    assert second.redirect_chain[-1][0] == first.url
    assert first.url.endswith(f"#post-{reply.pk}")
    page = second.content.decode()
    assert "You had already posted this reply: here it is." in page
    assert page.count("Thank you, that helps") == 1
    thread.refresh_from_db()
    assert thread.reply_count == 1


def test_the_same_new_thread_form_sent_twice_starts_one_discussion(client, group, member):
    client.force_login(member)
    url = f"/groups/{group.slug}/new/"
    token = token_in(client.get(url).content.decode())
    data = {"title": "Sleep after surgery", "body": "How do you sleep?", "submission_token": token}

    first = client.post(url, data)
    second = client.post(url, data, follow=True)

    assert Thread.objects.filter(title="Sleep after surgery").count() == 1
    assert second.redirect_chain[-1][0] == first.url
    assert "You had already started this discussion: here it is." in second.content.decode()


def test_the_same_token_with_new_text_is_kept_as_a_new_post(client, thread, other_member):
    """After the Back button a member may write something else in the same form: not lost."""
    client.force_login(other_member)
    url = f"{thread.get_absolute_url()}reply/"
    token = str(uuid.uuid4())

    client.post(url, {"body": "First thought", "submission_token": token})
    client.post(url, {"body": "Second thought", "submission_token": token})

    bodies = Post.objects.filter(thread=thread, author=other_member).values_list(
        "body_markdown", flat=True
    )
    assert sorted(bodies) == ["First thought", "Second thought"]


def test_another_members_token_never_returns_their_post(client, thread, member, other_member):
    token = uuid.uuid4()
    services.create_reply(thread=thread, author=member, body="Mine", submission_token=token)
    client.force_login(other_member)

    client.post(f"{thread.get_absolute_url()}reply/", {"body": "Mine", "submission_token": token})

    assert Post.objects.filter(thread=thread, author=other_member, body_markdown="Mine").exists()


def test_a_form_without_a_token_still_posts(client, thread, other_member):
    client.force_login(other_member)
    url = f"{thread.get_absolute_url()}reply/"
    assert client.post(url, {"body": "No JavaScript, no token"}).status_code == 302
    assert client.post(url, {"body": "No JavaScript, no token"}).status_code == 302
    assert Post.objects.filter(thread=thread, author=other_member).count() == 2


def test_an_edit_sent_twice_keeps_one_earlier_version(client, thread, member):
    post = thread.posts.get()
    client.force_login(member)
    data = {"title": thread.title, "body": "What helped you most?"}

    client.post(f"/p/{post.pk}/edit/", data)
    client.post(f"/p/{post.pk}/edit/", data)

    assert PostRevision.objects.filter(post=post).count() == 1
    post.refresh_from_db()
    assert post.body_markdown == "What helped you most?"


def test_a_new_members_refused_post_still_counts_towards_the_hourly_limit(client, settings, thread):
    """The attempt is counted before the text is rendered, so a request killed while
    rendering cannot post again and again for free."""
    settings.NEW_MEMBER_POSTS_PER_HOUR = 1
    settings.NEW_MEMBER_MAX_LINKS_PER_POST = 0
    newcomer = MemberFactory(date_joined=timezone.now())
    client.force_login(newcomer)
    url = f"{thread.get_absolute_url()}reply/"

    refused = client.post(url, {"body": "See https://example.org"})
    again = client.post(url, {"body": "No links this time"})

    assert "new members can include no links" in refused.content.decode()
    assert "New members can post 1 time an hour" in again.content.decode()
    assert not Post.objects.filter(author=newcomer).exists()


def _at_once(count: int, action) -> list[Exception]:
    """Runs action() in `count` threads released together; returns what they raised."""
    start = threading.Barrier(count)
    errors: list[Exception] = []

    def run():
        try:
            start.wait()
            action()
        except Exception as error:  # noqa: BLE001 (reported by the caller)
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return errors


@pytest.mark.django_db(transaction=True)
def test_simultaneous_replies_from_one_form_make_one_post():
    starter, replier = MemberFactory(), MemberFactory()
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    thread = services.create_thread(group=group, author=starter, title="Busy day", body="Hi")
    token = uuid.uuid4()
    returned: list[int] = []

    def reply():
        post = services.create_reply(
            thread=thread, author=replier, body="Same tap", submission_token=token
        )
        returned.append(post.pk)

    errors = _at_once(4, reply)

    assert errors == []
    posts = Post.objects.filter(thread=thread, author=replier)
    assert posts.count() == 1
    assert set(returned) == {posts.get().pk}
    thread = Thread.objects.get(pk=thread.pk)
    assert (thread.last_position, thread.reply_count) == (2, 1)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_new_threads_from_one_form_start_one_discussion():
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    author = MemberFactory()
    token = uuid.uuid4()

    def start():
        services.create_thread(
            group=group, author=author, title="Twice?", body="Once", submission_token=token
        )

    errors = _at_once(4, start)

    assert errors == []
    assert Thread.objects.filter(group=group).count() == 1
    group.refresh_from_db()
    assert group.thread_count == 1

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.models import Post
from moderation import services
from tests.factories import MemberFactory
from tests.moderation.factories import make_post, open_flag

pytestmark = pytest.mark.django_db

QUEUE = reverse("moderation:queue")


def fill_queue(n: int, thread) -> None:
    """n items: alternately a newcomer's pending post and a flagged post, each by a new author."""
    for i in range(n):
        author = MemberFactory()
        if i % 2:
            post = make_post(author=author, thread=thread)
            open_flag(post, flagger=MemberFactory(), reason="spam")
        else:
            make_post(author=author, thread=thread, status=Post.Status.PENDING)


def test_members_get_403_and_visitors_log_in(client, member):
    assert client.get(QUEUE)["Location"].startswith("/accounts/login/")
    client.force_login(member)
    response = client.get(QUEUE)
    assert response.status_code == 403
    assert "You can't do that here" in response.content.decode()


def test_an_empty_queue_says_so(moderator_client):
    html = moderator_client.get(QUEUE).content.decode()
    assert "Nothing is waiting" in html


def test_the_queue_holds_pending_and_flagged_posts_oldest_first(moderator_client, thread):
    now = timezone.now()
    flagged = make_post(author=MemberFactory(handle="flagged_author"), thread=thread)
    open_flag(
        flagged,
        flagger=MemberFactory(),
        reason="abusive",
        note="Called someone a fool",
        created_at=now - datetime.timedelta(hours=5),
    )
    pending = make_post(
        author=MemberFactory(handle="newcomer"), thread=thread, status=Post.Status.PENDING
    )
    nine_hours_ago = now - datetime.timedelta(hours=9)
    Post.objects.filter(pk=pending.pk).update(
        created_at=nine_hours_ago, review_since=nine_hours_ago
    )
    ordinary = make_post(author=MemberFactory(handle="ordinary"), thread=thread)

    html = moderator_client.get(QUEUE).content.decode()

    assert html.index(f'id="queue-post-{pending.pk}"') < html.index(f'id="queue-post-{flagged.pk}"')
    assert f'id="queue-post-{ordinary.pk}"' not in html
    assert "Waiting for a moderator" in html
    assert "Called someone a fool" in html
    assert thread.title in html and thread.group.name in html
    assert html.count('name="csrfmiddlewaretoken"') == html.count('<form method="post"')


def test_the_queue_shows_the_authors_history(moderator_client, moderator, thread):
    author = MemberFactory(handle="repeat")
    old = make_post(author=author, thread=thread)
    services.hide_post(post=old, by=moderator, reason="Unkind.")
    services.warn_member(member=author, by=moderator, message="Please be kind.")
    post = make_post(author=author, thread=thread)
    open_flag(post, flagger=MemberFactory(), reason="abusive")

    html = moderator_client.get(QUEUE).content.decode()

    item = html[html.index(f'id="queue-post-{post.pk}"') :]
    assert "1 hidden" in item
    assert "1 warning" in item


def test_a_post_leaves_the_queue_once_dealt_with(moderator_client, thread):
    pending = make_post(author=MemberFactory(), thread=thread, status=Post.Status.PENDING)

    moderator_client.post(reverse("moderation:post-approve", args=[pending.pk]))

    assert f'id="queue-post-{pending.pk}"' not in moderator_client.get(QUEUE).content.decode()


def queries_for_queue(client) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(QUEUE).status_code == 200
    return len(context.captured_queries)


def test_the_queue_runs_the_same_number_of_queries_whatever_its_length(
    moderator_client, thread, django_assert_max_num_queries
):
    fill_queue(3, thread)
    moderator_client.get(QUEUE)  # the header's unread count is now in the cache
    short = queries_for_queue(moderator_client)
    fill_queue(22, thread)  # a full page of 25
    full = queries_for_queue(moderator_client)
    fill_queue(35, thread)  # 60 in all, over three pages
    with django_assert_max_num_queries(short):
        html = moderator_client.get(QUEUE).content.decode()

    assert short == full
    assert "60 posts waiting" in html
    assert html.count('class="card queue-item"') == 25


def test_a_moderator_can_act_on_any_post_from_its_review_page(moderator_client, client, reply):
    url = reverse("moderation:post-review", args=[reply.pk])

    html = moderator_client.get(url).content.decode()

    assert "Hide it, with this reason for the author" in html
    assert "Lock thread" in html and "Move the thread to" in html
    assert f'name="next" value="{url}"' in html


def test_the_review_page_is_for_moderators_only(client, member, reply):
    url = reverse("moderation:post-review", args=[reply.pk])
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(member)
    assert client.get(url).status_code == 403

"""Each post's place in the moderation queue (Post.review_since / review_first): kept by the
services, filled for existing rows by the data migrations, and read by a queue whose page
costs the same queries however long it is."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.models import Post
from moderation import review, services
from moderation.models import Flag
from safety.models import CareMark
from tests.factories import MemberFactory
from tests.moderation.factories import make_post

pytestmark = pytest.mark.django_db

QUEUE = reverse("moderation:queue")


def fill_queue_in_bulk(n: int, thread, authors) -> None:
    """n waiting posts written in a few statements: every other one pending, the others
    published with an open flag; their places brought up to date as the services do."""
    last = Post.objects.filter(thread=thread).order_by("-position").first()
    start = last.position + 1 if last else 1
    now = timezone.now()
    posts = Post.objects.bulk_create(
        Post(
            thread=thread,
            author=authors[i % len(authors)],
            position=start + i,
            body_markdown=f"Post {i}",
            body_html=f"<p>Post {i}</p>",
            status=Post.Status.PENDING if i % 2 == 0 else Post.Status.PUBLISHED,
            created_at=now - datetime.timedelta(minutes=n - i),
            review_since=now - datetime.timedelta(minutes=n - i) if i % 2 == 0 else None,
        )
        for i in range(n)
    )
    flagger = MemberFactory()
    Flag.objects.bulk_create(
        Flag(post=post, flagger=flagger, reason=Flag.Reason.SPAM)
        for post in posts
        if post.status == Post.Status.PUBLISHED
    )
    review.refresh(post_ids=[post.pk for post in posts])


def get_queue(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def test_the_queue_runs_the_same_queries_for_3_or_3000_waiting_posts(moderator_client, thread):
    authors = [MemberFactory() for _ in range(5)]
    fill_queue_in_bulk(3, thread, authors)
    get_queue(moderator_client)  # the header's unread count is now in the cache
    short_queries, short_html = get_queue(moderator_client)
    fill_queue_in_bulk(2997, thread, authors)
    long_queries, long_html = get_queue(moderator_client)

    assert "3 posts waiting" in short_html
    assert "3000 posts waiting" in long_html
    assert long_html.count('class="card queue-item"') == 25
    assert long_queries == short_queries


def test_a_flagged_post_waits_since_its_first_open_flag_and_leaves_when_dismissed(
    moderator_client, moderator, thread, flaggers
):
    post = make_post(author=MemberFactory(), thread=thread)
    services.flag_post(post=post, by=flaggers[0], reason=Flag.Reason.ABUSIVE)
    first = Flag.objects.get(post=post).created_at
    services.flag_post(post=post, by=flaggers[1], reason=Flag.Reason.SPAM)
    post.refresh_from_db()
    assert post.review_since == first

    assert f'id="queue-post-{post.pk}"' in get_queue(moderator_client)[1]
    services.dismiss_flags(post=post, by=moderator)
    post.refresh_from_db()

    assert post.review_since is None
    assert f'id="queue-post-{post.pk}"' not in get_queue(moderator_client)[1]


def test_a_pending_post_waits_until_approved_or_hidden(moderator, thread):
    approved = make_post(author=MemberFactory(), thread=thread, status=Post.Status.PENDING)
    hidden = make_post(author=MemberFactory(), thread=thread, status=Post.Status.PENDING)
    assert set(review.waiting()) == {approved, hidden}

    services.approve_post(post=approved, by=moderator)
    services.hide_post(post=hidden, by=moderator, reason="Advertising.")

    assert list(review.waiting()) == []


def test_a_caring_look_comes_first_and_a_deleted_post_leaves_the_queue(moderator, thread):
    pending = make_post(author=MemberFactory(), thread=thread, status=Post.Status.PENDING)
    urgent = make_post(author=MemberFactory(), thread=thread)
    CareMark.objects.create(post=urgent, phrases=["want to die"])
    review.refresh(post_ids=[urgent.pk])

    assert list(review.waiting()) == [urgent, pending]

    Post.objects.filter(pk=pending.pk).update(deleted_at=timezone.now())
    assert list(review.waiting()) == [urgent]


def test_the_data_migrations_put_the_posts_already_waiting_in_the_queue(thread, flaggers):
    """Rows written before the columns existed: the migrations give each its place."""
    now = timezone.now()
    pending = make_post(author=MemberFactory(), thread=thread, status=Post.Status.PENDING)
    flagged = make_post(author=MemberFactory(), thread=thread)
    Flag.objects.create(
        post=flagged,
        flagger=flaggers[0],
        reason="spam",
        created_at=now - datetime.timedelta(hours=3),
    )
    Flag.objects.create(
        post=flagged,
        flagger=flaggers[1],
        reason="spam",
        created_at=now - datetime.timedelta(hours=1),
    )
    dealt_with = make_post(author=MemberFactory(), thread=thread)
    Flag.objects.create(post=dealt_with, flagger=flaggers[0], reason="spam", resolved_at=now)
    caring = make_post(author=MemberFactory(), thread=thread, status=Post.Status.HIDDEN)
    CareMark.objects.create(post=caring, phrases=["no way out"])
    ordinary = make_post(author=MemberFactory(), thread=thread)
    Post.objects.update(review_since=None, review_first=False)

    with connection.schema_editor() as editor:
        importlib.import_module("moderation.migrations.0007_fill_review_queue").fill(apps, editor)
        importlib.import_module("safety.migrations.0005_fill_review_queue_care").fill(apps, editor)

    places = {
        post.pk: (post.review_since, post.review_first)
        for post in Post.objects.filter(pk__in=[pending.pk, flagged.pk, dealt_with.pk])
    }
    pending.refresh_from_db()
    assert places[pending.pk] == (pending.created_at, False)
    assert places[flagged.pk] == (now - datetime.timedelta(hours=3), False)
    assert places[dealt_with.pk] == (None, False)
    assert list(review.waiting()) == [caring, flagged, pending]
    assert ordinary not in review.waiting()

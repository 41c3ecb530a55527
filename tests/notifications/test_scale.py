"""A reply in a busy thread: a fixed number of queries, and e-mail in batched tasks."""

import pytest
from celery.signals import task_prerun
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from community.models import Post, Thread, ThreadFollow
from notifications.models import EmailDelivery, Notification, NotificationPreference
from notifications.services import EMAIL_BATCH_SIZE, notify_post_published
from tests.notifications.conftest import write_post

pytestmark = pytest.mark.django_db


def add_followers(thread: Thread, count: int, *, start: int) -> list[User]:
    """`count` members who each posted in the thread, so they follow it."""
    thread.refresh_from_db()
    members = User.objects.bulk_create(
        User(handle=f"follower{start + i}", email=f"follower{start + i}@example.org")
        for i in range(count)
    )
    NotificationPreference.objects.bulk_create(
        NotificationPreference(member=m, replies=NotificationPreference.Delivery.IMMEDIATELY)
        for m in members
    )
    last = thread.last_position
    Post.objects.bulk_create(
        Post(thread=thread, author=m, position=last + i + 1, body_markdown="Me too", body_html="")
        for i, m in enumerate(members)
    )
    ThreadFollow.objects.bulk_create(ThreadFollow(thread=thread, member=m) for m in members)
    Thread.objects.filter(pk=thread.pk).update(last_position=last + count)
    thread.refresh_from_db()
    return members


def queries_to_notify(post: Post) -> int:
    with CaptureQueriesContext(connection) as queries:
        notify_post_published(post_id=post.pk)
    return len(queries)


def test_two_thousand_followers_cost_the_same_queries_as_ten(thread, make_member):
    sam = make_member("sam_k")
    add_followers(thread, 10, start=0)
    small = write_post(thread=thread, author=sam, body="Thank you all.")
    add_followers(thread, 1990, start=10)
    big = write_post(thread=thread, author=sam, body="Thank you all, again.")

    assert queries_to_notify(small) == queries_to_notify(big)
    # June (the thread's author) and the 2,000 followers; not Sam, who wrote it.
    assert Notification.objects.filter(post=big).count() == 2001
    assert EmailDelivery.objects.filter(notification__post=big).count() == 2000


def test_two_thousand_emails_go_out_in_batches_of_a_hundred(
    thread, make_member, django_capture_on_commit_callbacks
):
    sam = make_member("sam_k")
    add_followers(thread, 2000, start=0)
    batches = []

    def count_batch(sender=None, kwargs=None, **_):
        if sender.name == "notifications.tasks.send_email_batch":
            batches.append(len(kwargs["delivery_ids"]))

    task_prerun.connect(count_batch)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            write_post(thread=thread, author=sam, body="Good news today.", notify=True)
    finally:
        task_prerun.disconnect(count_batch)

    assert batches == [EMAIL_BATCH_SIZE] * 20
    assert len(mail.outbox) == 2000
    assert len({m.to[0] for m in mail.outbox}) == 2000

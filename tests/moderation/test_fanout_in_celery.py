"""Who hears about a moderator's decision is told by Celery tasks queued after the commit
(moderation.tasks, safety.tasks, core.background): the moderator's click costs the same
whatever the number of followers or clinical reviewers, and they hear once the task runs.

The tests run Celery eagerly (config/settings_test.py): the callbacks the request queued on
commit are captured, then run, which is when the task runs."""

import pytest
from django.contrib.auth.models import Group as AuthGroup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import Post, ThreadFollow
from core.background import send
from moderation import services
from moderation.models import Flag
from notifications.models import Notification
from safety.roles import ensure_clinical_reviewers_group
from tests.factories import MemberFactory
from tests.moderation.factories import make_post
from tests.notifications.conftest import run_without_a_broker
from tests.notifications.test_celery_worker import (  # noqa: F401 (fixtures)
    publish_to_redis,
    wait_for,
    worker,
)

pytestmark = pytest.mark.django_db


def pending_post_followed_by(n: int, group) -> Post:
    """A newcomer's pending reply in a thread that `n` members follow."""
    first = make_post(author=MemberFactory(), group=group, text="How was your first week?")
    ThreadFollow.objects.bulk_create(
        ThreadFollow(thread=first.thread, member=MemberFactory()) for _ in range(n)
    )
    return make_post(author=MemberFactory(), thread=first.thread, status=Post.Status.PENDING)


def approve(client, post, capture) -> tuple[int, list]:
    """The moderator presses Approve; returns the request's queries and what it queued."""
    with capture() as callbacks, CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("moderation:post-approve", args=[post.pk]))
    assert response.status_code == 302
    return len(queries.captured_queries), callbacks


def queued_tasks(callbacks) -> list[tuple[str, dict]]:
    """The Celery tasks the request queued on commit (core.background.send), with their ids."""
    return [(c.args[0].name, c.args[1]) for c in callbacks if getattr(c, "func", None) is send]


def test_approving_costs_the_same_queries_with_1_or_200_followers(
    moderator_client, group, django_capture_on_commit_callbacks
):
    warm_up = pending_post_followed_by(1, group)  # the first request fills a few caches
    lonely = pending_post_followed_by(1, group)
    popular = pending_post_followed_by(200, group)
    approve(moderator_client, warm_up, django_capture_on_commit_callbacks)

    few, _ = approve(moderator_client, lonely, django_capture_on_commit_callbacks)
    many, callbacks = approve(moderator_client, popular, django_capture_on_commit_callbacks)

    assert many == few
    assert ("moderation.tasks.notify_post_approved", {"post_id": popular.pk}) in queued_tasks(
        callbacks
    )
    assert not Notification.objects.filter(post=popular).exists()  # nothing yet


def test_the_followers_hear_about_an_approved_post_once_the_task_runs(
    moderator_client, group, django_capture_on_commit_callbacks
):
    popular = pending_post_followed_by(200, group)
    _, callbacks = approve(moderator_client, popular, django_capture_on_commit_callbacks)

    for callback in callbacks:
        callback()
    for callback in callbacks:
        callback()  # a task that runs twice notifies once

    notices = Notification.objects.filter(post=popular)
    assert notices.filter(kind=Notification.Kind.REPLY).count() == 200
    assert notices.get(recipient=popular.author).kind == Notification.Kind.MODERATION


def test_a_misinformation_flag_tells_the_clinical_reviewers_from_a_task(
    client, member, reply, django_capture_on_commit_callbacks
):
    reviewers = ensure_clinical_reviewers_group()
    nurses = [MemberFactory() for _ in range(3)]
    AuthGroup.objects.get(pk=reviewers.pk).user_set.add(*nurses)
    client.force_login(MemberFactory())

    with django_capture_on_commit_callbacks() as callbacks:
        client.post(
            reverse("moderation:flag-post", args=[reply.pk]),
            {"reason": Flag.Reason.MISINFORMATION, "note": "Stop your pills? No."},
        )
    assert ("safety.tasks.notify_clinical_reviewers", {"post_id": reply.pk}) in queued_tasks(
        callbacks
    )
    assert not Notification.objects.filter(recipient__in=nurses).exists()

    for callback in callbacks:
        callback()

    told = Notification.objects.filter(recipient__in=nurses, post=reply)
    assert told.count() == 3
    assert told.first().url == reverse("safety:clinical-queue")


# The moderator approves while Redis is down: the notices are sent in the request instead.
APPROVE_WITHOUT_A_BROKER = """
import django
django.setup()
from accounts.models import User
from community.models import Post
from moderation import services
services.approve_post(post=Post.objects.get(pk={post_id}), by=User.objects.get(pk={by}))
print("approved")
"""


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_an_approval_still_tells_the_followers(moderator, group):
    post = pending_post_followed_by(3, group)
    result = run_without_a_broker(APPROVE_WITHOUT_A_BROKER.format(post_id=post.pk, by=moderator.pk))

    assert "approved" in result.stdout, result.stderr
    assert "Broker unreachable: running moderation.tasks.notify_post_approved" in result.stderr
    assert Notification.objects.filter(post=post, kind=Notification.Kind.REPLY).count() == 3


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("worker", "publish_to_redis")
def test_a_real_worker_tells_the_followers_of_an_approved_post(moderator, group, tmp_path):
    post = pending_post_followed_by(3, group)

    services.approve_post(post=post, by=moderator)  # commits: the task goes to Redis

    replies = Notification.objects.filter(post=post, kind=Notification.Kind.REPLY)
    # A worker starting on a busy machine can take minutes before it reads the queue.
    assert wait_for(lambda: replies.count() == 3, 300), (tmp_path / "worker.log").read_text()
    assert Notification.objects.filter(post=post, recipient=post.author).exists()

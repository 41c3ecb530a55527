import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.db.models import F

from community.models import Group, Mention, Post, Thread, ThreadFollow
from community.services import render_body
from notifications.models import Notification
from notifications.services import notify, notify_post_published
from tests.factories import MemberFactory


@pytest.fixture
def thread(db, member):
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    thread = Thread.objects.create(
        group=group, title="Sleeping after surgery", slug="sleeping", author=member
    )
    write_post(thread=thread, author=member, body="How do you all sleep in the first weeks?")
    return thread


def write_post(*, thread, author, body, reply_to=None, status=Post.Status.PUBLISHED, notify=False):
    """A post written straight into the tables, as community's posting service makes it
    (position from one UPDATE, stored @mentions, the author follows the thread), with no
    notification unless `notify=True`: these tests drive the notifications service by hand.
    The wiring from community's services is tested in test_discussions_wiring.py."""
    html, mentioned = render_body(body)
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(last_position=F("last_position") + 1)
        position = Thread.objects.values_list("last_position", flat=True).get(pk=thread.pk)
        post = Post.objects.create(
            thread=thread,
            author=author,
            position=position,
            body_markdown=body,
            body_html=html,
            reply_to=reply_to,
            quote_excerpt=reply_to.body_markdown[:200] if reply_to else "",
            status=status,
        )
        Mention.objects.bulk_create(
            Mention(post=post, member=m) for m in mentioned if m.pk != author.pk
        )
        ThreadFollow.objects.bulk_create(
            [ThreadFollow(thread=thread, member=author)], ignore_conflicts=True
        )
        if notify:
            notify_post_published(post_id=post.pk)
    return post


@pytest.fixture
def make_member(db):
    def make(handle, **kwargs):
        return MemberFactory(
            handle=handle, display_name=handle.split("_")[0].capitalize(), **kwargs
        )

    return make


def notify_membership(
    member, *, key="membership:1:granted", text="Your premium trial starts today."
):
    """A membership notice, as the premium-membership service will send it."""
    return notify(
        recipient=member, kind=Notification.Kind.MEMBERSHIP, text=text, url="/accounts/", key=key
    )


def worker_database_url() -> str:
    """The database pytest-django made (test_<name>), for another process to use."""
    db = connection.settings_dict
    user = db["USER"] or "postgres"
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def run_without_a_broker(code: str) -> subprocess.CompletedProcess:
    """Runs `code` in a fresh Django process on the tests' database while Redis, the Celery
    broker, is down (nothing listens at its address) and tasks are sent, not run eagerly."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

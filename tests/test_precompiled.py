"""core.precompiled: a query compiled once, run again with other ids and days, gives what
the ORM would give; a query whose shape would vary (an unused value, a time left in its
parameters) is refused when it is compiled."""

import datetime
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import services
from community.models import Group, Post
from core import precompiled

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(member, other_member):
    group = Group.objects.create(name="Transplants", slug="transplants")
    one = services.create_thread(group=group, author=member, title="One", body="First")
    two = services.create_thread(group=group, author=other_member, title="Two", body="Second")
    services.create_reply(thread=two, author=member, body="A reply")
    return one, two


def _posts(*, thread, author, since):
    return (
        Post.objects.filter(thread_id=thread, author_id=author, created_at__date__gte=since)
        .select_related("author")
        .order_by("position")
    )


def test_a_query_compiled_once_answers_for_other_ids_as_the_orm_does(threads, member, other_member):
    one, two = threads
    today = timezone.localdate()
    key = object()
    for thread, author in [(one, member), (two, member), (two, other_member), (one, other_member)]:
        with CaptureQueriesContext(connection) as captured:
            rows = precompiled.run(key, _posts, thread=thread.pk, author=author.pk, since=today)
        expected = list(_posts(thread=thread.pk, author=author.pk, since=today))
        assert [(p.pk, p.author.handle) for p in rows] == [
            (p.pk, p.author.handle) for p in expected
        ]
        assert len(captured) == 1  # one query, logged as any other (select_related kept)
    tomorrow = today + datetime.timedelta(days=1)
    assert precompiled.run(key, _posts, thread=two.pk, author=member.pk, since=tomorrow) == []
    assert precompiled.run(key, _posts, thread=2**64, author=member.pk, since=today) == []


@pytest.mark.django_db(transaction=True)
def test_a_query_compiled_on_one_thread_runs_on_another(threads, member):
    # Threaded servers (runserver, the browser tests' live server) answer each request on
    # a thread of its own, with its own connection.
    one, _ = threads
    key = object()
    today = timezone.localdate()
    first = precompiled.run(key, _posts, thread=one.pk, author=member.pk, since=today)
    found: list = []

    def other_thread():
        try:
            found.extend(precompiled.run(key, _posts, thread=one.pk, author=member.pk, since=today))
        finally:
            connection.close()

    worker = threading.Thread(target=other_thread)
    worker.start()
    worker.join()
    assert [p.pk for p in found] == [p.pk for p in first] != []


def test_a_query_that_cannot_be_precompiled_runs_through_the_orm(threads):
    def build(*, thread, unused):
        return Post.objects.filter(thread_id=thread)

    one, _ = threads
    rows = precompiled.run(object(), build, thread=one.pk, unused=2)
    assert [p.pk for p in rows] == [p.pk for p in one.posts.all()]


def test_a_time_left_in_the_parameters_is_refused():
    def build(*, thread):
        return Post.objects.filter(thread_id=thread, created_at__lte=timezone.now())

    with pytest.raises(RuntimeError, match="day or time"):
        precompiled.run(object(), build, thread=1)
    with pytest.raises(TypeError):
        precompiled.run(object(), build, thread=timezone.now())

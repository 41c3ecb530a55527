"""Replies posted at the same moment each get their own position (one locking UPDATE)."""

import threading

import pytest
from django.db import connection

from community import services
from community.models import Group, Post, Thread
from tests.factories import MemberFactory


@pytest.mark.django_db(transaction=True)
def test_simultaneous_replies_never_share_a_position():
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    writers = [MemberFactory() for _ in range(6)]
    thread = services.create_thread(group=group, author=writers[0], title="Busy day", body="Hi")
    start = threading.Barrier(len(writers))
    errors: list[Exception] = []

    def reply(writer):
        try:
            start.wait()
            for n in range(5):
                services.create_reply(thread=thread, author=writer, body=f"{writer.handle} {n}")
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=reply, args=(w,)) for w in writers]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    positions = sorted(Post.objects.filter(thread=thread).values_list("position", flat=True))
    assert positions == list(range(1, 32))
    thread = Thread.objects.get(pk=thread.pk)
    assert (thread.last_position, thread.reply_count) == (31, 30)

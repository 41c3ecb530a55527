"""Opening a conversation marks it read, and writes only when something was unread: a GET
of a conversation already read writes nothing (issue 16)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conversations import services
from conversations.models import Participant

pytestmark = pytest.mark.django_db

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)


def writes_of_opening(client, conversation) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(conversation.get_absolute_url())
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries if WRITES.match(q["sql"])]


def test_opening_an_unread_conversation_marks_it_and_its_notice_read_then_writes_nothing(
    client, ana, ben, chat
):
    client.force_login(ben)
    assert ben.notifications.filter(read_at__isnull=True).count() == 1

    assert writes_of_opening(client, chat) != []
    place = Participant.objects.get(conversation=chat, member=ben)
    chat.refresh_from_db()
    assert place.last_read_at >= chat.last_message_at
    assert ben.notifications.filter(read_at__isnull=True).count() == 0

    assert writes_of_opening(client, chat) == []  # read already: nothing to write
    services.send_message(author=ana, conversation=chat, body="Any news?")
    assert writes_of_opening(client, chat) != []  # a new message: marked read again
    assert ben.notifications.filter(read_at__isnull=True).count() == 0


def test_replying_reads_the_conversation_so_opening_it_then_writes_nothing(client, ana, ben, chat):
    services.send_message(author=ben, conversation=chat, body="It went well, thanks.")
    assert ben.notifications.filter(read_at__isnull=True).count() == 0
    client.force_login(ben)
    assert writes_of_opening(client, chat) == []
    client.force_login(ana)
    assert writes_of_opening(client, chat) != []
    assert writes_of_opening(client, chat) == []

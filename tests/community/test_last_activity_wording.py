"""A thread's latest activity in the lists reads as a sentence: "last reply by Sam 3 hours
ago", "last reply by Sam on Mon, Nov 16, …", never "last reply by Sam Mon, Nov 16"."""

import datetime
import re

import pytest
from django.utils import timezone

from community import services
from community.models import Thread

pytestmark = pytest.mark.django_db

STRIP = re.compile(r"<[^>]+>")


def meta_lines(html: str) -> str:
    return " ".join(STRIP.sub("", html).split())


@pytest.mark.parametrize("url", ["/groups/transplants/", "/"])
def test_the_last_reply_is_said_with_on_for_a_date_and_without_for_an_age(
    client, member, other_member, thread, url
):
    services.follow_group(group=thread.group, member=member)
    services.create_reply(thread=thread, author=other_member, body="Rest, mostly.")
    client.force_login(member)

    text = meta_lines(client.get(url).content.decode())
    assert "last reply by Sam just now" in text

    Thread.objects.filter(pk=thread.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=20)
    )
    text = meta_lines(client.get(url).content.decode())
    assert re.search(r"last reply by Sam on \w{3}, \w{3} \d{1,2}, \d{4}", text), text

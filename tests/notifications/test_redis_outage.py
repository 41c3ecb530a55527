"""Redis is down while a member posts: the post and its notifications are kept, and the
e-mail goes out when the periodic sweep runs after Redis is back."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from notifications import emails
from notifications.models import EmailDelivery, Notification
from tests.notifications.conftest import run_without_a_broker

# Sam replies through community's real posting service (notifications written in the
# post's transaction, e-mail queued to Celery after the commit).
POST_A_REPLY = """
import django
django.setup()
from community import services
from community.models import Thread
from accounts.models import User
thread = Thread.objects.get(pk={thread_id})
post = services.create_reply(
    thread=thread, author=User.objects.get(handle="sam_k"),
    body="Redis is down but I am here.", reply_to=thread.posts.get(position=1),
)
print("saved", post.pk)
"""


@pytest.mark.django_db(transaction=True)
def test_a_redis_outage_while_posting_loses_nothing(thread, member, make_member):
    make_member("sam_k")
    result = run_without_a_broker(POST_A_REPLY.format(thread_id=thread.pk))

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("saved")
    assert "Error calling" in result.stderr, result.stderr  # on_commit could not queue the task
    note = Notification.objects.get(recipient=member)
    assert note.kind == Notification.Kind.QUOTE
    delivery = EmailDelivery.objects.get(notification=note)
    assert delivery.state == EmailDelivery.State.PENDING
    assert mail.outbox == []

    # Redis is back; the beat's minute sweep finds the e-mail.
    assert emails.send_due(now=timezone.now() + datetime.timedelta(minutes=2)) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    delivery.refresh_from_db()
    assert delivery.state == EmailDelivery.State.SENT

"""Two workers holding the same e-mail: the second skips it instead of sending it again."""

import threading

import pytest
from django.core import mail
from django.db import connection, transaction

from notifications import emails
from notifications.models import EmailDelivery, Notification


@pytest.mark.django_db(transaction=True)
def test_an_email_claimed_by_another_worker_is_skipped_not_sent_twice(member):
    note = Notification.objects.create(
        recipient=member,
        kind=Notification.Kind.MEMBERSHIP,
        text="Your premium trial starts today.",
        url="/accounts/",
        key="membership:1:granted",
    )
    delivery = EmailDelivery.objects.create(
        recipient=member, notification=note, key=f"notification:{note.pk}"
    )
    claimed, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                EmailDelivery.objects.select_for_update().get(pk=delivery.pk)
                claimed.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    worker = threading.Thread(target=other_worker)
    worker.start()
    try:
        assert claimed.wait(timeout=30)
        assert emails.send_delivery(delivery_id=delivery.pk) is False
        assert mail.outbox == []
    finally:
        release.set()
        worker.join()

    # The other worker let go without sending (it crashed, say): the next try sends it.
    assert emails.send_delivery(delivery_id=delivery.pk) is True
    assert emails.send_delivery(delivery_id=delivery.pk) is False
    assert len(mail.outbox) == 1

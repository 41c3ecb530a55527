"""The daily digest: one e-mail per member per day with what they chose to read once a day."""

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import site_today
from notifications.models import EmailDelivery, Notification
from notifications.services import SWEEP_GRACE, queue_emails


def _waiting(member_id: int | None = None):
    waiting = Notification.objects.filter(
        wants_digest=True, digest__isnull=True, read_at__isnull=True
    )
    return waiting if member_id is None else waiting.filter(recipient_id=member_id)


def queue_daily_digests(*, today: datetime.date | None = None) -> int:
    """Creates today's digest e-mail for each member with unread digest notifications.

    The delivery key is "digest:<member>:<date>", so running twice on the same day (two
    schedulers, a retried task) queues nothing new. Returns how many digests were queued.
    """
    day = (today or site_today()).isoformat()
    member_ids = list(_waiting().values_list("recipient_id", flat=True).distinct())
    queued = 0
    for member_id in member_ids:
        with transaction.atomic():
            digest, created = EmailDelivery.objects.get_or_create(
                key=f"digest:{member_id}:{day}",
                defaults={
                    "recipient_id": member_id,
                    "kind": EmailDelivery.Kind.DIGEST,
                    "next_attempt_at": timezone.now() + SWEEP_GRACE,
                },
            )
            if not created:
                continue  # today's digest exists; what arrived since waits for tomorrow
            _waiting(member_id).update(digest=digest)
            queue_emails([digest.pk])
            queued += 1
    return queued

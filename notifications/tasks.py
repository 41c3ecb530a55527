"""Celery tasks: they take IDs, re-read rows and are safe to run twice."""

from celery import shared_task

from notifications import digests, emails


@shared_task(ignore_result=True)
def send_email_batch(delivery_ids: list[int]) -> int:
    """Sends up to EMAIL_BATCH_SIZE queued e-mails; each is claimed and marked on its own."""
    return sum(emails.send_delivery(delivery_id=pk) for pk in delivery_ids)


@shared_task(ignore_result=True)
def send_due_emails() -> int:
    """Periodic sweep (every minute): sends e-mails whose task was lost, and retries."""
    return emails.send_due()


@shared_task(ignore_result=True)
def send_daily_digests() -> int:
    """Daily: one digest e-mail per member with unread digest notifications."""
    return digests.queue_daily_digests()

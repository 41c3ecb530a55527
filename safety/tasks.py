"""Celery tasks of patient safety. They take ids, re-read rows and are safe to run twice."""

from celery import shared_task

from core import background
from safety import services


@shared_task(ignore_result=True)
def notify_clinical_reviewers(*, post_id: int) -> int:
    """Tells every clinical reviewer that a post waits for a clinical review."""
    return services.notify_clinical_reviewers(post_id=post_id)


def queue_clinical_review_notice(*, post_id: int) -> None:
    """moderation.hooks.misinformation_flagged, inside the flag's transaction: the reviewers
    hear about it from a Celery task once the flag commits, not in the flagging request."""
    background.after_commit(notify_clinical_reviewers, post_id=post_id)

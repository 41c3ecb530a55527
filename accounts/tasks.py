"""Membership e-mails, sent in the background. Tasks take IDs and are safe to run twice."""

import datetime
from collections.abc import Callable, Iterable

from celery import shared_task
from django.db.models import Model
from django.utils import timezone

from accounts import membership_notices
from accounts.models import Membership, TrialRequest, site_today

# The reminder goes out this many days before a trial's last day.
TRIAL_REMINDER_DAYS = 7


def _send_once[M: Model](rows: Iterable[M], marker: str, notice: Callable[[M], None]) -> int:
    """Claims each row by setting its `marker` field, then sends; unclaims if sending fails."""
    sent = 0
    for row in rows:
        same_row = type(row)._default_manager.filter(pk=row.pk)
        if not same_row.filter(**{f"{marker}__isnull": True}).update(**{marker: timezone.now()}):
            continue  # another run got there first
        try:
            notice(row)
        except Exception:
            same_row.update(**{marker: None})
            raise
        sent += 1
    return sent


@shared_task
def send_trial_granted_notices(*, membership_ids: list[int]) -> int:
    """Tells each member of these new grants "You're all set: …". Returns how many were sent."""
    rows = Membership.objects.filter(
        pk__in=membership_ids, granted_notice_sent_at__isnull=True
    ).select_related("member")
    return _send_once(rows, "granted_notice_sent_at", membership_notices.trial_granted)


@shared_task
def send_trial_ending_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE): reminds members whose trial ends within a week.

    Skips members whose premium continues after the trial (they were extended).
    """
    today = site_today()
    rows = (
        Membership.objects.filter(
            kind=Membership.Kind.TRIAL,
            ends_on__gte=today,
            ends_on__lte=today + datetime.timedelta(days=TRIAL_REMINDER_DAYS),
            starts_on__lt=today,
            ending_reminder_sent_at__isnull=True,
            member__is_active=True,
        )
        .select_related("member")
        .prefetch_related("member__memberships")
    )
    ending = [
        m for m in rows if m.member.premium_until(on=m.ends_on + datetime.timedelta(days=1)) is None
    ]
    return _send_once(ending, "ending_reminder_sent_at", membership_notices.trial_ending_soon)


@shared_task
def send_trial_request_declined_notices(*, request_ids: list[int]) -> int:
    """Tells each member that staff declined their trial request."""
    rows = TrialRequest.objects.filter(
        pk__in=request_ids, status=TrialRequest.Status.DECLINED, member_told_at__isnull=True
    ).select_related("member")
    return _send_once(rows, "member_told_at", membership_notices.trial_request_declined)

"""Membership e-mails, sent in the background. Tasks take IDs and are safe to run twice.

The tasks keep the names they had when they lived in accounts/tasks.py ("accounts.tasks.…"),
so the beat schedule and messages already queued in Redis still find them. notifications'
AppConfig.ready() imports this module (Celery's autodiscovery only reads tasks.py) and
registers the queueing functions in accounts.hooks.

A notice due in the member's quiet hours (notifications.quiet_hours) is not claimed: the
task queues itself again for that one row with `eta` at the end of the quiet hours, and
the sent marker still keeps it to one e-mail however many runs there are.
"""

import datetime
import logging
from collections.abc import Callable, Iterable

from celery import Task, shared_task
from django.utils import timezone

from accounts.models import Membership, TrialRequest, site_today
from notifications import membership_notices
from notifications.quiet_hours import member_quiet_until
from notifications.services import wants_email

logger = logging.getLogger(__name__)

# The reminder goes out this many days before a trial's last day.
TRIAL_REMINDER_DAYS = 7


def send_later(task: Task, *, eta: datetime.datetime, **kwargs) -> None:
    """Runs `task` again at `eta`. Without a worker (eager mode) nothing can wait: the notice
    stays unsent and unclaimed (the daily reminder task picks its rows up again)."""
    if task.app.conf.task_always_eager:
        logger.warning("Eager mode: %s held for quiet hours is not rescheduled", task.name)
        return
    task.apply_async(kwargs=kwargs, eta=eta)


def _send_once[M: (Membership, TrialRequest)](
    rows: Iterable[M],
    marker: str,
    notice: Callable[[M], None],
    *,
    later: Callable[[M, datetime.datetime], None],
) -> int:
    """Claims each row by setting its `marker` field, then sends; unclaims if sending fails.
    A row whose member is in quiet hours is left unclaimed and handed to `later`."""
    sent = 0
    now = timezone.now()
    for row in rows:
        member = row.member
        resume_at = wants_email(member) and member_quiet_until(member, now)
        if resume_at:
            later(row, resume_at)
            continue
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


@shared_task(name="accounts.tasks.send_trial_granted_notices")
def send_trial_granted_notices(*, membership_ids: list[int]) -> int:
    """Tells each member of these new grants "You're all set: …". Returns how many were sent."""
    rows = Membership.objects.filter(
        pk__in=membership_ids, granted_notice_sent_at__isnull=True
    ).select_related("member")
    return _send_once(
        rows,
        "granted_notice_sent_at",
        membership_notices.trial_granted,
        later=lambda row, eta: send_later(
            send_trial_granted_notices, eta=eta, membership_ids=[row.pk]
        ),
    )


@shared_task(name="accounts.tasks.send_trial_ending_reminders")
def send_trial_ending_reminders(*, membership_ids: list[int] | None = None) -> int:
    """Daily (CELERY_BEAT_SCHEDULE): reminds members whose trial ends within a week.

    Skips members whose premium continues after the trial (they were extended). With
    `membership_ids` (a run held for quiet hours), looks at those trials only.
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
    if membership_ids is not None:
        rows = rows.filter(pk__in=membership_ids)
    ending = [
        m for m in rows if m.member.premium_until(on=m.ends_on + datetime.timedelta(days=1)) is None
    ]
    return _send_once(
        ending,
        "ending_reminder_sent_at",
        membership_notices.trial_ending_soon,
        later=lambda row, eta: send_later(
            send_trial_ending_reminders, eta=eta, membership_ids=[row.pk]
        ),
    )


@shared_task(name="accounts.tasks.send_trial_request_declined_notices")
def send_trial_request_declined_notices(*, request_ids: list[int]) -> int:
    """Tells each member that staff declined their trial request."""
    rows = TrialRequest.objects.filter(
        pk__in=request_ids, status=TrialRequest.Status.DECLINED, member_told_at__isnull=True
    ).select_related("member")
    return _send_once(
        rows,
        "member_told_at",
        membership_notices.trial_request_declined,
        later=lambda row, eta: send_later(
            send_trial_request_declined_notices, eta=eta, request_ids=[row.pk]
        ),
    )


def queue_granted_notices(membership_ids: list[int]) -> None:
    """accounts.hooks.trial_granted: e-mails the members their new trial, in the background."""
    send_trial_granted_notices.delay(membership_ids=membership_ids)


def queue_declined_notices(request_ids: list[int]) -> None:
    """accounts.hooks.trial_requests_declined: tells the members, in the background."""
    send_trial_request_declined_notices.delay(request_ids=request_ids)

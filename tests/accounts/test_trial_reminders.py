import datetime

from django.core import mail

from accounts.models import Membership, site_today
from core.dates import format_day
from notifications.membership_tasks import send_trial_ending_reminders


def _days(n: int) -> datetime.date:
    return site_today() + datetime.timedelta(days=n)


def test_a_member_is_reminded_once_a_week_before_the_trial_ends(member, make_membership):
    trial = make_membership(member, starts_on=_days(-50), ends_on=_days(7))

    assert send_trial_ending_reminders() == 1
    assert send_trial_ending_reminders() == 0  # the next day's run, or a retry

    [message] = mail.outbox
    assert message.to == [member.email]
    ends = trial.ends_on
    assert message.subject == f"Your premium trial ends on {format_day(ends)}"
    trial.refresh_from_db()
    assert trial.ending_reminder_sent_at is not None


def test_no_reminder_while_the_end_is_more_than_a_week_away(member, make_membership):
    make_membership(member, starts_on=_days(-50), ends_on=_days(8))

    assert send_trial_ending_reminders() == 0
    assert mail.outbox == []


def test_no_reminder_when_the_member_was_extended_before_then(member, make_membership):
    make_membership(member, starts_on=_days(-50), ends_on=_days(7))
    make_membership(member, kind=Membership.Kind.PAID, starts_on=_days(8), ends_on=_days(365))

    assert send_trial_ending_reminders() == 0
    assert mail.outbox == []


def test_no_reminder_for_paid_memberships_or_closed_accounts(member, other_member, make_membership):
    make_membership(member, kind=Membership.Kind.PAID, starts_on=_days(-50), ends_on=_days(7))
    make_membership(other_member, starts_on=_days(-50), ends_on=_days(7))
    other_member.is_active = False
    other_member.save()

    assert send_trial_ending_reminders() == 0


def test_the_reminder_runs_every_day_from_celery_beat(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["accounts-trial-ending-reminders"]
    assert schedule["task"] == "accounts.tasks.send_trial_ending_reminders"

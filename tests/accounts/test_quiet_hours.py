"""Membership e-mails respect the member's quiet hours: held, then sent once when they end."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import TrialRequest, site_today
from notifications import membership_tasks as tasks
from notifications.models import NotificationPreference


@pytest.fixture
def quiet(member, monkeypatch):
    """Quiet hours around the real now (UTC) for `member`; rescheduled runs are recorded."""
    real_now = timezone.now()
    member.time_zone = "UTC"
    member.save(update_fields=["time_zone"])
    NotificationPreference.objects.create(
        member=member,
        quiet_start=(real_now - datetime.timedelta(hours=1)).time().replace(microsecond=0),
        quiet_end=(real_now + datetime.timedelta(hours=2)).time().replace(second=0, microsecond=0),
    )
    held = []
    monkeypatch.setattr(
        tasks, "send_later", lambda task, *, eta, **kwargs: held.append((task, eta, kwargs))
    )

    def after_quiet_hours(monkeypatch=monkeypatch):
        [(_, eta, _)] = held[:1]
        monkeypatch.setattr(timezone, "now", lambda: eta)
        return held

    return after_quiet_hours


def _run_held_twice(held):
    for task, _, kwargs in list(held):
        task(**kwargs)
        task(**kwargs)


def _assert_held_until_quiet_hours_end(held, quiet_end):
    assert held, "the notice was not rescheduled"
    for _, eta, _ in held:
        assert eta.astimezone(datetime.UTC).time() == quiet_end


def test_the_trial_granted_email_waits_for_the_end_of_quiet_hours_and_goes_once(
    member, make_membership, quiet
):
    trial = make_membership(member)

    assert tasks.send_trial_granted_notices(membership_ids=[trial.pk]) == 0
    assert mail.outbox == []
    trial.refresh_from_db()
    assert trial.granted_notice_sent_at is None

    held = quiet()
    _assert_held_until_quiet_hours_end(held, member.notification_preference.quiet_end)
    _run_held_twice(held)

    assert [message.to for message in mail.outbox] == [[member.email]]
    trial.refresh_from_db()
    assert trial.granted_notice_sent_at is not None


def test_the_trial_ending_reminder_waits_for_the_end_of_quiet_hours_and_goes_once(
    member, make_membership, quiet
):
    today = site_today()
    make_membership(
        member,
        starts_on=today - datetime.timedelta(days=50),
        ends_on=today + datetime.timedelta(days=7),
    )

    assert tasks.send_trial_ending_reminders() == 0
    assert mail.outbox == []

    _run_held_twice(quiet())

    assert [message.to for message in mail.outbox] == [[member.email]]


def test_the_declined_email_waits_for_the_end_of_quiet_hours_and_goes_once(member, quiet):
    declined = TrialRequest.objects.create(member=member, status=TrialRequest.Status.DECLINED)

    assert tasks.send_trial_request_declined_notices(request_ids=[declined.pk]) == 0
    assert mail.outbox == []

    _run_held_twice(quiet())

    assert [message.to for message in mail.outbox] == [[member.email]]
    declined.refresh_from_db()
    assert declined.member_told_at is not None

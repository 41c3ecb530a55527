"""Webinar e-mails respect the member's quiet hours: held, then sent once when they end."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import NotificationPreference
from webinars.models import Notice, Registration
from webinars.tasks import queue_webinar_notices, send_webinar_notice


@pytest.fixture
def quiet_now(monkeypatch):
    """Gives a member quiet hours around the real now (UTC) and lets a test move the clock."""
    real_now = timezone.now()
    start = (real_now - datetime.timedelta(hours=1)).time().replace(microsecond=0)

    def make_quiet(member, *, hours_left: int = 2) -> datetime.datetime:
        member.time_zone = "UTC"
        member.save(update_fields=["time_zone"])
        NotificationPreference.objects.update_or_create(
            member=member,
            defaults={
                "quiet_start": start,
                "quiet_end": (real_now + datetime.timedelta(hours=hours_left))
                .time()
                .replace(second=0, microsecond=0),
            },
        )
        return real_now + datetime.timedelta(hours=hours_left, minutes=1)

    def move_to(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    make_quiet.move_to = move_to
    return make_quiet


def test_a_reminder_due_in_quiet_hours_waits_and_goes_out_once_when_they_end(
    make_webinar, register_members, quiet_now
):
    webinar = make_webinar(starts_in=datetime.timedelta(hours=20), title="Sleep and pain")
    [member] = register_members(webinar, 1)
    ends = quiet_now(member)

    queue_webinar_notices()
    queue_webinar_notices()

    assert mail.outbox == []
    assert not Notice.objects.exists()  # nothing claimed: the scheduler tries again later

    quiet_now.move_to(ends)
    queue_webinar_notices()
    queue_webinar_notices()
    registration = Registration.objects.get()
    assert send_webinar_notice(registration_id=registration.pk, kind="reminder_24h") is False

    assert [message.to for message in mail.outbox] == [[member.email]]
    assert Notice.objects.filter(kind="reminder_24h", sent_at__isnull=False).count() == 1


def test_an_hour_before_reminder_held_past_the_start_is_skipped(
    make_webinar, register_members, quiet_now
):
    webinar = make_webinar(starts_in=datetime.timedelta(minutes=30))
    [member] = register_members(webinar, 1)
    ends = quiet_now(member)

    queue_webinar_notices()
    quiet_now.move_to(ends)  # two hours later: the webinar has started
    queue_webinar_notices()

    assert mail.outbox == []


def test_members_outside_quiet_hours_are_not_held(make_webinar, register_members, quiet_now):
    webinar = make_webinar(starts_in=datetime.timedelta(hours=20))
    quiet_member, other = register_members(webinar, 2)
    quiet_now(quiet_member)

    queue_webinar_notices()

    assert [message.to for message in mail.outbox] == [[other.email]]

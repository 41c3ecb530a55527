"""Quiet hours: e-mails due then wait, and go out once when the quiet hours end."""

import datetime
import zoneinfo

import pytest
from django.core import mail

from notifications import emails
from notifications.models import EmailDelivery, NotificationPreference
from notifications.quiet_hours import quiet_until
from tests.factories import MemberFactory
from tests.notifications.conftest import notify_membership

pytestmark = pytest.mark.django_db

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
UTC = datetime.UTC


def at(year, month, day, hour, minute=0, zone=NEW_YORK):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


@pytest.fixture
def sleeper(db):
    member = MemberFactory(handle="night_owl", time_zone="America/New_York")
    NotificationPreference.objects.create(
        member=member, quiet_start=datetime.time(22, 0), quiet_end=datetime.time(7, 0)
    )
    return member


def send_at(delivery, moment) -> bool:
    return emails.send_delivery(delivery_id=delivery.pk, now=moment)


def sweep_at(moment) -> None:
    """What the periodic sweep (emails.send_due) does at `moment`: send what is due."""
    due = list(
        EmailDelivery.objects.filter(
            state__in=["pending", "failed"], next_attempt_at__lte=moment
        ).values_list("pk", flat=True)
    )
    for pk in due:
        emails.send_delivery(delivery_id=pk, now=moment)


def test_an_e_mail_due_in_quiet_hours_waits_until_they_end_across_midnight(sleeper):
    notify_membership(sleeper)
    delivery = EmailDelivery.objects.get(recipient=sleeper)
    late_evening = at(2026, 6, 10, 23, 30)
    assert send_at(delivery, late_evening) is False
    delivery.refresh_from_db()
    assert delivery.state == EmailDelivery.State.PENDING
    assert delivery.attempts == 0
    assert delivery.next_attempt_at == at(2026, 6, 11, 7, 0)
    assert mail.outbox == []

    # A retry of the task during the night still waits; nothing is sent twice or lost.
    assert send_at(delivery, at(2026, 6, 11, 3, 0)) is False
    sweep_at(at(2026, 6, 11, 6, 59))
    assert mail.outbox == []

    sweep_at(at(2026, 6, 11, 7, 0))
    assert len(mail.outbox) == 1
    sweep_at(at(2026, 6, 11, 7, 30))
    assert send_at(delivery, at(2026, 6, 11, 8, 0)) is False
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.state == EmailDelivery.State.SENT


def test_after_midnight_the_e_mail_waits_for_the_same_morning(sleeper):
    notify_membership(sleeper)
    delivery = EmailDelivery.objects.get(recipient=sleeper)
    send_at(delivery, at(2026, 6, 11, 2, 15))
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == at(2026, 6, 11, 7, 0)


def test_outside_quiet_hours_e_mail_goes_out_at_once(sleeper):
    notify_membership(sleeper)
    delivery = EmailDelivery.objects.get(recipient=sleeper)
    assert send_at(delivery, at(2026, 6, 11, 12, 0)) is True
    assert len(mail.outbox) == 1


def test_quiet_hours_follow_the_members_clock_across_daylight_saving_changes():
    start, end = datetime.time(22, 0), datetime.time(7, 0)
    # Spring forward (8 March 2026): 07:00 EDT is 11:00 UTC, not 12:00.
    spring_night = datetime.datetime(2026, 3, 8, 5, 0, tzinfo=UTC)  # 00:00 EST
    assert quiet_until(start=start, end=end, zone=NEW_YORK, now=spring_night) == (
        datetime.datetime(2026, 3, 8, 11, 0, tzinfo=UTC)
    )
    # Fall back (1 November 2026): 07:00 EST is 12:00 UTC.
    autumn_night = datetime.datetime(2026, 11, 1, 4, 0, tzinfo=UTC)  # 00:00 EDT
    assert quiet_until(start=start, end=end, zone=NEW_YORK, now=autumn_night) == (
        datetime.datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    )
    # An end in the skipped hour (02:30 on the spring-forward night) still comes, at 03:30.
    assert quiet_until(
        start=datetime.time(23, 0), end=datetime.time(2, 30), zone=NEW_YORK, now=spring_night
    ) == datetime.datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


def test_an_e_mail_delayed_over_the_dst_change_is_sent_once(sleeper):
    notify_membership(sleeper)
    delivery = EmailDelivery.objects.get(recipient=sleeper)
    send_at(delivery, datetime.datetime(2026, 3, 8, 5, 0, tzinfo=UTC))
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == datetime.datetime(2026, 3, 8, 11, 0, tzinfo=UTC)
    assert send_at(delivery, datetime.datetime(2026, 3, 8, 11, 0, tzinfo=UTC)) is True
    assert send_at(delivery, datetime.datetime(2026, 3, 8, 11, 1, tzinfo=UTC)) is False
    assert len(mail.outbox) == 1


def test_quiet_hours_within_one_day():
    start, end = datetime.time(13, 0), datetime.time(15, 0)
    assert quiet_until(start=start, end=end, zone=NEW_YORK, now=at(2026, 6, 1, 12, 59)) is None
    assert quiet_until(start=start, end=end, zone=NEW_YORK, now=at(2026, 6, 1, 13, 0)) == at(
        2026, 6, 1, 15, 0
    )
    assert quiet_until(start=start, end=end, zone=NEW_YORK, now=at(2026, 6, 1, 15, 0)) is None


def settings_form(**quiet):
    return {
        "replies": "digest",
        "quotes": "immediately",
        "mentions": "immediately",
        "email": "on",
        **quiet,
    }


def test_members_set_quiet_hours_in_their_notification_settings(client, sleeper):
    client.force_login(sleeper)
    response = client.post(
        "/notifications/settings/", settings_form(quiet_start="21:30", quiet_end="06:45")
    )
    assert response.status_code == 302
    prefs = NotificationPreference.objects.get(member=sleeper)
    assert (prefs.quiet_start, prefs.quiet_end) == (datetime.time(21, 30), datetime.time(6, 45))
    page = client.get("/notifications/settings/").content.decode()
    assert 'value="21:30"' in page
    assert "America/New_York" in page


@pytest.mark.parametrize(
    ("quiet", "message"),
    [
        ({"quiet_start": "25:00", "quiet_end": "07:00"}, "Enter a time on the 24-hour clock"),
        ({"quiet_start": "22:00", "quiet_end": ""}, "Enter when your quiet hours end"),
        ({"quiet_start": "", "quiet_end": "07:00"}, "Enter when your quiet hours start"),
        ({"quiet_start": "22:00", "quiet_end": "22:00"}, "must end at a different time"),
    ],
)
def test_a_malformed_quiet_hours_range_gets_a_clear_message_and_nothing_changes(
    client, sleeper, quiet, message
):
    client.force_login(sleeper)
    response = client.post("/notifications/settings/", settings_form(**quiet))
    assert response.status_code == 200
    assert message in response.content.decode()
    prefs = NotificationPreference.objects.get(member=sleeper)
    assert (prefs.quiet_start, prefs.quiet_end) == (datetime.time(22, 0), datetime.time(7, 0))


def test_clearing_both_times_turns_quiet_hours_off(client, sleeper):
    client.force_login(sleeper)
    client.post("/notifications/settings/", settings_form(quiet_start="", quiet_end=""))
    prefs = NotificationPreference.objects.get(member=sleeper)
    assert prefs.quiet_start is None and prefs.quiet_end is None

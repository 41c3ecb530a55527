import datetime
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone

from tests.mail_headers import assert_one_click_unsubscribe
from webinars import services
from webinars.models import Notice, Registration, Webinar
from webinars.notices import day_word
from webinars.tasks import queue_webinar_notices, send_webinar_notice


@pytest.fixture
def tomorrow_webinar(make_webinar):
    return make_webinar(
        starts_in=datetime.timedelta(hours=20), title="Pacing your day with fatigue"
    )


def test_registrants_get_the_day_before_reminder_once_even_when_the_scheduler_runs_twice(
    tomorrow_webinar, register_members
):
    members = register_members(tomorrow_webinar, 3)

    queue_webinar_notices()
    queue_webinar_notices()

    assert sorted(message.to[0] for message in mail.outbox) == sorted(m.email for m in members)
    # "Today" or "Tomorrow" depends on the clock; test_..._today_or_tomorrow_... covers it.
    assert {message.subject for message in mail.outbox} <= {
        "Today: Pacing your day with fatigue",
        "Tomorrow: Pacing your day with fatigue",
    }
    assert Notice.objects.filter(kind="reminder_24h", sent_at__isnull=False).count() == 3


def test_cancelled_registrations_get_no_reminder(tomorrow_webinar, register_members):
    stays, leaves = register_members(tomorrow_webinar, 2)
    services.cancel_registration(webinar=tomorrow_webinar, member=leaves)

    queue_webinar_notices()

    assert [message.to for message in mail.outbox] == [[stays.email]]


def test_the_hour_before_reminder_follows_the_day_before_one(make_webinar, register_members):
    webinar = make_webinar(starts_in=datetime.timedelta(minutes=40), title="Gentle stretching")
    [member] = register_members(webinar, 1)
    Notice.objects.create(registration=member.webinar_registrations.get(), kind="reminder_24h")

    queue_webinar_notices()
    queue_webinar_notices()

    assert [message.subject for message in mail.outbox] == [
        "Starting in an hour: Gentle stretching"
    ]


def test_someone_registering_in_the_last_hour_gets_only_the_hour_before_reminder(
    make_webinar, register_members
):
    webinar = make_webinar(starts_in=datetime.timedelta(minutes=30))
    register_members(webinar, 1)

    queue_webinar_notices()

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Starting in an hour")


def test_nothing_is_sent_days_before_or_after_the_start(make_webinar, register_members):
    register_members(make_webinar(starts_in=datetime.timedelta(days=3)), 1)
    register_members(make_webinar(starts_in=-datetime.timedelta(days=3)), 1)

    queue_webinar_notices()

    assert mail.outbox == []


def test_a_reminder_task_run_twice_sends_one_email(tomorrow_webinar, register_members):
    register_members(tomorrow_webinar, 1)
    registration = Registration.objects.get()

    first = send_webinar_notice(registration_id=registration.pk, kind="reminder_24h")
    second = send_webinar_notice(registration_id=registration.pk, kind="reminder_24h")

    assert (first, second) == (True, False)
    assert len(mail.outbox) == 1


def test_a_queued_reminder_is_not_sent_after_the_member_cancels(tomorrow_webinar, register_members):
    [member] = register_members(tomorrow_webinar, 1)
    registration = Registration.objects.get()
    services.cancel_registration(webinar=tomorrow_webinar, member=member)

    assert send_webinar_notice(registration_id=registration.pk, kind="reminder_24h") is False
    assert mail.outbox == []


def test_a_reminder_has_text_and_html_with_the_time_and_links(make_webinar, register_members):
    start = timezone.now() + datetime.timedelta(hours=5)
    webinar = make_webinar(starts_at=start, join_url="https://example.org/join/pacing")
    [member] = register_members(webinar, 1, time_zone="Europe/Paris")

    queue_webinar_notices()

    [message] = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    when_in_chicago = start.astimezone(webinar.zone)
    assert f"{when_in_chicago.hour % 12 or 12}:{when_in_chicago:%M}" in message.body
    assert " CT" in message.body
    assert "For you (Europe/Paris)" in message.body
    assert f"http://testserver/webinars/{webinar.slug}/" in message.body
    assert f"http://testserver/webinars/{webinar.slug}/calendar.ics" in message.body
    assert f"Hello {member.name}" in html
    # Five hours before, the join window is not open: the e-mail says when the link appears.
    opens = (start - datetime.timedelta(minutes=15)).astimezone(zoneinfo.ZoneInfo("Europe/Paris"))
    clock = f"{opens.hour % 12 or 12}:{opens:%M}{'am' if opens.hour < 12 else 'pm'}"
    assert f"The link to join will be on the webinar's page from {clock} CE" in message.body
    assert "https://example.org/join/pacing" not in message.body
    assert "https://example.org/join/pacing" not in html


@pytest.fixture
def finished_webinar(make_webinar):
    return make_webinar(starts_in=-datetime.timedelta(days=2), title="Caring for the carer")


def test_registrants_hear_once_when_a_recording_is_added(
    finished_webinar, register_members, django_capture_on_commit_callbacks
):
    stays, leaves = register_members(finished_webinar, 2)
    services.cancel_registration(webinar=finished_webinar, member=leaves)

    with django_capture_on_commit_callbacks(execute=True):
        finished_webinar.recording_url = "https://vimeo.com/76979871"
        finished_webinar.save()
        services.announce_recording(webinar=finished_webinar)
    queue_webinar_notices()
    with django_capture_on_commit_callbacks(execute=True):
        finished_webinar.save()
        services.announce_recording(webinar=finished_webinar)

    assert [message.to for message in mail.outbox] == [[stays.email]]
    assert mail.outbox[0].subject == "The recording is ready: Caring for the carer"


def test_no_recording_email_before_the_webinar_has_ended(make_webinar, register_members):
    webinar = make_webinar(starts_in=datetime.timedelta(days=2))
    register_members(webinar, 1)
    Webinar.objects.filter(pk=webinar.pk).update(
        recording_url="https://vimeo.com/1", recording_published_at=timezone.now()
    )

    queue_webinar_notices()

    assert mail.outbox == []


def test_the_scheduler_announces_a_recording_posted_before_it_ran(
    finished_webinar, register_members
):
    register_members(finished_webinar, 2)
    finished_webinar.recording_url = "https://vimeo.com/76979871"
    finished_webinar.save()

    queue_webinar_notices()
    queue_webinar_notices()

    assert len(mail.outbox) == 2


def test_an_old_webinar_given_a_recording_long_ago_sends_nothing_new(
    make_webinar, register_members
):
    webinar = make_webinar(starts_in=-datetime.timedelta(days=60))
    register_members(webinar, 1)
    Webinar.objects.filter(pk=webinar.pk).update(
        recording_url="https://vimeo.com/1",
        recording_published_at=timezone.now() - datetime.timedelta(days=50),
    )

    queue_webinar_notices()

    assert mail.outbox == []


def test_the_recording_email_tells_a_member_without_premium_how_to_get_a_trial(
    finished_webinar, register_members, premium_member
):
    Webinar.objects.filter(pk=finished_webinar.pk).update(audience=Webinar.Audience.PREMIUM)
    [plain] = register_members(finished_webinar, 1)
    Registration.objects.create(webinar=finished_webinar, member=premium_member)
    finished_webinar.refresh_from_db()
    finished_webinar.recording_url = "https://vimeo.com/76979871"
    finished_webinar.save()

    queue_webinar_notices()

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert "ask for a free trial" in by_recipient[plain.email].body
    assert "ask for a free trial" not in by_recipient[premium_member.email].body
    assert "Watch the recording" in by_recipient[premium_member.email].alternatives[0][0]


@pytest.mark.parametrize(
    ("now", "starts", "word"),
    [
        ((2030, 3, 7, 8), (2030, 3, 7, 14), "today"),
        ((2030, 3, 6, 15), (2030, 3, 7, 14), "tomorrow"),
        ((2030, 3, 6, 23, 30), (2030, 3, 7, 0, 30), "tomorrow"),
    ],
)
def test_the_day_before_reminder_says_today_or_tomorrow_as_the_members_calendar_reads(
    now, starts, word
):
    zone = zoneinfo.ZoneInfo("America/Chicago")

    assert (
        day_word(
            datetime.datetime(*starts, tzinfo=zone), zone, datetime.datetime(*now, tzinfo=zone)
        )
        == word
    )


def test_every_webinar_e_mail_offers_one_click_unsubscribe(
    make_webinar, finished_webinar, register_members, django_capture_on_commit_callbacks
):
    register_members(make_webinar(starts_in=datetime.timedelta(hours=20)), 1)
    register_members(make_webinar(starts_in=datetime.timedelta(minutes=40)), 1)
    register_members(finished_webinar, 1)
    with django_capture_on_commit_callbacks(execute=True):
        finished_webinar.recording_url = "https://vimeo.com/76979871"
        finished_webinar.save()
        services.announce_recording(webinar=finished_webinar)
    queue_webinar_notices()

    kinds = {n.kind for n in Notice.objects.filter(sent_at__isnull=False)}
    assert kinds == {"reminder_24h", "reminder_1h", "recording"}
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert_one_click_unsubscribe(message)

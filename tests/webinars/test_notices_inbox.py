"""Webinar reminders and "the recording is ready" land in the notifications inbox too."""

import datetime

from django.core import mail

from notifications.models import EmailDelivery, Notification
from notifications.services import unsubscribe
from webinars import services
from webinars.models import Registration
from webinars.tasks import queue_webinar_notices


def test_each_registrant_gets_one_inbox_entry_per_reminder(make_webinar, register_members):
    webinar = make_webinar(starts_in=datetime.timedelta(hours=20), title="Pacing your day")
    members = register_members(webinar, 2)

    queue_webinar_notices()
    queue_webinar_notices()

    notes = Notification.objects.filter(kind=Notification.Kind.WEBINAR)
    assert sorted(n.recipient_id for n in notes) == sorted(m.pk for m in members)
    assert {n.url for n in notes} == {webinar.get_absolute_url()}
    assert all("“Pacing your day”" in n.text for n in notes)
    assert len(mail.outbox) == 2  # one e-mail each, sent by webinars, none from the outbox
    assert not EmailDelivery.objects.exists()


def test_the_recording_is_announced_once_in_the_inbox(
    make_webinar, register_members, django_capture_on_commit_callbacks
):
    webinar = make_webinar(starts_in=-datetime.timedelta(days=2), title="Caring for the carer")
    [member] = register_members(webinar, 1)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            webinar.recording_url = "https://vimeo.com/76979871"
            webinar.save()
            services.announce_recording(webinar=webinar)

    [note] = Notification.objects.filter(recipient=member)
    assert note.text.startswith("The recording of “Caring for the carer” is ready")
    assert len(mail.outbox) == 1


def test_a_registrant_who_turned_e_mail_off_sees_the_reminder_only_on_the_site(
    make_webinar, register_members
):
    webinar = make_webinar(starts_in=datetime.timedelta(minutes=40), title="Gentle stretching")
    [member] = register_members(webinar, 1)
    unsubscribe(member=member)

    queue_webinar_notices()

    assert Notification.objects.get(recipient=member).text.startswith(
        "Starting in an hour: “Gentle stretching”"
    )
    assert mail.outbox == []
    assert Registration.objects.get(member=member).notices.get().sent_at is not None

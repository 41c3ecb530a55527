"""The join link: registrants only, from WEBINAR_JOIN_OPENS_MINUTES before the start until
the end, on the page, in the reminders and in their calendar file (webinars.querysets
join_link_for); visitors and non-registrants never."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from tests.webinars.test_ical import unfold
from webinars.models import Notice, Registration
from webinars.querysets import join_link_for
from webinars.tasks import send_webinar_notice

pytestmark = pytest.mark.django_db

JOIN = "https://meet.example.org/j/4455?pwd=only-for-registrants"
HOST = "meet.example.org"


@pytest.fixture
def webinar_in(make_webinar):
    """webinar_in(minutes): an online webinar starting that many minutes from now."""

    def make(minutes: float, **fields):
        return make_webinar(
            location_kind="online",
            join_url=JOIN,
            starts_in=datetime.timedelta(minutes=minutes),
            **fields,
        )

    return make


def page(client, webinar, reader=None) -> str:
    client.logout()
    if reader is not None:
        client.force_login(reader)
    return client.get(webinar.get_absolute_url()).content.decode()


def calendar(client, webinar, reader=None) -> str:
    client.logout()
    if reader is not None:
        client.force_login(reader)
    return unfold(client.get(f"/webinars/{webinar.slug}/calendar.ics").content.decode())


def test_a_registrant_sees_the_link_from_fifteen_minutes_before_the_start(
    client, member, webinar_in
):
    soon, later = webinar_in(10), webinar_in(40)
    for webinar in (soon, later):
        Registration.objects.create(webinar=webinar, member=member)

    inside = page(client, soon, member)
    before = page(client, later, member)

    assert f'href="{JOIN}"' in inside
    assert "Join the webinar now" in inside
    assert HOST not in before
    opens = (later.starts_at - datetime.timedelta(minutes=15)).astimezone(later.zone)
    clock = f"{opens.hour % 12 or 12}:{opens:%M}{'am' if opens.hour < 12 else 'pm'} CT"
    assert f"The link to join will appear here at {clock}, 15 minutes before the start." in before


def test_the_link_stays_while_the_webinar_is_live_and_goes_when_it_ends(member, webinar_in):
    webinar = webinar_in(-30)  # started half an hour ago, ends in half an hour
    Registration.objects.create(webinar=webinar, member=member)
    now = timezone.now()

    assert join_link_for(webinar, member, now=now) == JOIN
    assert join_link_for(webinar, member, now=webinar.ends_at) == ""
    assert (
        join_link_for(webinar, member, now=webinar.starts_at - datetime.timedelta(minutes=16)) == ""
    )


def test_visitors_and_non_registrants_never_see_the_link_even_inside_the_window(
    client, member, other_member, webinar_in
):
    webinar = webinar_in(5)
    Registration.objects.create(webinar=webinar, member=member)
    Registration.objects.create(webinar=webinar, member=other_member, cancelled_at=timezone.now())
    assert HOST in page(client, webinar, member)  # the cache now holds nothing of theirs

    visitor_first = page(client, webinar)
    visitor_cached = page(client, webinar)  # served from the visitors' page cache
    cancelled = page(client, webinar, other_member)

    for html in (visitor_first, visitor_cached, cancelled):
        assert HOST not in html
        assert "Join the webinar now" not in html
    for reader in (None, other_member):
        assert HOST not in calendar(client, webinar, reader)


def test_the_window_follows_the_setting(client, settings, member, webinar_in):
    settings.WEBINAR_JOIN_OPENS_MINUTES = 60
    webinar = webinar_in(45)
    Registration.objects.create(webinar=webinar, member=member)

    assert f'href="{JOIN}"' in page(client, webinar, member)


def test_a_registrants_calendar_file_says_where_the_link_will_be_before_the_window(
    client, member, webinar_in
):
    webinar = webinar_in(60 * 24 * 3)
    Registration.objects.create(webinar=webinar, member=member)

    body = calendar(client, webinar, member)

    assert HOST not in body
    assert "LOCATION:Online\r\n" in body
    assert "find the link to join on the webinar's page from 15 minutes before the start" in body


def test_a_registrants_calendar_file_inside_the_window_carries_the_link(client, member, webinar_in):
    webinar = webinar_in(10)
    Registration.objects.create(webinar=webinar, member=member)

    body = calendar(client, webinar, member)

    assert "LOCATION:Online: https://meet.example.org" in body


def test_the_hour_before_reminder_says_when_the_link_appears(member, webinar_in):
    webinar = webinar_in(50)
    registration = Registration.objects.create(webinar=webinar, member=member)

    assert send_webinar_notice(registration_id=registration.pk, kind=Notice.Kind.REMINDER_1H)

    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert HOST not in message.body and HOST not in html
    assert "The link to join will be on the webinar" in message.body
    assert "The link to join will be on the webinar" in html


def test_a_reminder_sent_inside_the_window_carries_the_link(member, webinar_in):
    # e.g. held back by the member's quiet hours until ten minutes before the start
    webinar = webinar_in(10)
    registration = Registration.objects.create(webinar=webinar, member=member)

    assert send_webinar_notice(registration_id=registration.pk, kind=Notice.Kind.REMINDER_1H)

    [message] = mail.outbox
    assert JOIN in message.body
    assert f'href="{JOIN.replace("&", "&amp;")}"' in message.alternatives[0][0]
    assert "The link to join will be on" not in message.body


def test_an_in_person_event_has_no_join_link(member, make_webinar):
    webinar = make_webinar(
        location_kind="in_person",
        join_url=JOIN,
        place_name="Room 4",
        starts_in=datetime.timedelta(minutes=5),
    )
    Registration.objects.create(webinar=webinar, member=member)

    assert join_link_for(webinar, member) == ""

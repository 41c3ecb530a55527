import datetime
import zoneinfo

import pytest

from core import dates
from webinars import times

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def chicago(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=CHICAGO)


def test_a_winter_event_reads_as_the_reference_page_writes_it():
    when = times.when(chicago(2019, 1, 17, 14), chicago(2019, 1, 17, 15), CHICAGO)

    assert when["date"] == "Thu, Jan 17, 2019"
    assert when["time_range"] == "2:00pm to 3:00pm CT"


def test_a_summer_event_in_chicago_also_says_ct():
    when = times.when(chicago(2019, 7, 18, 9, 30), chicago(2019, 7, 18, 11), CHICAGO)

    assert when["date"] == "Thu, Jul 18, 2019"
    assert when["time_range"] == "9:30am to 11:00am CT"


def test_noon_and_midnight_read_as_twelve():
    assert dates.format_clock(chicago(2019, 1, 17, 12), CHICAGO) == "12:00pm"
    assert dates.format_clock(chicago(2019, 1, 17, 0, 5), CHICAGO) == "12:05am"


def test_an_event_ending_the_next_day_names_the_end_date():
    when = times.when(chicago(2019, 1, 17, 23), chicago(2019, 1, 18, 0, 30), CHICAGO)

    assert when["time_range"] == "11:00pm to Fri, Jan 18, 2019, 12:30am CT"


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("America/New_York", "ET"),
        ("America/Los_Angeles", "PT"),
        ("Europe/Paris", "CET"),
        ("Europe/London", "GMT"),
        ("Asia/Shanghai", "CST"),
        ("Asia/Dubai", "UTC+4"),
        ("Asia/Kathmandu", "UTC+05:45"),
    ],
)
def test_zone_labels_are_generic_in_north_america_and_local_elsewhere(zone, label):
    assert dates.zone_label(chicago(2019, 1, 17, 14), zoneinfo.ZoneInfo(zone)) == label


def test_european_summer_time_shows_the_summer_abbreviation():
    assert dates.zone_label(chicago(2019, 7, 18, 14), zoneinfo.ZoneInfo("Europe/Paris")) == "CEST"


@pytest.mark.django_db
def test_the_page_shows_the_date_and_time_range_in_the_events_zone(client, make_webinar):
    webinar = make_webinar(starts_at=chicago(2019, 1, 17, 14))

    html = client.get(webinar.get_absolute_url()).content.decode()

    assert "Thu, Jan 17, 2019" in html
    assert "2:00pm to 3:00pm CT" in html
    assert '<time datetime="2019-01-17T14:00:00-06:00">' in html


@pytest.mark.django_db
def test_a_member_elsewhere_also_sees_the_time_in_their_own_zone(client, make_webinar, member):
    member.time_zone = "Europe/Paris"
    member.save()
    client.force_login(member)
    webinar = make_webinar(starts_at=chicago(2019, 1, 17, 14))

    html = client.get(webinar.get_absolute_url()).content.decode()

    assert "2:00pm to 3:00pm CT" in html
    assert "In your time zone (Europe/Paris): Thu, Jan 17, 2019, 9:00pm to 10:00pm CET" in html


@pytest.mark.django_db
def test_a_member_in_the_events_zone_sees_just_one_time(client, make_webinar, member):
    member.time_zone = "America/Chicago"
    member.save()
    client.force_login(member)
    webinar = make_webinar(starts_at=chicago(2019, 1, 17, 14))

    html = client.get(webinar.get_absolute_url()).content.decode()

    assert "In your time zone" not in html
    assert "data-local-time" not in html


@pytest.mark.django_db
def test_a_visitor_gets_the_times_for_the_local_time_script(client, make_webinar):
    webinar = make_webinar(starts_at=chicago(2019, 1, 17, 14))

    html = client.get(webinar.get_absolute_url()).content.decode()

    assert 'data-event-zone="America/Chicago"' in html
    assert "js/local-time" in html

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from webinars.ical import escape_text, fold
from webinars.models import Registration

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


@pytest.fixture
def reference_webinar(make_webinar):
    return make_webinar(
        starts_at=datetime.datetime(2019, 1, 17, 14, tzinfo=CHICAGO),
        title="Talking with your care team",
        slug="talking-with-your-care-team",
    )


@pytest.mark.django_db
def test_the_calendar_file_carries_the_times_in_utc(client, reference_webinar):
    response = client.get("/webinars/talking-with-your-care-team/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="talking-with-your-care-team.ics"' in response["Content-Disposition"]
    body = unfold(response.content.decode())
    assert "DTSTART:20190117T200000Z\r\n" in body
    assert "DTEND:20190117T210000Z\r\n" in body


@pytest.mark.django_db
def test_the_calendar_file_is_one_complete_event(client, reference_webinar):
    body = unfold(client.get("/webinars/talking-with-your-care-team/calendar.ics").content.decode())
    lines = body.split("\r\n")

    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2:] == ["END:VCALENDAR", ""]
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    assert f"UID:webinar-{reference_webinar.pk}@testserver" in lines
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in lines)
    assert "SUMMARY:Talking with your care team" in lines
    assert "LOCATION:Online" in lines
    assert "URL:http://testserver/webinars/talking-with-your-care-team/" in lines
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 1


@pytest.mark.django_db
def test_every_line_ends_in_crlf_and_fits_in_75_octets(client, make_webinar):
    webinar = make_webinar(
        title="Après la greffe : questions fréquentes " * 4,
        description_markdown="Une longue description accentuée — " * 20,
    )

    raw = client.get(f"/webinars/{webinar.slug}/calendar.ics").content

    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # folding never splits a character


def test_folding_keeps_every_character_and_marks_continuations_with_a_space():
    line = "DESCRIPTION:" + "é" * 100

    folded = fold(line)

    assert unfold(folded) == line
    assert all(piece.startswith(" ") for piece in folded.split("\r\n")[1:])


@pytest.mark.django_db
def test_commas_semicolons_and_newlines_are_escaped(client, make_webinar):
    webinar = make_webinar(
        title="Sleep, rest; and recovery",
        description_markdown="First line\nSecond line, with a comma; and a semicolon \\ slash",
        location_kind="in_person",
        place_name="Riverside Hospital, Room 4",
        place_address="1200 River Road\nSpringfield",
    )

    body = unfold(client.get(f"/webinars/{webinar.slug}/calendar.ics").content.decode())

    assert "SUMMARY:Sleep\\, rest\\; and recovery\r\n" in body
    assert "First line\\nSecond line\\, with a comma\\; and a semicolon \\\\ slash" in body
    assert "LOCATION:Riverside Hospital\\, Room 4\\, 1200 River Road Springfield\r\n" in body


@pytest.mark.django_db
def test_the_page_offers_add_to_calendar(client, make_webinar):
    webinar = make_webinar()

    html = client.get(webinar.get_absolute_url()).content.decode()

    assert f'href="/webinars/{webinar.slug}/calendar.ics">Add to calendar</a>' in html


@pytest.mark.django_db
def test_an_unknown_webinar_has_no_calendar_file(client):
    assert client.get("/webinars/no-such-thing/calendar.ics").status_code == 404


JOIN = "https://meet.example.org/j/8675309?pwd=secret"


@pytest.fixture
def online_webinar(make_webinar):
    """Starting in ten minutes: inside the join window (WEBINAR_JOIN_OPENS_MINUTES, 15)."""
    return make_webinar(
        location_kind="online", join_url=JOIN, starts_in=datetime.timedelta(minutes=10)
    )


@pytest.mark.django_db
def test_a_registered_members_calendar_file_carries_the_join_link(client, member, online_webinar):
    Registration.objects.create(webinar=online_webinar, member=member)
    client.force_login(member)

    response = client.get(f"/webinars/{online_webinar.slug}/calendar.ics")

    body = unfold(response.content.decode())
    assert f"LOCATION:Online: {escape_text(JOIN)}\r\n" in body
    assert f"DESCRIPTION:Join online: {escape_text(JOIN)}\\n" in body
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_visitors_and_members_who_did_not_register_get_no_join_link(
    client, member, other_member, online_webinar
):
    cancelled = Registration.objects.create(
        webinar=online_webinar, member=other_member, cancelled_at=timezone.now()
    )
    url = f"/webinars/{online_webinar.slug}/calendar.ics"
    for reader in [None, member, cancelled.member]:
        client.logout()
        if reader is not None:
            client.force_login(reader)
        body = unfold(client.get(url).content.decode())
        assert "meet.example.org" not in body
        assert "LOCATION:Online\r\n" in body


@pytest.mark.django_db
def test_a_visitors_cached_webinar_page_never_carries_the_join_link(client, member, online_webinar):
    Registration.objects.create(webinar=online_webinar, member=member)
    client.force_login(member)
    assert JOIN.split("?")[0] in client.get(online_webinar.get_absolute_url()).content.decode()
    client.get(f"/webinars/{online_webinar.slug}/calendar.ics")
    client.logout()

    first = client.get(online_webinar.get_absolute_url()).content.decode()
    again = client.get(online_webinar.get_absolute_url()).content.decode()  # from the cache
    calendar = client.get(f"/webinars/{online_webinar.slug}/calendar.ics").content.decode()

    for text in (first, again, unfold(calendar)):
        assert "meet.example.org" not in text

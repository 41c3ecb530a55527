"""Dates and times read in the reader's language (core.dates): Spanish readers see
"jueves, 17 de enero de 2019" and "2:00 p. m. a 3:00 p. m. CT"; English stays as it was; the
webinar's calendar file stays in UTC whatever the language."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from core import dates

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
MOMENT = datetime.datetime(2019, 1, 17, 14, 0, tzinfo=CHICAGO)


@pytest.mark.parametrize(
    ("language", "day", "moment", "hours"),
    [
        ("en", "Thu, Jan 17, 2019", "Thu, Jan 17, 2019, 2:00pm CT", "2:00pm to 3:00pm CT"),
        (
            "es",
            "jueves, 17 de enero de 2019",
            "jueves, 17 de enero de 2019, 2:00 p. m. CT",
            "2:00 p. m. a 3:00 p. m. CT",
        ),
    ],
)
def test_a_day_a_moment_and_an_events_hours_in_each_language(language, day, moment, hours):
    with translation.override(language):
        assert dates.format_day(MOMENT, CHICAGO) == day
        assert dates.format_moment(MOMENT, CHICAGO) == moment
        end = MOMENT + datetime.timedelta(hours=1)
        assert dates.format_time_range(MOMENT, end, CHICAGO) == hours


def test_a_morning_and_an_event_past_midnight_in_spanish():
    start = datetime.datetime(2026, 12, 15, 23, 0, tzinfo=CHICAGO)
    with translation.override("es"):
        assert dates.format_clock(start.replace(hour=9, minute=30), CHICAGO) == "9:30 a. m."
        assert dates.format_time_range(start, start + datetime.timedelta(hours=2), CHICAGO) == (
            "11:00 p. m. a miércoles, 16 de diciembre de 2026, 1:00 a. m. CT"
        )


@pytest.mark.parametrize(
    ("age", "english", "spanish"),
    [
        (datetime.timedelta(seconds=20), "just now", "hace un momento"),
        (datetime.timedelta(minutes=1), "1 minute ago", "hace 1 minuto"),
        (datetime.timedelta(minutes=59), "59 minutes ago", "hace 59 minutos"),
        (datetime.timedelta(hours=3), "3 hours ago", "hace 3 horas"),
        (datetime.timedelta(days=1, hours=2), "1 day ago", "hace 1 día"),
    ],
)
def test_recent_moments_in_each_language(age, english, spanish):
    now = datetime.datetime(2026, 12, 15, 11, 0, tzinfo=CHICAGO)
    assert dates.format_relative(now - age, now=now, zone=CHICAGO) == english
    with translation.override("es"):
        assert dates.format_relative(now - age, now=now, zone=CHICAGO) == spanish


def test_the_time_element_keeps_its_machine_readable_moment_in_spanish():
    with translation.override("es"), timezone.override(CHICAGO):
        html = Template("{% load dates %}{{ m|when_full }}").render(Context({"m": MOMENT}))
    assert html == (
        '<time datetime="2019-01-17T14:00:00-06:00">'
        "jueves, 17 de enero de 2019, 2:00 p. m. CT</time>"
    )


@pytest.mark.django_db
def test_the_webinar_calendar_file_stays_in_utc_for_a_spanish_reader(client):
    from tests.every_url import Demo

    webinar = Demo.load().webinar
    english = client.get(f"{webinar.get_absolute_url()}calendar.ics").content.decode()
    spanish = client.get(
        f"{webinar.get_absolute_url()}calendar.ics", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    stamp = webinar.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{stamp}" in spanish
    start_lines = [line for line in spanish.splitlines() if line.startswith("DTSTART")]
    assert start_lines == [f"DTSTART:{stamp}"]
    assert [line for line in english.splitlines() if line.startswith("DTSTART")] == start_lines


def test_numbers_in_a_message_are_written_the_readers_way():
    from core.text_limits import too_long_message

    english = too_long_message(noun="post", length=20_001, limit=20_000)
    assert english.startswith("Your post is 20,001 characters; the limit is 20,000.")
    with translation.override("es"):
        spanish = too_long_message(noun="publicación", length=20_001, limit=20_000)
    # Spanish groups digits with a non-breaking space (Django's Spanish formats, as the RAE).
    assert spanish == (
        "Su publicación tiene 20\xa0001 caracteres; el límite es 20\xa0000. No se ha perdido "
        "nada: acorte el texto y vuelva a enviarlo."
    )

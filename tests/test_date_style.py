"""One date style everywhere (core.dates, core/templatetags/dates.py)."""

import datetime
import re
import zoneinfo
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone

from core import dates

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# A date written for people must go through the dates filters; `|date:'c'` (or 'Y-m-d') in a
# machine-readable attribute such as <time datetime="…"> is allowed.
STRAY = re.compile(
    r"""\|(?:date:\s*["'](?!c["']|Y-m-d["'])|time:|naturaltime|naturalday|timesince|timeuntil)"""
)


def render(source: str, **context) -> str:
    return Template("{% load dates %}" + source).render(Context(context))


def test_no_template_formats_dates_on_its_own():
    strays = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}"
        for path in sorted(TEMPLATES.rglob("*"))
        if path.is_file() and path.suffix in {".html", ".txt", ".ics"}
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if STRAY.search(line)
    ]
    assert strays == []


def test_a_moment_reads_with_weekday_date_clock_and_zone():
    moment = datetime.datetime(2026, 12, 15, 11, 0, tzinfo=CHICAGO)
    assert dates.format_moment(moment, CHICAGO) == "Tue, Dec 15, 2026, 11:00am CT"


def test_a_suspension_ending_at_midnight_is_said_without_ambiguity():
    ends = datetime.datetime(2026, 12, 13, 0, 0, tzinfo=CHICAGO)
    with timezone.override(CHICAGO):
        html = render("until {{ ends|when_until }}", ends=ends)
    assert html == (
        'until <time datetime="2026-12-13T00:00:00-06:00">Sat, Dec 12, 2026, 11:59pm CT</time>'
    )
    # Seen from New York, the same end is no midnight there: it reads as it is.
    assert dates.format_until(ends, zoneinfo.ZoneInfo("America/New_York")) == (
        "Sun, Dec 13, 2026, 1:00am ET"
    )


def test_a_recent_moment_reads_as_hours_ago_with_the_full_date_as_tooltip():
    moment = timezone.now() - datetime.timedelta(hours=3, minutes=5)
    with timezone.override(CHICAGO):
        html = render("{{ moment|when }}", moment=moment)
    assert ">3 hours ago</time>" in html
    assert f'title="{dates.format_moment(moment, CHICAGO)}"' in html
    assert f'datetime="{timezone.localtime(moment, CHICAGO).isoformat(timespec="seconds")}"' in html


def test_an_older_moment_reads_as_its_full_date():
    moment = datetime.datetime(2020, 3, 1, 14, 30, tzinfo=CHICAGO)
    with timezone.override(CHICAGO):
        assert ">Sun, Mar 1, 2020, 2:30pm CT</time>" in render("{{ m|when }}", m=moment)


@pytest.mark.parametrize(
    ("age", "words"),
    [
        (datetime.timedelta(seconds=20), "just now"),
        (datetime.timedelta(minutes=1), "1 minute ago"),
        (datetime.timedelta(minutes=59), "59 minutes ago"),
        (datetime.timedelta(hours=1), "1 hour ago"),
        (datetime.timedelta(days=1, hours=2), "1 day ago"),
        (datetime.timedelta(days=6, hours=23), "6 days ago"),
    ],
)
def test_relative_words(age, words):
    now = datetime.datetime(2026, 12, 15, 11, 0, tzinfo=CHICAGO)
    assert dates.format_relative(now - age, now=now, zone=CHICAGO) == words


def test_a_moment_reads_in_the_readers_own_time_zone():
    moment = datetime.datetime(2026, 7, 1, 18, 0, tzinfo=datetime.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Europe/Madrid")):
        assert render("{{ m|moment }}", m=moment) == "Wed, Jul 1, 2026, 8:00pm CEST"


def test_a_calendar_day_reads_without_a_clock():
    assert render("{{ d|day }}", d=datetime.date(2026, 3, 31)) == "Tue, Mar 31, 2026"
    assert render("{{ d|when_day }}", d=datetime.date(2026, 3, 31)) == (
        '<time datetime="2026-03-31">Tue, Mar 31, 2026</time>'
    )


def test_nothing_to_show_renders_nothing():
    assert render("[{{ d|when }}{{ d|when_full }}{{ d|day }}{{ d|moment }}]", d=None) == "[]"

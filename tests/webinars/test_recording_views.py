"""Recording views: once per member per day, noted in Redis, written by the beat task;
never a database write on a page view; with Redis down, pages still work."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import site_today
from insights.figures import Period, webinars
from webinars import recording_views
from webinars.models import Attendance, RecordingViewDay, Registration
from webinars.tasks import flush_recording_views

pytestmark = pytest.mark.django_db


def views_of(webinar) -> int:
    return sum(RecordingViewDay.objects.filter(webinar=webinar).values_list("views", flat=True))


def open_page(client, webinar, reader):
    client.force_login(reader)
    response = client.get(webinar.get_absolute_url())
    assert response.status_code == 200
    return response


def test_a_member_watching_twice_a_day_counts_once_and_the_page_view_writes_nothing(
    client, archived_webinar, premium_member, trial_member
):
    with CaptureQueriesContext(connection) as queries:
        open_page(client, archived_webinar, premium_member)
    open_page(client, archived_webinar, premium_member)
    open_page(client, archived_webinar, trial_member)

    assert not [q for q in queries.captured_queries if "recordingviewday" in q["sql"].lower()]
    assert views_of(archived_webinar) == 0  # not yet flushed
    assert flush_recording_views() == 1
    assert views_of(archived_webinar) == 2
    flush_recording_views()  # a second run writes the same count, never adds
    assert views_of(archived_webinar) == 2


def test_readers_not_shown_the_recording_and_staff_are_not_counted(
    client, archived_webinar, member, staff
):
    open_page(client, archived_webinar, member)  # not premium: sees the trial prompt
    open_page(client, archived_webinar, staff)
    client.logout()
    client.get(archived_webinar.get_absolute_url())

    flush_recording_views()

    assert views_of(archived_webinar) == 0


def test_each_day_is_counted_on_its_own_and_old_days_leave_the_queue(archived_webinar):
    today = site_today()
    yesterday, long_ago = today - datetime.timedelta(days=1), today - datetime.timedelta(days=3)
    for day, members in ((today, (1, 2)), (yesterday, (1,)), (long_ago, (1, 2, 3))):
        for member_id in members:
            recording_views.note_view(webinar_id=archived_webinar.pk, member_id=member_id, day=day)

    flush_recording_views()

    rows = dict(
        RecordingViewDay.objects.filter(webinar=archived_webinar).values_list("day", "views")
    )
    assert rows == {today: 2, yesterday: 1, long_ago: 3}
    RecordingViewDay.objects.filter(day=long_ago).update(views=0)
    flush_recording_views()  # the old day was taken off the queue: not written again
    assert RecordingViewDay.objects.get(day=long_ago).views == 0


def test_with_redis_down_the_page_works_and_the_view_is_not_counted(
    client, settings, archived_webinar, premium_member
):
    settings.CACHES = {
        "default": {
            **django_settings.CACHES["default"],
            "BACKEND": "core.fail_open_cache.FailOpenRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }

    response = open_page(client, archived_webinar, premium_member)

    assert "youtube-nocookie.com/embed" in response.content.decode()
    assert flush_recording_views() == 0
    assert views_of(archived_webinar) == 0


def test_without_redis_a_local_cache_counts_a_member_once_a_day(
    client, settings, archived_webinar, premium_member
):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

    open_page(client, archived_webinar, premium_member)
    open_page(client, archived_webinar, premium_member)

    assert views_of(archived_webinar) == 1


def test_insights_count_registered_attended_and_recording_views(
    client, staff, archived_webinar, register_members, premium_member
):
    members = register_members(archived_webinar, 3)
    Attendance.objects.create(webinar=archived_webinar, member=members[0])
    Attendance.objects.create(webinar=archived_webinar, member=premium_member)  # imported
    Registration.objects.filter(member=members[2]).update(cancelled_at=archived_webinar.starts_at)
    open_page(client, archived_webinar, premium_member)
    flush_recording_views()

    day = archived_webinar.starts_at.date()
    [row] = webinars(Period(day - datetime.timedelta(days=1), day + datetime.timedelta(days=1)))
    client.force_login(staff)
    insights = client.get("/staff/insights/", {"period": "30"}).content.decode()

    assert (row["registrations"], row["attended"], row["recording_views"]) == (2, 2, 1)
    header = '<th scope="col">Registrations</th><th scope="col">Attended</th>'
    assert header + '<th scope="col">Recording views</th>' in insights
    title = f'<th scope="row">{archived_webinar.title}</th>'
    assert title + "<td>2</td><td>2</td><td>1</td>" in insights

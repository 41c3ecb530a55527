"""Daily roll-ups: the stored days give the same figures as counting live, the page trusts
only days measured after they ended (or today, measured a moment ago), and the beat tasks
and the command keep them."""

import datetime
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.models import site_today
from community.models import Post
from insights import rollup, tasks
from insights.figures import Period, figures
from insights.measure import midnight
from insights.models import DayFigures
from tests.insights.conftest import END, EXPECTED, START, at

pytestmark = pytest.mark.django_db

AFTER = datetime.date(2026, 3, 20)  # the roll-up runs on this day, after the period


@contextmanager
def counted_queries():
    """The SQL statements run inside the block (whatever a request does to Django's log)."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield statements


def _reply_on(community, day: int) -> Post:
    thread = Post.objects.get(position=1, thread__title="A question", created_at=at(3, 10)).thread
    return community.post(thread, community.members[0], at(day, 16))


def test_rolled_up_days_give_the_hand_counted_figures(community, period):
    rollup.roll_up(today=AFTER)

    data = figures(period)

    for name, expected in EXPECTED.items():
        assert getattr(data, name) == expected, name
    assert [(w["title"], w["registrations"], w["replies"]) for w in data.webinars] == [
        ("Living with a new kidney", 3, 2)
    ]


def test_rolled_up_days_of_one_group_match_counting_live(community):
    one_group = Period(START, END, group_id=community.group.pk)
    live = figures(one_group)

    rollup.roll_up(today=AFTER)

    assert figures(one_group) == live


def test_stored_days_are_read_without_measuring_the_posts_again(community, period):
    rollup.roll_up(today=AFTER)

    with counted_queries() as few:
        figures(period)
    thread = _reply_on(community, 13).thread
    for i in range(200):
        community.post(thread, community.members[i % 5], at(13, 17))
    rollup.roll_up(today=AFTER)
    with counted_queries() as many:
        data = figures(period)

    assert len(many) == len(few) <= 4  # stored days, posts still waiting, webinars
    assert data.replies == [3, 4 + 201]
    assert not any("community_reaction" in sql for sql in many)


def test_a_day_stored_before_it_ended_is_counted_live(community, period):
    rollup.roll_up(today=AFTER)
    _reply_on(community, 12)
    assert figures(period).replies == [3, 4]  # the stored, finished day

    DayFigures.objects.filter(day=datetime.date(2026, 3, 12)).update(computed_at=at(12, 15))

    assert figures(period).replies == [3, 5]


def test_today_is_read_from_a_fresh_roll_up_and_counted_live_when_it_is_stale(community):
    thread = Post.objects.filter(position=1).first().thread
    today = Period.last_days(1, today=site_today())
    rollup.roll_up_today()
    community.post(thread, community.members[0], timezone.now())

    assert figures(today).replies == [0]  # stored a moment ago: at most ten minutes behind

    DayFigures.objects.filter(day=site_today()).update(
        computed_at=timezone.now() - rollup.TODAY_FRESH - datetime.timedelta(minutes=1)
    )
    assert figures(today).replies == [1]


def test_the_last_days_are_measured_again_and_older_days_keep_their_figures(community, period):
    rollup.roll_up(today=AFTER)
    _reply_on(community, 12)

    rollup.roll_up(today=AFTER + datetime.timedelta(days=rollup.RECOUNT_DAYS + 1))
    assert figures(period).replies == [3, 4]  # 12 March is past the recount window

    rollup.roll_up(today=AFTER)
    assert figures(period).replies == [3, 5]


def test_the_first_run_fills_every_day_back_to_the_first_member(community):
    written = rollup.roll_up(today=AFTER)

    first = timezone.localtime(community.members[0].date_joined).date()
    assert written == (AFTER - first).days + 1
    site_rows = DayFigures.objects.filter(group__isnull=True)
    assert site_rows.count() == written
    assert all(row.computed_at >= midnight(row.day) for row in site_rows)


def test_running_twice_replaces_the_rows_instead_of_adding_to_them(community, period):
    rollup.roll_up(today=AFTER)
    rows = DayFigures.objects.count()

    assert rollup.roll_up(today=AFTER) == rollup.RECOUNT_DAYS + 1
    assert DayFigures.objects.count() == rows
    assert figures(period).replies == EXPECTED["replies"]


def test_an_empty_community_stores_nothing(db):
    assert rollup.roll_up() == 0
    assert not DayFigures.objects.exists()


def test_the_command_fills_the_days_and_says_how_many(community, capsys):
    call_command("insights_rollup", "--recount-days", "3")

    assert "Stored the figures of" in capsys.readouterr().out
    assert DayFigures.objects.filter(group__isnull=True, day=site_today()).exists()
    assert DayFigures.objects.filter(group__isnull=True, day=START).exists()


def test_celery_beat_keeps_the_days_and_today():
    hourly = settings.CELERY_BEAT_SCHEDULE["insights-roll-up-days"]
    today = settings.CELERY_BEAT_SCHEDULE["insights-roll-up-today"]

    assert hourly["task"] == tasks.roll_up_days.name
    assert today["task"] == tasks.roll_up_today.name
    assert today["schedule"] <= rollup.TODAY_FRESH.total_seconds() / 2


def test_the_tasks_store_the_figures(community):
    tasks.roll_up_days.delay()
    tasks.roll_up_today.delay()

    assert DayFigures.objects.filter(group__isnull=True, day=START).exists()
    assert DayFigures.objects.filter(group=community.group, day=START + datetime.timedelta(days=1))


def _figures_part(html: bytes) -> str:
    text = html.decode()
    return text[text.index('id="headline-heading"') : text.index('id="summary-heading"')]


def test_the_page_and_its_csv_say_the_same_from_the_roll_ups_in_fewer_queries(
    client, staff, community
):
    client.force_login(staff)
    march = {"start": START.isoformat(), "end": END.isoformat()}
    with counted_queries() as live_queries:
        live = client.get("/staff/insights/", march)

    rollup.roll_up(today=AFTER)
    with counted_queries() as stored_queries:
        stored = client.get("/staff/insights/", march)
    csv = client.get("/staff/insights/", {**march, "format": "csv", "chart": "conversations"})

    assert _figures_part(stored.content) == _figures_part(live.content)
    assert len(stored_queries) < len(live_queries)
    assert csv.content.decode().splitlines() == [
        "Week of,Threads started,Replies",
        "2026-03-02,2,3",
        "2026-03-09,3,4",
    ]

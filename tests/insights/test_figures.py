import pytest

from insights.figures import Period, duration, figures
from tests.insights.conftest import END, EXPECTED, START

pytestmark = pytest.mark.django_db


def test_each_figure_matches_the_hand_counted_community(community, period):
    data = figures(period)

    for name, expected in EXPECTED.items():
        assert getattr(data, name) == expected, name


def test_webinars_show_active_registrations_and_discussion_replies(community, period):
    data = figures(period)

    assert [(w["title"], w["registrations"], w["replies"]) for w in data.webinars] == [
        ("Living with a new kidney", 3, 2)
    ]
    assert data.registrations_total == 3


def test_one_group_counts_only_its_threads_but_all_new_members(community):
    data = figures(Period(START, END, group_id=community.group.pk, group_name="Transplant"))

    assert data.threads_started == [1, 3]
    assert data.threads_total == 4
    assert data.new_members == EXPECTED["new_members"]


def test_another_group_has_only_its_unanswered_thread(community):
    data = figures(Period(START, END, group_id=community.other_group.pk))

    assert data.threads_started == [1, 0]
    assert data.replies == [0, 0]
    assert data.threads_replied_in_24h == 0
    assert data.webinars == []


def test_an_empty_period_shows_zeros_and_no_medians(community):
    import datetime

    data = figures(Period(datetime.date(2025, 6, 2), datetime.date(2025, 6, 8)))

    assert data.new_members == [0]
    assert data.active_members_total == 0
    assert data.first_reply_median_seconds is None
    assert data.replied_in_24h_percent is None
    assert duration(data.flag_decision_median_seconds) == "—"


def test_durations_read_plainly():
    assert duration(45 * 60) == "45 min"
    assert duration(16 * 3600) == "16 h"
    assert duration(3 * 3600 + 20 * 60) == "3 h 20 min"
    assert duration(76 * 3600) == "3 days 4 h"

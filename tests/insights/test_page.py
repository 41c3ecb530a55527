import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import Post
from insights.figures import Period, figures
from insights.models import InsightsSubscription
from insights.views import build_charts
from tests.insights.conftest import END, EXPECTED, START, at

pytestmark = pytest.mark.django_db

URL = "/staff/insights/"
MARCH = {"start": START.isoformat(), "end": END.isoformat()}


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def test_the_stable_address_is_the_insights_page():
    assert reverse("insights:page") == URL


def test_a_visitor_is_asked_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_member_is_refused(member_client):
    assert member_client.get(URL).status_code == 403


def test_a_moderator_without_the_staff_flag_is_refused(client, moderator):
    client.force_login(moderator)

    assert client.get(URL).status_code == 403
    assert client.get(URL, {"format": "csv", "chart": "new-members"}).status_code == 403


def test_staff_see_the_figures_of_the_chosen_dates(staff_client, community):
    response = staff_client.get(URL, MARCH)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Community insights" in html
    assert '<time datetime="2026-03-02">Mon, Mar 2, 2026</time>' in html
    assert "<dt>Active members</dt><dd>5</dd>" in html
    assert "<dt>Threads started</dt><dd>5</dd>" in html
    assert "<dd>40%</dd>" in html  # 2 of 5 new threads answered within a day
    assert "<dt>Median wait for the first reply</dt><dd>16 h</dd>" in html
    assert "<dt>First replies from mentors</dt><dd>1</dd>" in html
    assert "<dt>Median time from flag to decision</dt><dd>2 h</dd>" in html
    assert "<dt>Posts held for a moderator</dt><dd>3</dd>" in html
    assert "Attended: members who said so" in html
    assert "Living with a new kidney" in html


def test_each_chart_is_an_svg_with_a_title_a_summary_and_a_csv_link(staff_client, community):
    html = staff_client.get(URL, MARCH).content.decode()

    for name in ("new-members", "active-members", "conversations", "webinars"):
        assert f'<title id="chart-{name}-title">' in html
        assert f'<desc id="chart-{name}-desc">' in html
        assert f"format=csv&amp;chart={name}" in html
    assert 'fill="url(#hatch-conversations)"' in html  # the second series is hatched
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("name", ["new-members", "active-members", "conversations", "webinars"])
def test_the_csv_holds_the_numbers_the_chart_draws(staff_client, community, name):
    response = staff_client.get(URL, {**MARCH, "format": "csv", "chart": name})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    chart, _ = build_charts(figures(Period(START, END)))[name]
    assert rows[0] == chart.header()
    assert [[int(v) for v in row[1:]] for row in rows[1:]] == [row[1:] for row in chart.table()]


def test_the_weekly_csv_carries_the_known_counts(staff_client, community):
    response = staff_client.get(URL, {**MARCH, "format": "csv", "chart": "conversations"})

    assert response.content.decode().splitlines() == [
        "Week of,Threads started,Replies",
        "2026-03-02,2,3",
        "2026-03-09,3,4",
    ]


def test_an_unknown_chart_is_not_found(staff_client, community):
    assert staff_client.get(URL, {**MARCH, "format": "csv", "chart": "nope"}).status_code == 404


def test_one_group_can_be_chosen(staff_client, community):
    html = staff_client.get(URL, {**MARCH, "group": "caregivers"}).content.decode()

    assert "in Caregivers" in html
    assert "<dt>Threads started</dt><dd>1</dd>" in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"start": "2026-03-15", "end": "2026-03-02"}, "The last day is before the first day"),
        ({"start": "1066-10-14", "end": "2026-03-02"}, "Choose days between"),
        ({"start": "2026-03-01", "end": "2999-01-01"}, "Choose days between"),
        ({"start": "2020-01-01", "end": "2026-03-01"}, "at most two years"),
        ({"start": "yesterday", "end": "2026-03-01"}, "Enter a date such as"),
        ({"start": "2026-03-01"}, "Give the last day as well"),
        ({"period": "range"}, "Give the first and last day"),
        ({"period": "365"}, "Select a valid choice"),
        ({"group": "no-such-group"}, "We don&#x27;t know that group"),
    ],
)
def test_bad_input_gets_a_clear_message_not_an_error(staff_client, community, params, message):
    response = staff_client.get(URL, params)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "These figures cannot be shown yet" in html


def test_the_default_is_the_last_30_days(staff_client, db):
    response = staff_client.get(URL)

    assert response.status_code == 200
    assert "(30 days), all groups" in response.content.decode()


def test_last_7_and_90_days_can_be_chosen(staff_client, db):
    assert "(7 days)" in staff_client.get(URL, {"period": "7"}).content.decode()
    assert "(90 days)" in staff_client.get(URL, {"period": "90"}).content.decode()


def _more_posts(community, count: int) -> None:
    thread = Post.objects.filter(position=1).order_by("pk").last().thread
    for i in range(count):
        community.post(thread, community.members[i % 5], at(14, 10) + datetime.timedelta(minutes=i))


def test_the_page_runs_the_same_few_queries_for_any_period_or_data_size(
    staff_client, community, django_assert_max_num_queries
):
    def queries(params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(URL, params).status_code == 200
        return len(captured)

    staff_client.get(URL, {"period": "7"})  # the header's unread count is now in the cache
    small = queries({"period": "7"})
    # Nothing rolled up yet: every day is measured live, in seven queries (insights.measure).
    with django_assert_max_num_queries(15):
        staff_client.get(URL, MARCH)
    _more_posts(community, 60)
    assert queries({"start": "2024-03-16", "end": END.isoformat()}) == small
    assert queries({**MARCH, "group": "transplant"}) == small
    assert queries({"period": "90"}) == small


def test_staff_can_ask_for_the_weekly_summary_and_stop_it(staff_client, staff):
    response = staff_client.post(reverse("insights:subscription"), {"subscribe": "yes"})

    assert response.status_code == 302
    assert InsightsSubscription.objects.filter(member=staff).exists()
    page = staff_client.get(URL).content.decode()
    assert "Stop the weekly summary" in page

    staff_client.post(reverse("insights:subscription"), {"subscribe": "no"})
    assert not InsightsSubscription.objects.filter(member=staff).exists()


def test_a_member_cannot_subscribe(member_client, member):
    response = member_client.post(reverse("insights:subscription"), {"subscribe": "yes"})

    assert response.status_code == 403
    assert not InsightsSubscription.objects.exists()


def test_expected_totals_add_up():
    assert sum(EXPECTED["threads_started"]) == EXPECTED["threads_total"]


def test_dates_typed_under_the_default_period_are_used(staff_client, community):
    html = staff_client.get(URL, {"period": "30", "shown": "30", **MARCH}).content.decode()

    assert "(14 days)" in html
    assert 'value="range" selected' in html


def test_changing_the_period_after_a_range_forgets_the_dates(staff_client, community):
    html = staff_client.get(URL, {"period": "7", "shown": "range", **MARCH}).content.decode()

    assert "(7 days)" in html
    assert 'value="2026-03-02"' not in html

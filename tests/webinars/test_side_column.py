"""The side column of the main pages: the thread's group, the next webinar, "New here?".

It must not cost queries: a member's next webinar is read inside the header's one query,
a visitor's by one small query, and then the visitor's page comes from the page cache.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community import services as community_services
from community.models import Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(member):
    group = Group.objects.create(
        name="Lung Health", slug="lung-health", description="Breathing, inhalers and rehab."
    )
    return community_services.create_thread(
        group=group, author=member, title="Pacing on bad days", body="What helps you?"
    )


def _webinar_queries(client, url) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [
        q["sql"] for q in captured.captured_queries if "webinars_webinar" in q["sql"]
    ]


def test_a_thread_page_shows_its_group_the_next_webinar_and_help_for_newcomers(
    client, thread, make_webinar
):
    make_webinar(starts_in=datetime.timedelta(days=20), title="Later talk", slug="later")
    make_webinar(
        starts_at=datetime.datetime(2031, 3, 4, 17, 0, tzinfo=datetime.UTC),
        title="Breathing easier at home",
        slug="breathing-easier",
    )
    make_webinar(starts_in=-datetime.timedelta(days=2), title="Over already", slug="over")

    html = client.get(thread.get_absolute_url()).content.decode()

    aside = html[html.index('<aside class="side-column"') :]
    assert "About Lung Health" in aside
    assert "Breathing, inhalers and rehab." in aside
    assert '<a href="/webinars/later/">Later talk</a>' in aside  # the soonest still to come
    assert "Over already" not in aside
    assert "New here?" in aside
    assert "Join Gathering" in aside


def test_the_next_webinar_is_said_in_its_own_time_zone(client, thread, make_webinar):
    make_webinar(
        starts_at=datetime.datetime(2031, 3, 4, 17, 0, tzinfo=datetime.UTC),
        title="Breathing easier at home",
        slug="breathing-easier",
    )

    aside = client.get(thread.get_absolute_url()).content.decode().split("<aside")[1]

    assert "Tue, Mar 4, 2031<br>11:00am to 12:00pm CT" in aside


def test_without_an_upcoming_webinar_the_column_says_nothing_about_webinars(client, thread):
    aside = client.get(thread.get_absolute_url()).content.decode().split("<aside")[1]

    assert "Next webinar" not in aside
    assert "New here?" in aside


def test_the_side_column_costs_a_member_no_query_of_its_own(client, member, thread, make_webinar):
    make_webinar(title="Breathing easier at home", slug="breathing-easier")
    client.force_login(member)

    html, webinar_queries = _webinar_queries(client, thread.get_absolute_url())

    assert "Breathing easier at home" in html
    # One statement reads the webinar: the header's, about the member's own row.
    assert len(webinar_queries) == 1
    assert '"accounts_user"' in webinar_queries[0]


def test_a_visitor_pays_one_small_query_once_then_gets_the_cached_page(
    client, thread, make_webinar
):
    make_webinar(title="Breathing easier at home", slug="breathing-easier")

    first, first_queries = _webinar_queries(client, thread.get_absolute_url())
    again, again_queries = _webinar_queries(client, thread.get_absolute_url())

    assert "Breathing easier at home" in first
    assert len(first_queries) == 1
    assert again_queries == []
    assert again == first


def test_pages_without_a_side_column_read_nothing_for_it(client, make_webinar):
    make_webinar(title="Breathing easier at home", slug="breathing-easier")

    html, webinar_queries = _webinar_queries(client, "/accounts/login/")

    assert "side-column" not in html
    assert webinar_queries == []


def test_a_spanish_speaking_members_side_column_says_the_webinars_time_in_spanish(
    client, member, thread, make_webinar
):
    # The member (and the side column's facts with them) is read before their language is
    # known: the date must still be written in the page's language.
    make_webinar(
        starts_at=datetime.datetime(2031, 3, 4, 17, 0, tzinfo=datetime.UTC),
        title="Breathing easier at home",
        slug="breathing-easier",
    )
    member.language = "es"
    member.save()
    client.force_login(member)

    html = client.get(thread.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    aside = html[html.index('<aside class="side-column"') :]
    assert "Próximo seminario web" in aside
    assert "marzo de 2031" in aside
    assert "Mar 4" not in aside and "Tue," not in aside

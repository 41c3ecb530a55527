"""The home page shows the next webinars above the recent discussions."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from webinars import services
from webinars.models import Presenter

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_upcoming_webinars_above_recent_discussions(client, make_webinar):
    soon = make_webinar(title="Breathing exercises for every day", starts_in=datetime.timedelta(1))
    later = make_webinar(title="Sleeping after surgery", starts_in=datetime.timedelta(days=9))
    make_webinar(title="An old talk", starts_in=-datetime.timedelta(days=9))

    html = client.get("/").content.decode()

    assert html.index("Upcoming webinars") < html.index("Recent discussions")
    assert html.index(soon.title) < html.index(later.title) < html.index("Recent discussions")
    assert f'href="{soon.get_absolute_url()}"' in html
    assert "An old talk" not in html.split("Recent discussions")[0]
    assert 'href="/webinars/">See all webinars and past recordings</a>' in html


def test_the_home_page_shows_at_most_three_webinars(client, make_webinar):
    for days in range(1, 6):
        make_webinar(title=f"Talk in {days} days", starts_in=datetime.timedelta(days=days))

    webinars = client.get("/").content.decode().split("Recent discussions")[0]

    assert "Talk in 3 days" in webinars
    assert "Talk in 4 days" not in webinars


def test_with_no_webinar_planned_the_home_page_says_where_to_find_past_ones(client, make_webinar):
    make_webinar(title="An old talk", starts_in=-datetime.timedelta(days=9))

    webinars = client.get("/").content.decode().split("Recent discussions")[0]

    assert "No webinars are planned just now." in webinars
    assert 'href="/webinars/">See past webinars</a>' in webinars
    assert "An old talk" not in webinars


def _home_queries(client) -> int:
    cache.clear()  # measure rendering, not the visitors' page cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_home_page_runs_the_same_queries_for_one_or_many_webinars(
    client, member, make_webinar, logged_in, django_assert_max_num_queries
):
    if logged_in:
        client.force_login(member)
    nadia = Presenter.objects.create(name="Nadia Farah", title="Renal dietitian")
    omar = Presenter.objects.create(name="Omar Haddad", title="Respiratory therapist")
    make_webinar(starts_in=datetime.timedelta(days=1), presenters=[nadia])
    one = _home_queries(client)

    for days in range(2, 6):
        make_webinar(starts_in=datetime.timedelta(days=days), presenters=[nadia, omar])
    many = _home_queries(client)

    assert one == many
    # The member with the header's facts (the session is in the cache); webinars, their
    # appearances with presenters, the member's registrations; recent discussions.
    with django_assert_max_num_queries(6):
        client.get("/")


def test_a_member_sees_which_upcoming_webinars_they_registered_for(
    client, member, other_member, make_webinar
):
    mine = make_webinar(title="Breathing exercises", starts_in=datetime.timedelta(days=1))
    theirs = make_webinar(title="Sleeping after surgery", starts_in=datetime.timedelta(days=2))
    cancelled = make_webinar(title="Walking again", starts_in=datetime.timedelta(days=3))
    services.register(webinar=mine, member=member)
    services.register(webinar=theirs, member=other_member)
    services.register(webinar=cancelled, member=member)
    services.cancel_registration(webinar=cancelled, member=member)
    client.force_login(member)

    for path in ("/", "/webinars/"):
        html = client.get(path).content.decode()
        cards = html.split('class="webinar-card card"')[1:]
        registered = [card for card in cards if "You're registered." in card]
        assert len(registered) == 1 and "Breathing exercises" in registered[0], path

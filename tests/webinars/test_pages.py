import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MemberFactory
from webinars.views import WEBINARS_PER_PAGE


def test_the_list_shows_upcoming_soonest_first_then_the_archive_newest_first(
    client, make_webinar, presenter
):
    make_webinar(title="Later upcoming", starts_in=datetime.timedelta(days=20))
    make_webinar(title="Recent past", starts_in=-datetime.timedelta(days=2))
    make_webinar(title="Sooner upcoming", starts_in=datetime.timedelta(days=2))
    make_webinar(title="Long past", starts_in=-datetime.timedelta(days=200))
    make_webinar(title="Happening now", starts_in=-datetime.timedelta(minutes=5))

    html = client.get("/webinars/").content.decode()

    order = ["Happening now", "Sooner upcoming", "Later upcoming", "Recent past", "Long past"]
    positions = [html.index(title) for title in order]
    assert positions == sorted(positions)
    assert html.index("Coming up") < html.index("Happening now")
    assert html.index("Later upcoming") < html.index("Past webinars") < html.index("Recent past")
    assert "Live now" in html


def test_a_card_shows_title_date_time_in_the_events_zone_and_presenters(
    client, make_webinar, presenter
):
    start = datetime.datetime(
        2030, 3, 7, 10, tzinfo=datetime.timezone(datetime.timedelta(hours=-6))
    )
    webinar = make_webinar(starts_at=start, presenters=[presenter], title="Kidney-friendly meals")

    html = client.get("/webinars/").content.decode()

    assert f'<a href="/webinars/{webinar.slug}/">Kidney-friendly meals</a>' in html
    assert "Thu, Mar 7, 2030" in html
    assert "10:00am to 11:00am CT" in html
    assert "Nadia Farah" in html
    assert "Renal dietitian" in html


def test_the_list_is_paginated(client, make_webinar):
    for days in range(WEBINARS_PER_PAGE + 2):
        make_webinar(
            title=f"Archived talk {days:02d}", starts_in=-datetime.timedelta(days=days + 1)
        )

    first = client.get("/webinars/").content.decode()
    second = client.get("/webinars/?page=2").content.decode()

    assert "Archived talk 00" in first
    assert "Archived talk 13" not in first
    assert "Archived talk 13" in second
    assert "Page 2 of 2" in second
    assert "past the end" not in second
    past = client.get("/webinars/?page=99")
    assert past.status_code == 200
    assert "Archived talk 13" in past.text
    assert "That page number is past the end, so this is the last page (page 2 of 2)." in past.text


def test_an_empty_list_says_what_happens_next(client, db):
    html = client.get("/webinars/").content.decode()

    assert "There are no webinars yet." in html


def test_the_list_runs_a_fixed_number_of_queries(
    client, make_webinar, presenter, django_assert_max_num_queries
):
    for days in range(8):
        make_webinar(presenters=[presenter], starts_in=datetime.timedelta(days=days - 4))

    with django_assert_max_num_queries(4):
        client.get("/webinars/")


def test_an_unknown_webinar_is_a_404(client, db):
    response = client.get("/webinars/no-such-webinar/")

    assert response.status_code == 404


def test_the_page_shows_description_presenter_location_contact_and_slides(
    client, make_webinar, presenter, staff
):
    presenter.member = MemberFactory(handle="nadia_rd")
    presenter.save()
    webinar = make_webinar(
        presenters=[presenter],
        description_markdown="We cover **potassium** and <script>alert(1)</script> salt.",
        contact_email="webinars@example.org",
        slides_url="https://example.org/slides.pdf",
        location_kind="in_person",
        place_name="Riverside Hospital",
        place_address="1200 River Road\nSpringfield",
    )

    html = client.get(webinar.get_absolute_url()).content.decode()

    assert "<strong>potassium</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "About Nadia Farah" in html
    assert "Nadia helps people on dialysis" in html
    assert 'href="/u/nadia_rd/"' in html
    assert "Riverside Hospital<br>1200 River Road<br>Springfield" in html
    assert "Questions? Contact:" in html
    assert 'href="mailto:webinars@example.org"' in html
    assert f">@{staff.handle}</a>" in html
    assert 'href="https://example.org/slides.pdf"' in html
    assert "Link to the presentation slides" in html


@pytest.fixture
def busy_thread(archived_webinar, add_post):
    def fill(count: int):
        authors = MemberFactory.create_batch(5)
        previous = None
        for number in range(count):
            previous = add_post(
                archived_webinar.thread,
                authors[number % 5],
                f"Reply number {number}",
                reply_to=previous,
                excerpt="quoted words" if previous else "",
            )

    return fill


def count_queries(client, url) -> int:
    cache.clear()  # measure rendering, not the visitors' page cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("reader", ["visitor", "premium member", "staff"])
def test_the_webinar_page_runs_the_same_queries_with_few_or_many_posts(
    client,
    archived_webinar,
    busy_thread,
    premium_member,
    staff,
    reader,
    django_assert_max_num_queries,
):
    if reader != "visitor":
        client.force_login(premium_member if reader == "premium member" else staff)
    url = archived_webinar.get_absolute_url()
    busy_thread(2)
    few = count_queries(client, url)

    busy_thread(60)
    many = count_queries(client, url)

    assert few == many
    # The member with the header's facts (the session is in the cache), their memberships
    # (premium?); the webinar with the registration, places taken and the discussion's page
    # count and follow; presenters; the posts with badges and own reactions (staff: the
    # registrants too). The visit is noted in Redis.
    with django_assert_max_num_queries(6):
        client.get(url)


def test_the_home_page_helper_gives_the_next_few_webinars_soonest_first(make_webinar):
    from webinars.cards import upcoming_webinar_cards

    make_webinar(title="Third", starts_in=datetime.timedelta(days=30))
    make_webinar(title="First", starts_in=datetime.timedelta(days=1))
    make_webinar(title="Past", starts_in=-datetime.timedelta(days=1))
    make_webinar(title="Second", starts_in=datetime.timedelta(days=10))
    make_webinar(title="Fourth", starts_in=datetime.timedelta(days=40))

    cards = upcoming_webinar_cards(limit=3)

    assert [card["webinar"].title for card in cards] == ["First", "Second", "Third"]
    assert all(card["when"]["time_range"].endswith(" CT") for card in cards)

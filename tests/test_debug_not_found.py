"""With DEBUG on (scripts/run.sh), a missing page is the site's own 404 page, not Django's
technical one; developers can ask for the technical page with DEBUG_TECHNICAL_404."""

import pytest

pytestmark = pytest.mark.django_db

OURS = "We could not find that page"
TECHNICAL = "You’re seeing this error because you have"


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = False
    return settings


def test_an_unknown_address_shows_our_404_page_with_debug_on(client, debug):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert OURS in html
    assert TECHNICAL not in html
    assert 'href="/search/"' in html  # the way on, in the page and the header


def test_a_thread_that_does_not_exist_shows_our_404_page_with_debug_on(client, debug):
    response = client.get("/t/987654/gone/")

    assert response.status_code == 404
    assert OURS in response.content.decode()


def test_a_member_keeps_their_header_on_the_404_page(client, debug, member):
    client.force_login(member)

    html = client.get("/no-such-page/").content.decode()

    assert OURS in html
    assert "@june" in html


def test_an_address_without_its_slash_still_redirects(client, debug):
    response = client.get("/groups")

    assert response.status_code == 301
    assert response["Location"] == "/groups/"


def test_developers_can_ask_for_djangos_technical_page(client, debug):
    debug.DEBUG_TECHNICAL_404 = True

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert TECHNICAL in response.content.decode()


def test_with_debug_off_the_404_page_is_ours_as_before(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert OURS in response.content.decode()

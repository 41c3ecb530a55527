"""The language a page speaks (accounts.languages): the member's own setting, else the
browser's, else the default; visitors switch in the footer without JavaScript; an unknown
code falls back to the default with no error; e-mails use member_language()."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.languages import member_language
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

SWITCH = "/language/"


def _lang(response) -> str:
    html = response.content.decode()
    start = html.index('<html lang="') + len('<html lang="')
    return html[start : html.index('"', start)]


def test_a_members_own_language_wins_over_the_browsers(client, member):
    member.language = "es"
    member.save()
    client.force_login(member)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert _lang(response) == "es"
    assert response["Content-Language"] == "es"
    assert "Novedades para usted" in response.content.decode()


def test_without_a_setting_the_browser_decides(client, member):
    client.force_login(member)
    assert _lang(client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")) == "es"
    assert _lang(client.get("/", HTTP_ACCEPT_LANGUAGE="de")) == "en"  # not offered: default


def test_a_visitor_switches_with_the_footers_link_and_keeps_it(client):
    home = client.get("/")
    html = home.content.decode()
    link = f'href="{SWITCH}?language=es&amp;next=/"'
    assert link in html and 'lang="es"' in html and ">Español</a>" in html
    assert "csrfmiddlewaretoken" not in html  # the visitors' page stays cacheable
    response = client.get(SWITCH, {"language": "es", "next": "/groups/"})
    assert response.status_code == 302 and response["Location"] == "/groups/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    page = client.get("/groups/", HTTP_ACCEPT_LANGUAGE="en")
    assert _lang(page) == "es"
    # Back to English, the same way.
    client.get(SWITCH, {"language": "en", "next": "/"})
    assert _lang(client.get("/")) == "en"


@pytest.mark.parametrize("code", ["klingon", "", "es'><script>", "x" * 500])
def test_an_unknown_code_in_the_switch_falls_back_to_the_default(client, code):
    response = client.get(SWITCH, {"language": code, "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == settings.LANGUAGE_CODE
    assert _lang(client.get("/")) == "en"


def test_the_switch_never_sends_a_reader_off_the_site(client):
    response = client.get(SWITCH, {"language": "es", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_member_saves_a_language_on_the_account_page_and_in_the_footer(client, member):
    client.force_login(member)
    account = client.get(reverse("accounts:account")).content.decode()
    assert '<select name="language" id="id_language"' in account
    assert '<option value="" selected>As my browser says</option>' in account
    response = client.post(SWITCH, {"language": "es", "next": "/accounts/"}, follow=True)
    member.refresh_from_db()
    assert member.language == "es"
    assert "Su idioma está guardado." in response.content.decode()
    assert _lang(response) == "es"
    # The footer's buttons post too (a form: members' pages are never shared).
    footer = client.get("/").content.decode()
    assert 'name="language" value="en" lang="en">English</button>' in footer
    client.post(SWITCH, {"language": "", "next": "/"})
    member.refresh_from_db()
    assert member.language == ""


def test_an_unknown_code_in_a_members_setting_is_the_default(client, member):
    member.language = "tlh"  # e.g. a language the site no longer offers
    member.save()
    client.force_login(member)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert _lang(response) == "es"  # the setting is ignored: the browser decides
    assert member_language(member) == settings.LANGUAGE_CODE


def test_member_language_for_emails():
    assert member_language(MemberFactory(language="es")) == "es"
    assert member_language(MemberFactory(language="")) == settings.LANGUAGE_CODE
    assert member_language(None) == settings.LANGUAGE_CODE


def test_lang_in_the_address_shows_one_page_in_that_language_and_stores_nothing(client):
    response = client.get("/groups/?lang=es")
    assert _lang(response) == "es"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert _lang(client.get("/groups/")) == "en"


def test_the_members_language_costs_no_query(client, member, django_assert_num_queries):
    client.force_login(member)
    client.get("/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as english:
        client.get("/")
    member.language = "es"
    member.save()
    with django_assert_num_queries(len(english.captured_queries)):
        client.get("/")

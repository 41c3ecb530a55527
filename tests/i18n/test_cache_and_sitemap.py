"""Languages and what is shared (issue 19): the visitors' page cache keeps one page per
language, every page says its language in <html lang>, and the sitemap names each public
page's address in every language (hreflang)."""

import re

import pytest
from django.conf import settings
from django.test import Client

from accounts.models import User
from tests.every_url import Demo, all_patterns

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return Demo.load()


def test_two_visitors_two_languages_one_url_each_get_their_own_page(demo):
    url = demo.thread.get_absolute_url()
    spanish, english = Client(HTTP_ACCEPT_LANGUAGE="es"), Client(HTTP_ACCEPT_LANGUAGE="en")
    first_es = spanish.get(url).content.decode()
    first_en = english.get(url).content.decode()
    # Asked again, each is served from the cache, still in its own language.
    again_es = spanish.get(url).content.decode()
    again_en = english.get(url).content.decode()
    assert '<html lang="es">' in first_es and again_es == first_es
    assert '<html lang="en">' in first_en and again_en == first_en
    assert "Ir al contenido" in again_es and "Skip to content" not in again_es
    assert "Skip to content" in again_en and "Ir al contenido" not in again_en
    # A visitor who chose Spanish with the footer's link (the cookie) gets the Spanish page.
    chooser = Client(HTTP_ACCEPT_LANGUAGE="en")
    chooser.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert chooser.get(url).content.decode() == first_es


@pytest.mark.parametrize("reader", ["visitor", "june_b"])
def test_every_page_says_its_language(demo, reader):
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    if reader != "visitor":
        client.force_login(User.objects.get(handle=reader))
    # Last: logging out, and the language switch (which, asked for no language, sets the
    # default's cookie, as it should).
    patterns = sorted(
        all_patterns(), key=lambda p: (p.template == "/language/", "logout" in p.template)
    )
    checked, wrong = 0, []
    for pattern in patterns:
        if pattern.template.startswith("/admin/"):
            continue
        path = pattern.path(**demo.values_for(pattern))
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if "<html" not in html:
            continue  # a fragment (e.g. a reply form fetched in place)
        checked += 1
        if not re.search(r'<html lang="es"', html):
            wrong.append(path)
    assert wrong == []
    assert checked > 10


def test_the_sitemap_gives_each_public_page_in_every_language(demo):
    xml = Client().get("/sitemap.xml").content.decode()
    thread = f"http://testserver{demo.thread.get_absolute_url()}"
    assert f"<loc>{thread}</loc>" in xml
    for code in ("en", "es"):
        assert f'<xhtml:link rel="alternate" hreflang="{code}" href="{thread}?lang={code}"/>' in xml
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{thread}"/>' in xml
    # The alternate address really is the page in that language.
    spanish = Client().get(f"{demo.thread.get_absolute_url()}?lang=es").content.decode()
    assert '<html lang="es">' in spanish

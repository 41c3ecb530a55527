"""The site's frame and h5's pages, in the pseudo-language: the home pages, the header,
footer and side column every page shares, the error pages and the clinical queue."""

import pytest

from tests.i18n.catalogue import catalogue_problems
from tests.i18n.harness import Page

# The files whose strings are this area's (tests/i18n/catalogue.py).
SOURCES = (
    "config/",
    "core/",
    "sitewide/",
    "safety/",
    "templates/base.html",
    "templates/includes/",
    "templates/400.html",
    "templates/403.html",
    "templates/403_csrf.html",
    "templates/404.html",
    "templates/500.html",
    "templates/home",
    "templates/safety/",
    "templates/community/_crisis_panel.html",
)

PAGES = [
    # Both show community/_thread_list.html and webinars/_card.html, whose strings are the
    # community's and the webinars' (h6's and h8's branches): green once those are merged.
    Page("visitor", "sitewide:home"),
    Page("member", "sitewide:home"),
    Page("moderator", "sitewide:home"),
    Page("staff", "sitewide:home"),
    Page("visitor", "/no-such-page/", status=404, name="404"),
    Page("member", "/no-such-page/", status=404, name="404"),
    Page("moderator", "safety:clinical-queue"),
    Page("moderator", "safety:redact-post", lambda demo: [demo.post.pk]),
    Page("moderator", "safety:redact-post", lambda demo: [demo.post.pk], post={"passage": "x"}),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_is_all_in_the_catalogue(i18n, page):
    problems = i18n.problems(page)
    assert problems == [], "\n".join(problems)


def test_this_areas_strings_have_spanish():
    problems = catalogue_problems(SOURCES)
    assert problems == [], "\n".join(problems)


def test_the_error_pages_speak_spanish(client):
    """The 500 page is rendered without the site's context; the 400 page by the request
    guard; both in the reader's language."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("es"):
        page = render_to_string("500.html")
    assert '<html lang="es">' in page and "Algo salió mal de nuestro lado" in page
    bad = client.get("/search/?q=%00", HTTP_ACCEPT_LANGUAGE="es")
    assert bad.status_code == 400
    assert "La dirección contiene un carácter (NUL)" in bad.content.decode()

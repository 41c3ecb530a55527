"""Webinars' pages in the reader's language: the list and a webinar's page for a visitor, a
member and staff, and what registering answers (issue 19)."""

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from tests.i18n.catalogue import catalogue_problems
from tests.i18n.harness import Page
from tests.i18n.scoped import own_problems
from webinars.models import Webinar


def _past(demo) -> str:
    """A past webinar with its recording (the demo's premium one)."""
    webinar = Webinar.objects.exclude(recording_url="").order_by("starts_at").first()
    return webinar.get_absolute_url()


def _upcoming(demo) -> str:
    webinar = Webinar.objects.filter(ends_at__gt=timezone.now()).order_by("starts_at").first()
    return webinar.get_absolute_url()


PAGES = [
    Page("visitor", "webinars:list"),
    Page("member", "webinars:list"),
    Page("visitor", "webinars:detail", lambda demo: [demo.webinar.slug]),
    Page("member", "webinars:detail", lambda demo: [demo.webinar.slug]),
    Page("staff", "webinars:detail", lambda demo: [demo.webinar.slug]),
    Page("visitor", _past, name="past-webinar"),
    Page("member", _past, name="past-webinar"),
    Page("visitor", _upcoming, name="upcoming-webinar"),
    Page("member", _upcoming, name="upcoming-webinar"),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_webinar_page_is_all_in_the_catalogue(i18n, page):
    # The page's description for search engines is the staff's words, tags stripped.
    i18n.extra_allowed = [
        strip_tags(html) for html in Webinar.objects.values_list("description_html", flat=True)
    ]
    assert own_problems(i18n, page) == []


def test_webinars_strings_have_spanish():
    problems = catalogue_problems(("webinars/", "templates/webinars/"))
    assert problems == [], "\n".join(problems)

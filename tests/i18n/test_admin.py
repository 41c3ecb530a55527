"""Staff's Django admin in the reader's language for moderation's and webinars' models:
lists, filters, forms, actions and their confirmation pages (issue 19). Django translates
its own words; these pages check ours."""

import zoneinfo

import pytest

from tests.i18n.harness import Page
from tests.i18n.scoped import own_problems
from webinars.models import Registration

PAGES = [
    Page("staff", "/admin/moderation/auditentry/", name="audit-log"),
    Page("staff", "/admin/moderation/flag/", name="flags"),
    Page("staff", "/admin/moderation/sanction/", name="sanctions"),
    Page("staff", "/admin/webinars/webinar/", name="webinars"),
    Page("staff", "/admin/webinars/webinar/add/", name="webinar-add"),
    Page(
        "staff", lambda demo: f"/admin/webinars/webinar/{demo.webinar.pk}/change/", name="webinar"
    ),
    Page("staff", "/admin/webinars/presenter/", name="presenters"),
    Page("staff", "/admin/webinars/registration/", name="registrations"),
    Page(
        "staff",
        lambda demo: f"/admin/webinars/registration/{Registration.objects.first().pk}/change/",
        name="registration",
    ),
    Page(
        "staff",
        "/admin/community/thread/",
        post=lambda demo: {"action": "move", "_selected_action": [demo.thread.pk]},
        name="move-threads-confirm",
    ),
    Page(
        "staff",
        "/admin/community/post/",
        post=lambda demo: {"action": "hide", "_selected_action": [demo.post.pk]},
        name="hide-posts-confirm",
    ),
    Page(
        "staff",
        "/admin/community/post/",
        post=lambda demo: {
            "action": "hide",
            "_selected_action": [demo.post.pk],
            "confirm": "1",
            "reason": "",
        },
        name="hide-posts-without-reason",
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_admin_page_is_all_in_the_catalogue(i18n, page):
    # The time zone menu lists zones by their names ("America/New York"): proper names.
    i18n.extra_allowed = [zone.replace("_", " ") for zone in zoneinfo.available_timezones()]
    assert own_problems(i18n, page, frame=False) == []

"""axe-core on the pages a newcomer meets: no serious or critical violations."""

import pytest

from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VISITOR_PAGES = ["/", "/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"]
MEMBER_PAGES = ["/u/june/", "/accounts/", "/accounts/profile/"]


def test_pages_a_visitor_meets_have_no_serious_accessibility_violations(page, live_server):
    problems = {}
    for path in VISITOR_PAGES:
        page.goto(live_server.url + path)
        if found := serious_accessibility_violations(page):
            problems[path] = found

    assert problems == {}


def test_pages_a_member_uses_have_no_serious_accessibility_violations(
    page, live_server, member, password
):
    log_in(page, live_server, login="june", password=password)
    problems = {}
    for path in MEMBER_PAGES:
        page.goto(live_server.url + path)
        if found := serious_accessibility_violations(page):
            problems[path] = found

    assert problems == {}

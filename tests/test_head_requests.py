"""HEAD answers wherever GET does (monitors and link checkers ask with HEAD).

Every URL pattern, with real demo objects in its path: HEAD gets the status GET gets, the
same content type, and no body.
"""

import pytest
from django.test import Client

from accounts.models import User
from tests.every_url import Demo, all_patterns
from tests.shared_data import kept_for_the_module

pytestmark = pytest.mark.django_db


# Django's own admin log-in page sends a logged-in staff member's GET on to the admin's
# index, and shows a HEAD the form (AdminSite.login tests `request.method == "GET"`): both
# answer, so a monitor sees a live page either way.
KNOWN_DIFFERENCES = {"/admin/login/"}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo community, built once for the module; each test's writes are undone."""
    with kept_for_the_module(django_db_blocker, Demo.load) as demo:
        yield demo


def _mismatches(client: Client, demo: Demo, patterns) -> tuple[list[str], int]:
    """(patterns where HEAD and GET differ, how many patterns GET answered 200)."""
    differ, ok = [], 0
    for pattern in patterns:
        path = pattern.path(**demo.values_for(pattern))
        head = client.head(path)
        get = client.get(path)
        if head.content:
            differ.append(f"{path}: HEAD has a body")
        elif head.status_code != get.status_code and pattern.template not in KNOWN_DIFFERENCES:
            differ.append(f"{path}: HEAD {head.status_code}, GET {get.status_code}")
        elif head.status_code != get.status_code:
            assert head.status_code < 400 and get.status_code < 400, path
        elif get.status_code == 200:
            ok += 1
            if head["Content-Type"] != get["Content-Type"]:
                differ.append(f"{path}: HEAD {head['Content-Type']}, GET {get['Content-Type']}")
    return differ, ok


@pytest.mark.parametrize("role", ["visitor", "nurse_rosa", "admin"])
def test_head_answers_like_get_on_every_url(demo, role):
    client = Client()
    # Log-out last: were a GET to log out, the pages after it would be asked as a visitor.
    patterns = sorted(all_patterns(), key=lambda p: "logout" in p.template)
    if role == "admin":  # the site admin: the admin's own pages
        patterns = [p for p in patterns if p.template.startswith("/admin/")]
    if role != "visitor":
        client.force_login(User.objects.get(handle=role))
    differ, ok = _mismatches(client, demo, patterns)
    assert differ == []
    assert ok > 20


@pytest.mark.parametrize("path", ["/healthz", "/webinars/", "/robots.txt", "/sitemap.xml"])
def test_monitors_can_ask_with_head(client, demo, path):
    response = client.head(path)
    assert response.status_code == 200
    assert response.content == b""


def test_head_on_a_webinar_page_and_its_calendar_file(client, demo):
    page = demo.webinar.get_absolute_url()
    assert client.head(page).status_code == 200
    calendar = client.head(f"{page}calendar.ics")
    assert calendar.status_code == 200
    assert calendar["Content-Type"].startswith("text/calendar")

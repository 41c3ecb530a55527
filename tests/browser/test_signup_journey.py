import re

import pytest
from django.core import mail

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "quiet-harbour-lantern-42"


def test_a_newcomer_signs_up_verifies_by_email_logs_in_and_sees_their_profile(
    page, live_server, screenshot
):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Register").click()
    screenshot(page, "signup-form")
    page.get_by_label("Email").fill("maya@example.org")
    page.get_by_label("Handle").fill("maya_r")
    page.get_by_label("Display name (optional)").fill("Maya")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()

    page.wait_for_url("**/accounts/confirm-email/")
    assert page.get_by_role("heading", name="Check your e-mail").is_visible()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    page.get_by_role("button", name="Log out").click()
    log_in(page, live_server, login="maya_r", password=PASSWORD)
    page.get_by_role("link", name="@maya_r").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Maya"
    assert page.get_by_text("@maya_r").first.is_visible()
    screenshot(page, "new-member-profile")

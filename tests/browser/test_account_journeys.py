"""A member's own account, on a phone: asking for a trial, and closing the account."""

import pytest

from accounts.models import TrialRequest, User
from tests.factories import MemberFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_logs_in_from_the_trial_prompt_and_asks_for_a_trial(
    live_server, phone_page, password, screenshot
):
    sam = MemberFactory(handle="sam_k", display_name="Sam")
    page = phone_page

    page.goto(f"{live_server.url}/accounts/premium/request-trial/?next=/u/sam_k/")
    page.get_by_label("E-mail or handle").fill("sam_k")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Request a premium trial").wait_for()
    screenshot(page, "request-trial")
    page.get_by_role("button", name="Request a premium trial").click()

    page.get_by_text("your request for a premium trial is with our staff").wait_for()
    assert page.url == f"{live_server.url}/u/sam_k/"
    assert TrialRequest.objects.get(member=sam).status == TrialRequest.Status.OPEN
    page.goto(f"{live_server.url}/accounts/")
    assert "You asked for a premium trial on" in page.locator(".membership").inner_text()
    screenshot(page, "account-trial-requested")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_closes_their_account_after_typing_the_password(
    live_server, phone_page, password, screenshot
):
    from tests.browser.conftest import log_in

    theo = MemberFactory(handle="theo_r", display_name="Theo", bio="Likes boats.")
    page = phone_page
    log_in(page, live_server, login="theo_r", password=password)

    page.goto(f"{live_server.url}/accounts/")
    page.get_by_role("link", name="Close my account").click()
    page.get_by_label("Your password").fill("wrong-password")
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Close my account").click()
    page.get_by_text("That password is not right").wait_for()
    screenshot(page, "close-account-wrong-password")

    page.get_by_label("Your password").fill(password)
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Close my account").click()

    page.get_by_text("Your account is closed").wait_for()
    assert page.url == f"{live_server.url}/"
    assert page.get_by_role("link", name="Log in").is_visible()
    closed = User.objects.get(pk=theo.pk)
    assert (closed.is_active, closed.bio, closed.name) == (False, "", "Former member")

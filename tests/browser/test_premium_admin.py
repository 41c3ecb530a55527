"""An admin grants a premium trial to two members from the Django admin, in a real browser."""

import datetime

import pytest
from playwright.sync_api import expect

from accounts.premium import default_trial_end
from core.dates import format_day
from tests.browser.conftest import log_in
from tests.factories import MemberFactory
from tests.webinars.conftest import create_webinar


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_admin_grants_two_members_a_trial_and_one_then_watches_a_premium_recording(
    live_server, page, phone_page, admin_user, password, screenshot
):
    from django.core import mail

    hilary = MemberFactory(handle="hilary_h", display_name="Hilary")
    teal = MemberFactory(handle="women_of_teal")
    MemberFactory(handle="not_chosen")
    ends = default_trial_end()
    ends_in_words = format_day(ends)
    webinar = create_webinar(
        contact_member=admin_user,
        title="Living with a new kidney",
        starts_in=-datetime.timedelta(days=7),
        recording_url="https://www.youtube.com/watch?v=abcDEF12345",
        audience="premium",
    )
    webinar_url = f"{live_server.url}{webinar.get_absolute_url()}"
    recording = phone_page.locator("iframe[title='Recording of Living with a new kidney']")
    # The test machine has no internet: the embedded player's address answers a stand-in.
    phone_page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(content_type="text/html", body="<p>Player</p>"),
    )

    # Before the grant, Hilary is offered a trial instead of the recording.
    log_in(phone_page, live_server, login="hilary_h", password=password)
    phone_page.goto(webinar_url)
    expect(phone_page.get_by_text("Available to premium members — request a trial")).to_be_visible()
    expect(recording).to_have_count(0)

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("E-mail address").fill(admin_user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Members", exact=True).first.click()

    for handle in ("hilary_h", "women_of_teal"):
        page.locator("#result_list tr", has_text=handle).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label="Grant premium trial")
    page.get_by_role("button", name="Run").or_(page.get_by_role("button", name="Go")).click()

    page.get_by_role("heading", name="Grant a premium trial").wait_for()
    assert page.get_by_label("Trial ends on (inclusive)").input_value() == f"{ends:%Y-%m-%d}"
    page.get_by_label("Note (optional)").fill("Asked in the webinar discussion")
    screenshot(page, "admin-grant-trial-confirm")
    page.get_by_role("button", name="Grant the trial").click()

    message = page.locator(".messagelist")
    message.wait_for()
    assert f"Granted a premium trial through {ends_in_words} to 2 members" in message.inner_text()
    screenshot(page, "admin-grant-trial-done")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([hilary.email, teal.email])

    phone_page.goto(f"{live_server.url}/accounts/")
    status = phone_page.locator(".membership__status").inner_text()
    assert status == f"Trial Premium membership through {ends_in_words}"
    screenshot(phone_page, "account-trial-premium")

    # After it, the same page shows her the recording.
    phone_page.goto(webinar_url)
    expect(recording).to_be_visible()
    expect(phone_page.get_by_text("request a trial")).to_have_count(0)
    screenshot(phone_page, "webinar-after-trial")

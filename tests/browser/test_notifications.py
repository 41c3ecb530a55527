"""Sam replies to June's post through the reply form; June sees the unread count, opens the
notification and lands on Sam's reply in the thread."""

import re

import pytest
from playwright.sync_api import expect

from community import services
from community.models import Group, Post
from tests.browser.conftest import log_in
from tests.factories import MemberFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_quoted_member_sees_the_count_and_lands_on_the_reply(
    live_server, page, phone_page, screenshot, member, password
):
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    thread = services.create_thread(
        group=group, author=member, title="Sleeping after surgery", body="How do you all sleep?"
    )
    first = thread.posts.get(position=1)
    MemberFactory(handle="sam_k", display_name="Sam")

    # Sam, on his own computer, answers June from the thread page.
    log_in(page, live_server, login="sam_k", password=password)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    page.locator(f"#post-{first.pk}").get_by_role("link", name="Reply").click()
    expect(page.get_by_text("Replying to June")).to_be_visible()
    page.get_by_label("Your reply").fill("June, the wedge pillow helped me too.")
    page.get_by_role("button", name="Post your reply").click()
    reply = Post.objects.get(thread=thread, position=2)
    expect(page.locator(f"#post-{reply.pk}")).to_be_visible()

    # June, on her phone, sees that something is new.
    log_in(phone_page, live_server, login=member.handle, password=password)
    header_link = phone_page.get_by_role("link", name=re.compile(r"^Notifications"))
    expect(header_link.locator(".count")).to_have_text("1")
    assert header_link.locator(".count").get_attribute("aria-label") == "1 unread"

    header_link.click()
    phone_page.wait_for_url(f"{live_server.url}/notifications/")
    item = phone_page.get_by_role("link", name="Sam quoted you in “Sleeping after surgery”")
    expect(item).to_be_visible()
    screenshot(phone_page, "notifications-inbox")

    item.click()
    phone_page.wait_for_url(f"**{thread.get_absolute_url()}*#post-{reply.pk}")
    assert phone_page.url.endswith(f"#post-{reply.pk}")
    target = phone_page.locator(f"#post-{reply.pk}")
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("the wedge pillow helped me too")
    screenshot(phone_page, "notifications-landed")

    phone_page.goto(f"{live_server.url}/notifications/")
    expect(phone_page.locator(".notification--unread")).to_have_count(0)
    expect(
        phone_page.get_by_role("link", name=re.compile(r"^Notifications")).locator(".count")
    ).to_have_count(0)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_quiet_hours_fields_look_and_size_like_every_other_input(
    live_server, phone_page, member, password
):
    log_in(phone_page, live_server, login=member.handle, password=password)
    phone_page.goto(f"{live_server.url}/notifications/settings/")

    for label in ("Quiet hours start", "Quiet hours end"):
        field = phone_page.get_by_label(label)
        style = field.evaluate(
            """el => {
                const s = getComputedStyle(el), body = getComputedStyle(document.body);
                return {font: s.fontSize, bodyFont: body.fontSize, border: s.borderTopWidth,
                        height: el.getBoundingClientRect().height};
            }"""
        )
        # Not the browser's 13px default in a 24px-high box: the site's inputs' text size,
        # a 44px tap target and their border.
        assert style["font"] == style["bodyFont"], style
        assert style["height"] >= 44, style
        assert style["border"] == "2px", style

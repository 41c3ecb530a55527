"""A member presses "Hug" on page 2 of a discussion: the page's one reaction form sends it
(community.post_blocks: the post's buttons name their own address), and they land back on
the post with the button pressed, at phone and desktop sizes."""

import pytest
from playwright.sync_api import expect

from community import services
from community.models import Group, Post
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_member_hugs_a_post_on_page_two_and_sees_it_pressed(
    request, size, live_server, member, password, screenshot
):
    browser_page = request.getfixturevalue("phone_page" if size == "phone" else "page")
    group = Group.objects.create(name="Transplants", slug="transplants")
    writer = MemberFactory(handle="writer", display_name="Writer")
    thread = services.create_thread(group=group, author=writer, title="Naps", body="Hello")
    for n in range(2, 26):
        services.create_reply(thread=thread, author=writer, body=f"Reply number {n}")
    hugged = Post.objects.get(thread=thread, position=23)
    log_in(browser_page, live_server, login=member.handle, password=password)

    browser_page.goto(f"{live_server.url}{thread.get_absolute_url()}?page=2")
    article = browser_page.locator(f"#post-{hugged.pk}")
    article.get_by_role("button", name="Hug").click()

    browser_page.wait_for_url(f"**{thread.get_absolute_url()}?page=2#post-{hugged.pk}")
    hug = browser_page.locator(f"#post-{hugged.pk}").get_by_role("button", name="Hug")
    expect(hug).to_have_attribute("aria-pressed", "true")
    expect(hug).to_contain_text("1")
    other = browser_page.locator(f"#post-{thread.posts.get(position=24).pk}")
    expect(other.get_by_role("button", name="Hug")).to_have_attribute("aria-pressed", "false")
    screenshot(browser_page, "reaction-pressed")
    if size == "desktop":  # (the phone context keeps the site's CSP, which axe's script meets)
        assert serious_accessibility_violations(browser_page) == []

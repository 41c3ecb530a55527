"""A member drafts a reply with crisis language, sees the calm panel with the crisis
resources, publishes anyway; a moderator finds it first in the queue, marked "needs a caring
look", and reaches out privately."""

import pytest

from community.models import Post
from moderation.services import flag_post
from safety.defaults import ensure_defaults
from safety.models import CareMark
from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.factories import PASSWORD, MemberFactory
from tests.moderation.factories import make_post

DRAFT = "Honestly, some nights I want to die. The scans never end."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_member_sees_crisis_resources_publishes_and_a_moderator_sees_it_first(
    chromium, live_server, moderator, screenshot, settings
):
    settings.PREMODERATE_FIRST_POSTS = 0
    ensure_defaults()
    writer = MemberFactory(handle="writer_wen", display_name="Wen")
    starter = MemberFactory(handle="starter_sol", display_name="Sol")
    first = make_post(author=starter, text="How do you cope with waiting for results?")
    flagged = make_post(author=starter, thread=first.thread, text="Buy cheap pills here.")
    flag_post(post=flagged, by=writer, reason="spam")
    thread_url = f"{live_server.url}{first.thread.get_absolute_url()}"

    # On a desktop, the member sees the panel and keeps editing; their words stay.
    for size in (DESKTOP, PHONE):
        page = chromium.new_context(viewport=size).new_page()
        log_in(page, live_server, login=writer.handle, password=PASSWORD)
        page.goto(thread_url)
        page.get_by_label("Your reply").fill(DRAFT)
        page.get_by_role("button", name="Post your reply").click()
        panel = page.locator(".crisis-panel")
        panel.get_by_role("heading", name="Before you post: you are not alone").wait_for()
        assert "988" in panel.inner_text()
        assert page.get_by_label("Your reply").input_value() == DRAFT
        screenshot(page, "crisis-panel")
        if size == DESKTOP:
            panel.get_by_role("link", name="Keep editing").click()
            assert not Post.objects.filter(body_markdown=DRAFT).exists()
            page.context.close()

    # On the phone, they publish anyway: nothing is blocked.
    panel.get_by_role("button", name="Publish anyway").click()
    page.locator(".post__body", has_text="some nights I want to die").wait_for()
    post = Post.objects.get(body_markdown=DRAFT)
    assert post.status == Post.Status.PUBLISHED
    assert CareMark.objects.filter(post=post, closed_at__isnull=True).exists()

    # The moderator sees it first in the queue, above an older flagged post.
    moderator.set_password(PASSWORD)
    moderator.save()
    for size in (PHONE, DESKTOP):
        mod_page = chromium.new_context(viewport=size).new_page()
        log_in(mod_page, live_server, login=moderator.handle, password=PASSWORD)
        mod_page.goto(f"{live_server.url}/moderation/")
        items = mod_page.locator(".queue-item")
        assert items.nth(0).get_attribute("id") == f"queue-post-{post.pk}"
        assert items.nth(1).get_attribute("id") == f"queue-post-{flagged.pk}"
        assert "Needs a caring look" in items.nth(0).inner_text()
        screenshot(mod_page, "crisis-moderation-queue")

    # They reach out privately, with the kind words already written for them.
    mod_page.get_by_role("button", name="Send privately").click()
    mod_page.get_by_text("Your message is on its way to @writer_wen").wait_for()
    assert mod_page.locator(f"#queue-post-{post.pk}").count() == 0
    page.goto(f"{live_server.url}/notifications/")
    page.get_by_text("A message from the care team, just for you").wait_for()
    screenshot(page, "crisis-member-inbox")

"""A member flags a post from the thread page, a moderator hides it from the queue with a
reason, the author reads the reason on the thread page, and everyone else sees a placeholder."""

import re

import pytest

from community.models import Post
from moderation.models import AuditEntry, Flag
from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.factories import PASSWORD, MemberFactory
from tests.moderation.factories import make_post

REASON = "It shares a phone number and offers medicines for sale."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_flagged_post_is_hidden_with_a_reason_the_author_can_read(
    chromium, live_server, moderator, screenshot
):
    author = MemberFactory(handle="author_amy", display_name="Amy")
    flagger = MemberFactory(handle="flagger_fred", display_name="Fred")
    bystander = MemberFactory(handle="bystander_bo", display_name="Bo")
    first = make_post(author=flagger, text="How do you all cope with the waiting?")
    post = make_post(author=author, thread=first.thread, text="Call me on 555 0100 for pills.")
    thread_url = f"{live_server.url}{first.thread.get_absolute_url()}"

    # A member opens the thread, presses Flag on the post and chooses a reason.
    member_page = chromium.new_context(viewport=PHONE).new_page()
    log_in(member_page, live_server, login=flagger.handle, password=PASSWORD)
    member_page.goto(thread_url)
    member_page.locator(f"#post-{post.pk}").get_by_role("link", name=re.compile("^Flag")).click()
    member_page.wait_for_url(f"**/p/{post.pk}/flag/")
    member_page.get_by_label("Shares personal information").check()
    member_page.get_by_label("Tell the moderators more").fill("A phone number and pills for sale.")
    screenshot(member_page, "moderation-flag-form")
    member_page.get_by_role("button", name="Send to the moderators").click()
    member_page.get_by_text("Thank you. A moderator will look at this post.").wait_for()
    assert first.thread.get_absolute_url() in member_page.url
    assert Flag.objects.filter(post=post, flagger=flagger).exists()

    # A moderator opens the queue and hides it with a reason.
    moderator.set_password(PASSWORD)
    moderator.save()
    mod_page = chromium.new_context(viewport=DESKTOP).new_page()
    log_in(mod_page, live_server, login=moderator.handle, password=PASSWORD)
    mod_page.goto(f"{live_server.url}/moderation/")
    item = mod_page.locator(f"#queue-post-{post.pk}")
    assert "A phone number and pills for sale." in item.inner_text()
    item.get_by_label("Hide it, with this reason for the author").fill(REASON)
    screenshot(mod_page, "moderation-queue-before-hiding")
    item.get_by_role("button", name="Hide").click()
    mod_page.get_by_text("Hidden. The author sees your reason.").wait_for()
    assert mod_page.locator(f"#queue-post-{post.pk}").count() == 0

    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    assert AuditEntry.objects.filter(action="post.hide", actor=moderator).exists()

    # The author opens the thread and sees the post marked hidden, with the reason.
    for size in (PHONE, DESKTOP):
        author_page = chromium.new_context(viewport=size).new_page()
        log_in(author_page, live_server, login=author.handle, password=PASSWORD)
        author_page.goto(thread_url)
        own = author_page.locator(f"#post-{post.pk}")
        assert "Hidden by a moderator" in own.inner_text()
        assert REASON in own.inner_text()
        assert "Call me on 555 0100" in own.inner_text()
        screenshot(author_page, "moderation-author-sees-reason")
        author_page.context.close()

    # Another member sees only the placeholder.
    other_page = chromium.new_context(viewport=PHONE).new_page()
    log_in(other_page, live_server, login=bystander.handle, password=PASSWORD)
    other_page.goto(thread_url)
    placeholder = other_page.locator(f"#post-{post.pk}").inner_text()
    assert "A moderator hid this post." in placeholder
    assert "555 0100" not in placeholder and REASON not in placeholder
    screenshot(other_page, "moderation-others-see-placeholder")

    for page in (member_page, mod_page, other_page):
        page.context.close()

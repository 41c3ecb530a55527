"""A member flags a post, a moderator hides it from the queue with a reason, the author reads it.

The thread page belongs to the community app: after the merge, the lead adds the steps that
open the post from the thread (the Flag link) and check the author sees the reason there.
"""

import pytest

from community.models import Post
from moderation.models import AuditEntry, Flag
from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.factories import PASSWORD, MemberFactory
from tests.moderation.factories import make_post


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_flagged_post_is_hidden_with_a_reason_the_author_can_read(
    chromium, live_server, moderator, screenshot
):
    author = MemberFactory(handle="author_amy")
    flagger = MemberFactory(handle="flagger_fred")
    first = make_post(author=flagger, text="How do you all cope with the waiting?")
    post = make_post(author=author, thread=first.thread, text="Call me on 555 0100 for pills.")

    # A member flags the post.
    member_page = chromium.new_context(viewport=PHONE).new_page()
    log_in(member_page, live_server, login=flagger.handle, password=PASSWORD)
    member_page.goto(f"{live_server.url}/p/{post.pk}/flag/")
    member_page.get_by_label("Shares personal information").check()
    member_page.get_by_label("Tell the moderators more").fill("A phone number and pills for sale.")
    screenshot(member_page, "moderation-flag-form")
    member_page.get_by_role("button", name="Send to the moderators").click()
    # /p/<id>/ is the permalink: it lands on the thread page at the post.
    member_page.wait_for_url(f"**/t/{post.thread_id}/**#post-{post.pk}")
    assert Flag.objects.filter(post=post, flagger=flagger).exists()

    # A moderator opens the queue and hides it with a reason.
    moderator.set_password(PASSWORD)
    moderator.save()
    mod_page = chromium.new_context(viewport=DESKTOP).new_page()
    log_in(mod_page, live_server, login=moderator.handle, password=PASSWORD)
    mod_page.goto(f"{live_server.url}/moderation/")
    item = mod_page.locator(f"#queue-post-{post.pk}")
    assert "A phone number and pills for sale." in item.inner_text()
    item.get_by_label("Hide it, with this reason for the author").fill(
        "It shares a phone number and offers medicines for sale."
    )
    screenshot(mod_page, "moderation-queue-before-hiding")
    item.get_by_role("button", name="Hide").click()
    mod_page.get_by_text("Hidden. The author sees your reason.").wait_for()
    assert mod_page.locator(f"#queue-post-{post.pk}").count() == 0

    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    assert AuditEntry.objects.filter(action="post.hide", actor=moderator).exists()

    # The author sees the reason.
    author_page = chromium.new_context(viewport=PHONE).new_page()
    log_in(author_page, live_server, login=author.handle, password=PASSWORD)
    author_page.goto(f"{live_server.url}/moderation/standing/")
    held = author_page.locator(f"#held-post-{post.pk}")
    assert "Hidden by a moderator" in held.inner_text()
    assert "It shares a phone number and offers medicines for sale." in held.inner_text()
    screenshot(author_page, "moderation-author-sees-reason")

    for page in (member_page, mod_page, author_page):
        page.context.close()

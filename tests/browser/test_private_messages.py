"""A member writes to another from their profile; the other sees the unread badge, replies
with a quote, and reports a message; a moderator sees only that message."""

import datetime
import re

import pytest
from django.utils import timezone

from conversations.models import Message
from tests.browser.conftest import DESKTOP, PHONE, log_in
from tests.factories import PASSWORD, MemberFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_private_conversation_from_profile_to_report(
    chromium, live_server, moderator, settings, screenshot
):
    settings.CONVERSATIONS_MIN_APPROVED_POSTS = 0
    month_ago = timezone.now() - datetime.timedelta(days=30)
    ana = MemberFactory(handle="ana_w", display_name="Ana", date_joined=month_ago)
    ben = MemberFactory(handle="ben_w", display_name="Ben", date_joined=month_ago)

    # Ana opens Ben's profile and presses "Send a message".
    ana_page = chromium.new_context(viewport=PHONE).new_page()
    log_in(ana_page, live_server, login=ana.handle, password=PASSWORD)
    ana_page.goto(f"{live_server.url}/u/ben_w/")
    ana_page.get_by_role("link", name="Send a message").click()
    ana_page.wait_for_url("**/messages/new/?to=ben_w")
    ana_page.get_by_label("Your message").fill("Are you going to the Thursday group?")
    ana_page.get_by_role("button", name="Send").click()
    ana_page.get_by_text("Are you going to the Thursday group?").wait_for()
    screenshot(ana_page, "private-conversation")

    # Ben sees the badge, opens the conversation and replies.
    ben_page = chromium.new_context(viewport=DESKTOP).new_page()
    log_in(ben_page, live_server, login=ben.handle, password=PASSWORD)
    messages_link = ben_page.get_by_role("link", name=re.compile(r"^Messages"))
    assert messages_link.locator(".count").get_attribute("aria-label") == "1 unread"
    messages_link.click()
    ben_page.get_by_role("link", name="With Ana").click()
    # He quotes her question: the reply shows it, with a jump back to it.
    question = Message.objects.get(body_markdown="Are you going to the Thursday group?")
    ben_page.locator(f"#message-{question.pk}").get_by_role(
        "link", name=re.compile(r"^Quote")
    ).click()
    ben_page.get_by_text("Replying to Ana").wait_for()
    ben_page.get_by_label("Your message").fill("Yes, see you there.")
    ben_page.get_by_role("button", name="Send").click()
    ben_page.get_by_text("Yes, see you there.").wait_for()
    reply = Message.objects.get(body_markdown="Yes, see you there.")
    assert reply.reply_to == question
    quote = ben_page.locator(f"#message-{reply.pk} blockquote")
    assert "Are you going to the Thursday group?" in quote.inner_text()
    quote.get_by_role("link", name="Jump to this post").click()
    ben_page.wait_for_url(f"**#message-{question.pk}")
    screenshot(ben_page, "private-conversation-quote")
    assert (
        ben_page.get_by_role("link", name=re.compile(r"^Messages")).locator(".count").count() == 0
    )

    # Ana's second message is unkind; Ben reports it.
    ana_page.reload()
    ana_page.get_by_label("Your message").fill("Actually, do not bother coming.")
    ana_page.get_by_role("button", name="Send").click()
    ana_page.get_by_text("Actually, do not bother coming.").wait_for()
    unkind = Message.objects.get(body_markdown="Actually, do not bother coming.")
    ben_page.reload()
    ben_page.locator(f"#message-{unkind.pk}").get_by_role("link", name="Report").click()
    ben_page.get_by_label("What is wrong with this message?").fill("Hurtful")
    ben_page.get_by_role("button", name="Send the report").click()
    ben_page.get_by_text("Thank you. A moderator will look at this message.").wait_for()

    # The moderator reads that message and nothing else of the conversation.
    moderator.set_password(PASSWORD)
    moderator.save()
    mod_page = chromium.new_context(viewport=DESKTOP).new_page()
    log_in(mod_page, live_server, login=moderator.handle, password=PASSWORD)
    mod_page.goto(f"{live_server.url}/moderation/")
    mod_page.get_by_role("link", name="Private messages").click()
    text = mod_page.locator("main").inner_text()
    assert "Actually, do not bother coming." in text and "Hurtful" in text
    assert "Thursday group" not in text and "see you there" not in text
    screenshot(mod_page, "reported-private-message")
    for open_page in (ana_page, ben_page, mod_page):
        open_page.context.close()

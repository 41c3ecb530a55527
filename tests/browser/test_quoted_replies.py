"""A member replies to a post on page 3 and finds their way back to it with "Jump to this post"."""

import pytest
from playwright.sync_api import expect

from community import services
from community.models import Group, Post
from tests.browser.conftest import log_in
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _long_thread(posts: int = 45):
    group = Group.objects.create(name="Transplants", slug="transplants")
    writers = [MemberFactory(handle=f"writer{n}", display_name=f"Writer {n}") for n in range(3)]
    thread = services.create_thread(
        group=group, author=writers[0], title="The first weeks home", body="What surprised you?"
    )
    for n in range(2, posts + 1):
        services.create_reply(
            thread=thread,
            author=writers[n % 3],
            body=f"Reply number {n}: short walks and long naps helped me most.",
        )
    return thread


def test_reply_from_page_three_and_jump_back_to_the_quoted_post(
    page, live_server, member, password, screenshot
):
    thread = _long_thread()
    quoted = Post.objects.get(thread=thread, position=43)
    log_in(page, live_server, login=member.handle, password=password)

    page.goto(f"{live_server.url}{thread.get_absolute_url()}?page=3")
    expect(page.get_by_text("Page 3 of 3").first).to_be_visible()
    page.locator(f"#post-{quoted.pk}").get_by_role("link", name="Reply").click()
    expect(page.get_by_text(f"Replying to {quoted.author.name}")).to_be_visible()
    screenshot(page, "quoted-reply-1-form")

    page.get_by_label("Your reply").fill("Naps saved me too. Thank you for saying it.")
    page.get_by_role("button", name="Post your reply").click()

    reply = Post.objects.get(thread=thread, position=46)
    article = page.locator(f"#post-{reply.pk}")
    expect(article).to_be_visible()
    expect(article.locator(".quote")).to_contain_text(f"@{quoted.author.handle} wrote:")
    expect(article.locator(".quote")).to_contain_text("Reply number 43")
    screenshot(page, "quoted-reply-2-posted")

    article.get_by_role("link", name="Jump to this post").click()
    page.wait_for_url(f"**{thread.get_absolute_url()}?page=3#post-{quoted.pk}")
    target = page.locator(f"#post-{quoted.pk}")
    expect(target).to_be_in_viewport()
    expect(page.get_by_text("Page 3 of 3").first).to_be_attached()
    screenshot(page, "quoted-reply-3-jumped")


def test_quote_sends_the_selected_words(phone_page, live_server, member, password, screenshot):
    thread = _long_thread(posts=3)
    quoted = Post.objects.get(thread=thread, position=2)
    page = phone_page
    log_in(page, live_server, login=member.handle, password=password)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    body = page.locator(f'[data-post-body="{quoted.pk}"] p')
    # Select "long naps" inside the post, as a reader would with a finger or mouse.
    body.evaluate(
        """(p) => {
            const text = p.firstChild; const start = text.data.indexOf("long naps");
            const range = document.createRange();
            range.setStart(text, start); range.setEnd(text, start + "long naps".length);
            const selection = window.getSelection();
            selection.removeAllRanges(); selection.addRange(range);
        }"""
    )
    page.locator(f"#post-{quoted.pk}").get_by_role("link", name="Quote").click()
    expect(page.locator(".replying-to .quote__text")).to_have_text("long naps")
    page.get_by_label("Your reply").fill("Yes, the naps!")
    page.get_by_role("button", name="Post your reply").click()
    reply = Post.objects.get(thread=thread, position=4)
    assert reply.reply_to_id == quoted.pk and reply.quote_excerpt == "long naps"
    expect(page.locator(f"#post-{reply.pk} .quote__text")).to_have_text("long naps")
    screenshot(page, "quote-selection")


def test_without_javascript_reply_quotes_the_excerpt(chromium, live_server, member, password):
    thread = _long_thread(posts=2)
    quoted = Post.objects.get(thread=thread, position=2)
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server, login=member.handle, password=password)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    page.locator(f"#post-{quoted.pk}").get_by_role("link", name="Quote").click()
    page.get_by_label("Your reply").fill("Agreed.")
    page.get_by_role("button", name="Post your reply").click()
    reply = Post.objects.get(thread=thread, position=3)
    assert reply.quote_excerpt.startswith("Reply number 2:")
    context.close()


def test_a_visitor_logs_in_from_the_thread_and_comes_back(page, live_server, member, password):
    thread = _long_thread(posts=2)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    expect(page.get_by_text("to post a reply.")).to_be_visible()
    page.locator("#reply").get_by_role("link", name="log in").click()
    page.get_by_label("E-mail or handle").fill(member.handle)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{thread.get_absolute_url()}")
    expect(page.get_by_label("Your reply")).to_be_visible()

"""Writing without losing a word, in Chromium at phone and desktop sizes: Preview, drafts kept
on the server across page loads and browsers, the reply form opened in place, and a long paste
kept whole with the server's clear message and a live counter."""

import pytest
from playwright.sync_api import expect

from community import services
from community.models import Draft, Group, Post
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    log_in,
    serious_accessibility_violations,
)
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(params=SIZES)
def sized_page(request, chromium):
    """A page at phone or desktop size (bypass_csp only lets axe-core in for its check)."""
    phone = request.param == "phone"
    context = chromium.new_context(
        viewport=SIZES[request.param], is_mobile=phone, has_touch=phone, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _thread(posts: int = 1):
    group = Group.objects.create(name="Transplants", slug="transplants")
    writer = MemberFactory(handle="writer", display_name="Writer")
    thread = services.create_thread(
        group=group, author=writer, title="The first weeks home", body="What surprised you?"
    )
    for n in range(2, posts + 1):
        services.create_reply(thread=thread, author=writer, body=f"Reply number {n}: naps.")
    return thread


def _no_serious_violations(page):
    assert serious_accessibility_violations(page) == []


def test_preview_shows_bold_text_as_bold_and_publishes_nothing(
    sized_page, live_server, member, password, screenshot
):
    thread = _thread()
    page = sized_page
    log_in(page, live_server, login=member.handle, password=password)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")

    page.get_by_label("Your reply").fill("I felt **much** better after a week.")
    page.get_by_role("button", name="Preview").click()

    preview = page.locator(".preview")
    expect(preview.locator("strong")).to_have_text("much")
    weight = preview.locator("strong").evaluate("(b) => getComputedStyle(b).fontWeight")
    assert int(weight) >= 600
    expect(page.get_by_label("Your reply")).to_have_value("I felt **much** better after a week.")
    assert Post.objects.filter(thread=thread).count() == 1
    screenshot(page, "writing-preview")
    _no_serious_violations(page)

    page.get_by_role("button", name="Post your reply").click()
    expect(page.locator(".post").last).to_contain_text("I felt much better after a week.")
    assert Post.objects.filter(thread=thread).count() == 2
    assert not Draft.objects.exists()


def test_a_draft_is_there_on_the_next_page_load_and_in_another_browser(
    chromium, live_server, member, password
):
    thread = _thread()
    url = f"{live_server.url}{thread.get_absolute_url()}"
    first = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = first.new_page()
    log_in(page, live_server, login=member.handle, password=password)
    page.goto(url)

    page.get_by_label("Your reply").press_sequentially("Still thinking about this")
    expect(page.locator("[data-draft-status]")).to_have_text("Draft saved.")
    expect(page.get_by_role("button", name="Discard draft")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Your reply")).to_have_value("Still thinking about this")

    # Another device: another log-in (bypass_csp only so axe-core can be injected).
    second = chromium.new_context(viewport=DESKTOP, bypass_csp=True)
    other = second.new_page()
    log_in(other, live_server, login=member.handle, password=password)
    other.goto(url)
    expect(other.get_by_label("Your reply")).to_have_value("Still thinking about this")
    _no_serious_violations(other)

    other.get_by_role("button", name="Discard draft").click()
    expect(other.get_by_text("Your draft is discarded.")).to_be_visible()
    expect(other.get_by_label("Your reply")).to_have_value("")
    page.reload()
    expect(page.get_by_label("Your reply")).to_have_value("")
    first.close()
    second.close()


def test_a_25000_character_paste_is_kept_whole_with_a_clear_message(
    sized_page, live_server, member, password, screenshot
):
    thread = _thread()
    text = "word " * 4999 + "last."
    page = sized_page
    log_in(page, live_server, login=member.handle, password=password)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")

    box = page.get_by_label("Your reply")
    box.fill(text)
    expect(box).to_have_value(text)  # nothing cut by the browser
    expect(page.locator(".char-count")).to_contain_text("25,000 of 20,000 characters")
    expect(page.locator(".char-count [aria-live]")).to_contain_text("Over the limit by 5,000")
    page.get_by_role("button", name="Post your reply").click()

    expect(page.get_by_text("Your post is 25,000 characters; the limit is 20,000.")).to_be_visible()
    expect(page.get_by_label("Your reply")).to_have_value(text)
    assert Post.objects.filter(thread=thread).count() == 1
    screenshot(page, "writing-too-long")
    _no_serious_violations(page)


def test_a_long_title_paste_is_kept_whole(page, live_server, member, password, screenshot):
    Group.objects.create(name="Transplants", slug="transplants")
    title = "Sleeping after a transplant, and what the nurses said. " * 9  # 495 characters
    log_in(page, live_server, login=member.handle, password=password)
    page.goto(f"{live_server.url}/groups/transplants/new/")

    page.get_by_label("Title").fill(title)
    expect(page.get_by_label("Title")).to_have_value(title)
    page.get_by_label("Your message").fill("Hello")
    page.get_by_role("button", name="Start the discussion").click()

    expect(page.get_by_text("Your title is 494 characters; the limit is 160.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value(title)  # every character, as sent

    page.get_by_label("Title").fill("Sleeping after a transplant")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".preview__title")).to_have_text("Sleeping after a transplant")
    expect(page.get_by_role("button", name="Discard draft")).to_be_visible()
    screenshot(page, "writing-new-thread-preview")
    _no_serious_violations(page)


def test_reply_opens_the_form_in_place_and_returns_to_the_post(
    sized_page, live_server, member, password, screenshot
):
    thread = _thread(posts=12)
    quoted = Post.objects.get(thread=thread, position=4)
    page = sized_page
    log_in(page, live_server, login=member.handle, password=password)
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    loads = []
    page.on("load", lambda _: loads.append(1))

    page.locator(f"#post-{quoted.pk}").get_by_role("link", name="Reply").click()

    box = page.get_by_label("Your reply")
    expect(box).to_be_focused()
    expect(box).to_be_in_viewport()
    expect(page.locator(".reply-form .quote__text")).to_have_text("Reply number 4: naps.")
    assert loads == []  # the page was not loaded again
    screenshot(page, "writing-reply-in-place")
    _no_serious_violations(page)

    page.get_by_role("link", name="Back to Writer’s post").click()
    expect(page.locator(f"#post-{quoted.pk}")).to_be_in_viewport()
    box.fill("Naps, yes.")
    page.get_by_role("button", name="Post your reply").click()
    reply = Post.objects.get(thread=thread, position=13)
    expect(page.locator(f"#post-{reply.pk} .quote")).to_contain_text("Reply number 4")


def test_the_scripts_speak_spanish_on_a_spanish_page(page, live_server, member, password):
    """The counter and Reply in place take their words from the page (data-* attributes),
    so a Spanish reader gets them in Spanish, numbers written the Spanish way."""
    thread = _thread(posts=3)
    quoted = Post.objects.get(thread=thread, position=2)
    log_in(page, live_server, login=member.handle, password=password)
    page.context.set_extra_http_headers({"Accept-Language": "es"})
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")

    page.locator(f"#post-{quoted.pk}").get_by_role("link", name="Responder").click()
    expect(page.locator(".reply-form .replying-to__label")).to_have_text(
        "Respondiendo a Writer. Su respuesta mostrará esta cita:"
    )
    expect(page.get_by_role("link", name="Volver a la publicación de Writer")).to_be_visible()

    page.get_by_label("Su respuesta").fill("palabra " * 3000)
    expect(page.locator(".char-count")).to_contain_text("24.000 de 20.000 caracteres: sobran")

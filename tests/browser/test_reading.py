"""Reading a long discussion: first unread post, jump to latest, short quotes, the member's home."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from community import services
from community.models import Group, Post, ThreadVisit
from tests.browser.conftest import PHONE, log_in, serious_accessibility_violations
from tests.factories import MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = timezone.now() - datetime.timedelta(days=2)
# What members write: a few sentences, sometimes a paragraph.
BODIES = [
    "The first week home was harder than I expected. I slept a lot and walked to the end of "
    "the hall twice a day. My daughter stayed with me, which helped more than anything.",
    "Short walks and long naps helped me most.",
    "I kept a notebook of my medicines and the times I took them, because I forgot "
    "everything in the first days. The pharmacist printed a table for me, ask for one! It "
    "also helped at the follow-up visit, when the doctor asked how the pain had changed.",
    "Thank you for writing this. I go home on Friday and I am scared of the nights.",
]


@pytest.fixture
def phone(chromium):
    """A phone that may run axe-core (bypass_csp, as the desktop `page` does)."""
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _discussion(posts: int, *, quoting: bool = False):
    group = Group.objects.create(name="Transplants", slug="transplants")
    writers = [MemberFactory(handle=f"writer{n}", display_name=f"Writer {n}") for n in range(3)]
    thread = services.create_thread(
        group=group, author=writers[0], title="The first weeks home", body=BODIES[0]
    )
    written = [thread.posts.get()]
    for n in range(2, posts + 1):
        # Quoting: every reply quotes (Reply's default quote), half the post just above,
        # half one further up.
        quoted = (written[-1] if n % 2 else written[max(0, len(written) - 3)]) if quoting else None
        written.append(
            services.create_reply(
                thread=thread,
                author=writers[n % 3],
                body=f"({n}) {BODIES[n % len(BODIES)]}",
                reply_to=quoted,
            )
        )
    for post in thread.posts.all():
        Post.objects.filter(pk=post.pk).update(
            created_at=START + datetime.timedelta(minutes=post.position)
        )
    return thread


@pytest.mark.parametrize("device", ["page", "phone"])
def test_first_unread_post_lands_on_the_first_post_newer_than_the_last_visit(
    request, device, live_server, member, password, screenshot
):
    page = request.getfixturevalue(device)
    thread = _discussion(45)
    ThreadVisit.objects.create(
        thread=thread, member=member, visited_at=START + datetime.timedelta(minutes=27.5)
    )
    first_new = thread.posts.get(position=28)
    log_in(page, live_server, login=member.handle, password=password)

    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    page.get_by_role("link", name="First unread post").click()

    page.wait_for_url(f"**{thread.get_absolute_url()}?page=2#post-{first_new.pk}")
    expect(page.locator(f"#post-{first_new.pk}")).to_be_in_viewport()
    expect(page.locator(f"#post-{first_new.pk}")).to_contain_text("(28)")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "reading-first-unread")


def test_jump_to_latest_shows_the_last_post_to_a_visitor(phone_page, live_server):
    thread = _discussion(45)
    last = thread.posts.get(position=45)

    phone_page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    phone_page.get_by_role("link", name="Jump to latest").click()

    phone_page.wait_for_url(f"**{thread.get_absolute_url()}?page=3#latest")
    expect(phone_page.locator(f"#post-{last.pk}")).to_be_in_viewport()


def test_a_long_quote_opens_without_javascript(chromium, live_server):
    thread = _discussion(3)
    quoted = thread.posts.get(position=2)
    words = " ".join(quoted.body_markdown.split()[1:])  # the post's words, without "(2)"
    reply = services.create_reply(
        thread=thread, author=quoted.author, body="Yes!", reply_to=quoted, quote_excerpt=words
    )
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    quote = page.locator(f"#post-{reply.pk} .quote")
    expect(quote.get_by_text("follow-up visit")).to_be_hidden()

    quote.get_by_text("Show the whole quote").click()

    expect(quote.get_by_text("follow-up visit")).to_be_visible()
    context.close()


@pytest.mark.parametrize("device", ["page", "phone"])
def test_quotes_take_well_under_a_third_of_a_twenty_post_thread(
    request, device, live_server, screenshot
):
    """Every reply quotes the post before it (Reply's default quote): the quote blocks are
    a small part of what a reader scrolls through."""
    page = request.getfixturevalue(device)
    thread = _discussion(20, quoting=True)

    page.goto(f"{live_server.url}{thread.get_absolute_url()}")
    screenshot(page, "reading-twenty-posts-quoting")
    posts = page.locator("ol.posts").bounding_box()["height"]
    blocks = page.locator(".posts .quote, .posts .reply-above")
    quotes = sum(
        box["height"]
        for box in blocks.evaluate_all("(all) => all.map((q) => q.getBoundingClientRect())")
    )

    assert blocks.count() == 19
    assert quotes < posts / 4, f"quotes {quotes:.0f}px of {posts:.0f}px"


@pytest.mark.parametrize("device", ["page", "phone"])
def test_a_members_home_leads_to_the_first_unread_post(
    request, device, live_server, member, password, screenshot
):
    page = request.getfixturevalue(device)
    thread = _discussion(8)
    services.follow_thread(thread=thread, member=member)
    ThreadVisit.objects.create(
        thread=thread, member=member, visited_at=START + datetime.timedelta(minutes=5.5)
    )
    log_in(page, live_server, login=member.handle, password=password)

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="What's new for you")).to_be_visible()
    item = page.locator(".followed-list li", has_text=thread.title)
    expect(item).to_contain_text("3 new posts")
    assert serious_accessibility_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, "reading-member-home")

    item.get_by_role("link", name="First unread post").click()

    sixth = thread.posts.get(position=6)
    page.wait_for_url(f"**{thread.get_absolute_url()}#post-{sixth.pk}")
    expect(page.locator(f"#post-{sixth.pk}")).to_be_in_viewport()

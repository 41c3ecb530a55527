"""What a newcomer, a visitor, a moderator and an admin meet, on the demo community.

Each journey saves screenshots of its key pages at phone (390x844) and desktop (1280x800)
sizes under tests/browser/screenshots/ (git-ignored) and checks the pages with axe-core.
"""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from community.models import Post, Thread
from tests.browser.conftest import DESKTOP, PHONE, log_in, serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "gathering-demo"
NEW_PASSWORD = "morning-tea-on-the-porch-9"


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def look(screenshot):
    """look(page, name): screenshots at desktop and phone size, and checks accessibility."""
    checked = {}

    def take(page, name: str) -> None:
        page.set_viewport_size(DESKTOP)
        screenshot(page, f"journey-{name}")
        page.set_viewport_size(PHONE)
        screenshot(page, f"journey-{name}")
        page.set_viewport_size(DESKTOP)
        checked[name] = serious_accessibility_violations(page)

    yield take
    assert {name: found for name, found in checked.items() if found} == {}


def test_a_visitor_reads_a_webinar_and_its_discussion_and_is_asked_to_log_in(
    page, live_server, demo, look
):
    page.goto(live_server.url + "/")
    look(page, "visitor-home")
    page.get_by_role("link", name="Webinars").first.click()
    look(page, "visitor-webinar-list")
    page.locator("a[href^='/webinars/']:not([href='/webinars/'])").first.click()

    assert page.get_by_text(re.compile(r"\d:\d\d[ap]m to \d{1,2}:\d\d[ap]m [A-Z]{2,4}")).count()
    prompt = page.get_by_text("Please log in or register to post a reply.")
    prompt.scroll_into_view_if_needed()
    assert prompt.is_visible()
    look(page, "visitor-webinar")

    page.get_by_role("link", name="Groups").first.click()
    page.get_by_role("link", name="Transplants").first.click()
    look(page, "visitor-group")
    page.locator("main a[href^='/t/']").first.click()
    assert page.get_by_text("Please log in or register to post a reply.").is_visible()
    look(page, "visitor-thread")


def test_a_newcomer_registers_introduces_themself_replies_with_a_quote_and_jumps_back(
    page, live_server, demo, look
):
    page.goto(live_server.url + "/accounts/signup/")
    look(page, "newcomer-signup")
    page.get_by_label("Email").fill("lena@example.org")
    page.get_by_label("Handle").fill("lena_m")
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password (again)").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Register").click()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    page.goto(live_server.url + "/groups/newcomers/")
    page.get_by_role("link", name=re.compile("Start a (new )?(thread|discussion)")).first.click()
    page.get_by_label("Title").fill("Hello from Lena")
    page.get_by_label(re.compile("^(Your message|Message|Body)")).fill(
        "I care for my dad after his lung transplant. Glad to have found you all."
    )
    page.get_by_role("button", name=re.compile("^(Post|Start|Publish)")).click()
    assert page.get_by_role("heading", name="Hello from Lena").is_visible()
    look(page, "newcomer-introduction")

    # A quoted post on an earlier page of the long demo thread, answered from its last page.
    thread = Thread.objects.order_by("-last_position").first()
    quoted = Post.objects.get(thread=thread, position=3)
    last_page = (thread.last_position - 1) // 20 + 1
    page.goto(f"{live_server.url}{thread.get_absolute_url()}?page={last_page}")
    page.goto(f"{live_server.url}{thread.get_absolute_url()}?reply_to={quoted.pk}#reply")
    page.locator("#reply textarea").fill("This helped me too, thank you for writing it down.")
    page.locator("#reply").get_by_role("button", name=re.compile("^(Post|Reply|Send)")).click()

    reply = Post.objects.filter(thread=thread, author__handle="lena_m").get()
    assert reply.reply_to_id == quoted.pk
    block = page.locator(f"#post-{reply.pk} .quote")
    look(page, "newcomer-reply")
    block.get_by_role("link", name="Jump to this post").click()

    page.wait_for_url(re.compile(rf"page=1#post-{quoted.pk}$|#post-{quoted.pk}$"))
    assert page.locator(f"#post-{quoted.pk}").is_visible()


def test_a_moderator_works_the_queue_and_the_log_records_it(page, live_server, demo, look):
    log_in(page, live_server, login="nurse_rosa", password=DEMO_PASSWORD)
    page.get_by_role("link", name="Moderation").click()
    look(page, "moderator-queue")
    items = page.locator("main article, main li.queue-item, main .queue-item")
    assert items.count() >= 2

    page.get_by_role("button", name="Approve").first.click()
    assert page.get_by_text(re.compile("approved", re.I)).first.is_visible()

    page.goto(live_server.url + "/moderation/log/")
    assert page.locator("main table").get_by_text("Post approved").first.is_visible()
    look(page, "moderator-log")


def test_an_admin_finds_members_and_webinars_in_the_admin(page, live_server, demo, look):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("E-mail address").fill("admin@example.org")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    look(page, "admin-index")

    page.get_by_role("link", name="Members", exact=True).click()
    page.get_by_role("searchbox").fill("june")
    page.keyboard.press("Enter")
    assert page.get_by_role("link", name="june_b").is_visible()

    page.goto(live_server.url + "/admin/webinars/webinar/")
    assert page.locator("#result_list tbody tr").count() >= 3

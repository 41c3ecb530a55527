"""Webinars in a real browser (Debian's Chromium)."""

import datetime
import re
import zoneinfo

import pytest
from playwright.sync_api import expect

from accounts.models import Membership
from community.models import Post
from tests.browser.conftest import DESKTOP, PHONE, log_in, serious_accessibility_violations
from tests.factories import PASSWORD, MemberFactory
from tests.webinars.conftest import create_post, create_webinar, grant_premium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def make_webinar(db):
    contact = MemberFactory(handle="webinar_host", is_staff=True)

    def make(**fields):
        return create_webinar(contact_member=contact, **fields)

    return make


CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def _offline_player(page):
    # The page embeds YouTube's no-cookie player; the test machine has no internet, so the
    # player's address answers with a stand-in page.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(content_type="text/html", body="<p>Player</p>"),
    )


@pytest.fixture
def archived_with_discussion(make_webinar):
    webinar = make_webinar(
        starts_in=-datetime.timedelta(days=7),
        title="Living with a new kidney",
        slug="living-with-a-new-kidney",
        slides_url="https://example.org/slides/new-kidney.pdf",
        recording_url="https://www.youtube.com/watch?v=abcDEF12345",
        audience="premium",
    )
    asker = MemberFactory(handle="carla_m")
    answerer = MemberFactory(handle="dr_lin")
    question = create_post(webinar.thread, asker, "Which fruits are safe in the first month?")
    # A post in between: a reply just below the post it quotes shows one line, not the quote.
    create_post(webinar.thread, MemberFactory(), "Thank you for the talk, it helped.")
    create_post(
        webinar.thread,
        answerer,
        "Most are fine; ask about grapefruit and pomelo.",
        reply_to=question,
        excerpt="Which fruits are safe in the first month?",
    )
    return webinar, question


def test_a_premium_member_watches_the_recording_and_reads_the_quoted_discussion(
    page, live_server, archived_with_discussion, screenshot
):
    webinar, question = archived_with_discussion
    member = grant_premium(MemberFactory(handle="tess_trial"), kind=Membership.Kind.TRIAL)
    _offline_player(page)

    log_in(page, live_server, login=member.handle, password=PASSWORD)
    page.goto(f"{live_server.url}{webinar.get_absolute_url()}")

    expect(page.get_by_role("heading", level=1)).to_have_text("Living with a new kidney")
    expect(page.locator("iframe[title='Recording of Living with a new kidney']")).to_be_visible()
    expect(page.get_by_role("link", name="Link to the presentation slides")).to_be_visible()
    expect(page.get_by_text("request a trial")).to_have_count(0)

    reply = page.locator("[id^='post-']", has_text="ask about grapefruit")
    expect(reply.get_by_text("@carla_m").first).to_be_visible()
    expect(reply.get_by_text("Which fruits are safe in the first month?")).to_be_visible()
    expect(reply.get_by_role("link", name="Jump to this post")).to_have_attribute(
        "href", f"/p/{question.pk}/"
    )
    expect(page.locator(f"#post-{question.pk}")).to_be_visible()
    screenshot(page, "webinar-archived-premium")

    # She answers @dr_lin's post: Reply opens the form on this page, quoting it.
    answer = Post.objects.get(thread=webinar.thread, author__handle="dr_lin")
    page.locator(f"#post-{answer.pk}").get_by_role("link", name=re.compile("^Reply")).click()
    # (in place, without leaving the page: static/js/reply-in-place.js)
    expect(page).to_have_url(f"{live_server.url}{webinar.get_absolute_url()}")
    expect(page.locator("#id_reply_to")).to_have_value(str(answer.pk))
    expect(page.get_by_text("Your reply will show this quote:")).to_be_visible()
    page.get_by_label("Your reply").fill("Thank you, I will ask about pomelo at my next visit.")
    page.get_by_role("button", name="Post your reply").click()

    mine = Post.objects.get(thread=webinar.thread, author=member)
    expect(page).to_have_url(f"{live_server.url}{webinar.get_absolute_url()}#post-{mine.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Living with a new kidney")
    posted = page.locator(f"#post-{mine.pk}")
    expect(posted).to_contain_text("Thank you, I will ask about pomelo at my next visit.")
    # Her reply sits just below @dr_lin's post: one line says so instead of repeating it
    # (the quote is kept, and shows wherever the two are not side by side).
    expect(posted.locator(".reply-above")).to_have_text("In reply to @dr_lin, just above")
    expect(posted.locator("blockquote")).to_have_count(0)
    assert mine.quote_excerpt == "Most are fine; ask about grapefruit and pomelo."
    screenshot(page, "webinar-archived-premium-replied")


def test_a_member_without_premium_is_offered_a_trial_instead_of_the_recording(
    phone_page, live_server, archived_with_discussion, screenshot
):
    webinar, _ = archived_with_discussion
    member = MemberFactory(handle="no_premium")

    log_in(phone_page, live_server, login=member.handle, password=PASSWORD)
    phone_page.goto(f"{live_server.url}{webinar.get_absolute_url()}")

    expect(phone_page.get_by_text("Available to premium members — request a trial")).to_be_visible()
    expect(phone_page.get_by_role("button", name="Request a trial")).to_be_visible()
    expect(phone_page.locator("iframe")).to_have_count(0)
    screenshot(phone_page, "webinar-archived-member")


def test_a_visitor_abroad_sees_the_time_in_their_own_zone_too(chromium, live_server, make_webinar):
    webinar = make_webinar(starts_at=datetime.datetime(2019, 1, 17, 14, tzinfo=CHICAGO))
    context = chromium.new_context(viewport=PHONE, timezone_id="Europe/Paris")
    page = context.new_page()

    page.goto(f"{live_server.url}{webinar.get_absolute_url()}")

    expect(page.locator(".webinar__time")).to_have_text("2:00pm to 3:00pm CT")
    expect(page.locator("[data-local-time]")).to_have_text(
        "In your time zone (Europe/Paris): Thu, Jan 17, 2019, 9:00pm to 10:00pm GMT+1"
    )
    expect(page.get_by_text("Please log in or register to post a reply.")).to_be_visible()
    context.close()


def test_a_member_registers_on_a_phone_and_cancels(
    phone_page, live_server, make_webinar, screenshot
):
    webinar = make_webinar(title="Breathing exercises for every day", capacity=30)
    member = MemberFactory(handle="reg_member")

    log_in(phone_page, live_server, login=member.handle, password=PASSWORD)
    phone_page.goto(f"{live_server.url}{webinar.get_absolute_url()}")
    phone_page.get_by_role("button", name="Register").click()

    expect(phone_page.get_by_text("Your place is saved.")).to_be_visible()
    expect(phone_page.get_by_text("You're registered.")).to_be_visible()
    expect(phone_page.get_by_role("link", name="Add to calendar")).to_be_visible()
    screenshot(phone_page, "webinar-registered")

    phone_page.get_by_role("button", name="Cancel my registration").click()
    expect(phone_page.get_by_text("Your registration is cancelled.")).to_be_visible()
    expect(phone_page.get_by_role("button", name="Register")).to_be_visible()


def test_the_webinar_list_reads_well_on_desktop(page, live_server, make_webinar, screenshot):
    make_webinar(title="Breathing exercises for every day")
    make_webinar(title="Eating well on dialysis", starts_in=-datetime.timedelta(days=3))
    assert page.viewport_size == DESKTOP

    page.goto(f"{live_server.url}/webinars/")

    expect(page.get_by_role("heading", name="Coming up")).to_be_visible()
    expect(page.get_by_role("heading", name="Past webinars")).to_be_visible()
    screenshot(page, "webinar-list")
    assert Post.objects.count() == 2


def test_the_home_page_and_a_webinar_discussion_have_no_serious_accessibility_violations(
    page, live_server, archived_with_discussion, make_webinar
):
    webinar, _ = archived_with_discussion
    make_webinar(title="Breathing exercises for every day")
    member = MemberFactory(handle="axe_member")
    _offline_player(page)
    problems = {}

    for who in ("visitor", "member"):
        if who == "member":
            log_in(page, live_server, login=member.handle, password=PASSWORD)
        for path in ("/", webinar.get_absolute_url()):
            page.goto(live_server.url + path)
            if found := serious_accessibility_violations(page):
                problems[f"{who} {path}"] = found

    assert problems == {}


def test_a_spanish_visitor_abroad_sees_their_own_time_in_spanish(
    chromium, live_server, make_webinar
):
    webinar = make_webinar(starts_at=datetime.datetime(2019, 1, 17, 14, tzinfo=CHICAGO))
    context = chromium.new_context(viewport=PHONE, timezone_id="Europe/Paris", locale="es-ES")
    page = context.new_page()

    page.goto(f"{live_server.url}{webinar.get_absolute_url()}")

    expect(page.locator(".webinar__time")).to_have_text("2:00 p. m. a 3:00 p. m. CT")
    expect(page.locator("[data-local-time]")).to_have_text(
        "En su zona horaria (Europe/Paris): jueves, 17 de enero de 2019, 9:00 p. m. a "
        "10:00 p. m. CET"
    )
    context.close()

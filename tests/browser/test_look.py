"""The look, measured in Chromium: a one-row header on phones with a menu that works
without JavaScript, the dark scheme's contrast, the centred layout with its side column,
and nothing wider than the screen at 390px or at 200 % zoom.

Runs on the demo community (manage.py load_demo), as a newcomer would see it.
"""

import pytest
from django.core.management import call_command

from accounts.models import User
from community import services
from community.models import Thread
from tests.browser.conftest import (
    AXE,
    DESKTOP,
    PHONE,
    log_in,
    serious_accessibility_violations,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "gathering-demo"
TAP = 44
# 1280x900 at 200 % zoom lays the page out in 640x450 CSS pixels.
ZOOMED = {"width": 640, "height": 450}
WIDE = {"width": 1600, "height": 900}
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3
LONG_LINK = "https://example.org/" + "a-very-long-path-segment/" * 8


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def stress_thread(demo):
    """A demo thread with what breaks layouts: an unbroken word, a long link, wide code."""
    thread = Thread.objects.get(title="Hello from a nervous newcomer")
    services.create_reply(
        thread=thread,
        author=User.objects.get(handle="sam_k"),
        body=f"{LONG_WORD}\n\n{LONG_LINK}\n\n```\n{'wide_code_line_' * 20}\n```",
        reply_to=thread.posts.get(position=1),
    )
    return thread


def _context(chromium, viewport, **options):
    return chromium.new_context(
        viewport=viewport, is_mobile=viewport["width"] < 600, bypass_csp=True, **options
    )


def _header_height(page) -> float:
    return page.locator(".site-header").bounding_box()["height"]


def _overflow(page) -> int:
    """How many CSS pixels the page is wider than its window (0 when it fits)."""
    return page.evaluate(
        "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    )


def _open_phone_menu(page, live_server) -> None:
    page.goto(live_server.url + "/groups/")
    page.locator(".header-menu summary").click()


def _measure_pages(page, live_server, measure, *, visitor, member, login) -> dict:
    """measure(page) on each of the `visitor` pages, then logged in as `login` on each of
    the `member` pages: what it found, by page (nothing found: {})."""
    found = {}
    for path in visitor:
        page.goto(live_server.url + path)
        if result := measure(page):
            found[f"visitor {path}"] = result
    log_in(page, live_server, login=login, password=DEMO_PASSWORD)
    for path in member:
        page.goto(live_server.url + path)
        if result := measure(page):
            found[f"{login} {path}"] = result
    return found


def test_the_phone_header_is_one_row_with_the_unread_count_and_a_menu_without_javascript(
    chromium, live_server, demo
):
    june = User.objects.get(handle="june_b")
    unread = june.notifications.filter(read_at__isnull=True).count()
    assert unread  # the demo leaves June something to read
    context = _context(chromium, PHONE, java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server, login="june_b", password=DEMO_PASSWORD)
    page.goto(live_server.url + "/groups/")

    assert _header_height(page) < 2 * TAP  # was three rows, 195px
    bell = page.get_by_role("link", name=f"Notifications {unread} unread")
    assert bell.is_visible()
    assert bell.locator(".count").inner_text() == str(unread)
    account = page.get_by_role("link", name="Account")
    assert not account.is_visible()

    page.locator(".header-menu summary").click()
    assert account.is_visible()
    assert page.get_by_role("button", name="Log out").is_visible()
    assert _overflow(page) == 0
    account.click()
    page.wait_for_url(live_server.url + "/accounts/")
    context.close()


def test_the_phone_menu_is_reached_and_opened_with_the_keyboard(chromium, live_server, demo):
    context = _context(chromium, PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")

    for _ in range(6):  # skip link, name, search, log in, then the menu
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Menu"
    page.keyboard.press("Enter")

    menu = page.get_by_role("navigation", name="Menu")
    assert menu.get_by_role("link", name="Register").is_visible()
    assert menu.get_by_role("link", name="Webinars").is_visible()
    assert serious_accessibility_violations(page) == []
    page.keyboard.press("Escape")  # where JavaScript runs, Escape closes it
    assert not menu.get_by_role("link", name="Register").is_visible()
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Menu"
    context.close()


def test_the_desktop_header_shows_every_link_in_one_row_and_no_menu(chromium, live_server, demo):
    context = _context(chromium, DESKTOP)
    page = context.new_page()
    log_in(page, live_server, login="nurse_rosa", password=DEMO_PASSWORD)
    page.goto(live_server.url + "/groups/")

    assert _header_height(page) < 2 * TAP
    header = page.get_by_role("banner")
    for name in ("Groups", "Webinars", "Search", "Messages", "Moderation", "Account"):
        assert header.get_by_role("link", name=name, exact=True).is_visible(), name
    assert header.get_by_role("link", name="Notifications").is_visible()
    assert not page.locator(".header-menu summary").is_visible()
    context.close()


def test_wide_screens_centre_the_page_with_the_side_column_beside_the_posts(
    chromium, live_server, demo
):
    context = _context(chromium, WIDE)
    page = context.new_page()
    thread = Thread.objects.get(title="Hello from a nervous newcomer")
    page.goto(live_server.url + thread.get_absolute_url())

    frame = page.locator(".page-frame").bounding_box()
    main = page.locator("main").bounding_box()
    aside = page.get_by_role("complementary", name="Around Gathering")
    side = aside.bounding_box()
    left, right = frame["x"], WIDE["width"] - (frame["x"] + frame["width"])
    assert left > 100 and abs(left - right) <= 1  # centred, not pinned to the left
    header = page.locator(".site-header__inner").bounding_box()
    assert header["x"] == frame["x"]  # the header's name lines up with the page
    assert side["x"] >= main["x"] + main["width"]  # beside the main column
    assert side["y"] < main["y"] + 200  # at the top, not below
    assert aside.get_by_role("heading", name="About Newcomers").is_visible()
    assert aside.get_by_role("heading", name="Next webinar").is_visible()
    assert aside.get_by_role("heading", name="New here?").is_visible()
    # Posts stay readable: lines of about 70 characters ("ch"), not the whole width.
    post_text = page.locator(".post__body").first.bounding_box()
    one_ch = page.evaluate(
        """() => {
            const probe = document.createElement("span");
            probe.style.width = "100ch";
            probe.style.display = "inline-block";
            document.querySelector(".post__body").append(probe);
            return probe.getBoundingClientRect().width / 100;
        }"""
    )
    assert 60 <= post_text["width"] / one_ch <= 72

    context.close()


def test_phones_put_the_side_column_after_the_posts(chromium, live_server, demo):
    context = _context(chromium, PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/groups/newcomers/")

    main = page.locator("main").bounding_box()
    side = page.get_by_role("complementary", name="Around Gathering").bounding_box()
    assert side["y"] >= main["y"] + main["height"]
    assert _overflow(page) == 0
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, ZOOMED], ids=["phone-390", "zoom-200"])
def test_no_page_is_wider_than_the_screen(chromium, live_server, stress_thread, viewport):
    context = _context(chromium, viewport)
    page = context.new_page()
    visitor_pages = ["/", "/groups/", "/groups/newcomers/", "/webinars/", "/accounts/signup/"]
    member_pages = [
        "/",
        stress_thread.get_absolute_url(),
        "/groups/transplants/",
        "/search/?q=clinic",
        "/notifications/",
        "/messages/",
        "/accounts/",
        "/u/june_b/",
        "/webinars/" + stress_thread.group.slug,  # a 404, with the header
    ]
    too_wide = _measure_pages(
        page, live_server, _overflow, visitor=visitor_pages, member=member_pages, login="june_b"
    )
    _open_phone_menu(page, live_server)
    if overflow := _overflow(page):
        too_wide["menu open"] = overflow

    assert too_wide == {}
    context.close()


DARK_PAGES_VISITOR = [
    "/",
    "/groups/",
    "/groups/newcomers/",
    "/webinars/",
    "/accounts/login/",
    "/accounts/signup/",
    "/no-such-page/",
]
DARK_PAGES_MEMBER = ["/", "/notifications/", "/messages/", "/accounts/", "/u/june_b/"]


def _contrast_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}})"
    )
    return [
        f"{node['target'][0]}: {node['any'][0]['message'] if node['any'] else ''}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def test_the_dark_scheme_passes_axe_cores_contrast_check(chromium, live_server, stress_thread):
    context = _context(chromium, DESKTOP, color_scheme="dark")
    page = context.new_page()
    page.goto(live_server.url + "/")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(22, 27, 30)"  # the dark scheme is the one in use
    thread = stress_thread.get_absolute_url()
    problems = _measure_pages(
        page,
        live_server,
        _contrast_violations,
        visitor=[*DARK_PAGES_VISITOR, thread],
        member=[*DARK_PAGES_MEMBER, thread, "/moderation/"],
        login="admin",
    )
    page.set_viewport_size(PHONE)
    _open_phone_menu(page, live_server)
    if found := _contrast_violations(page):
        problems["phone menu"] = found

    assert problems == {}
    context.close()

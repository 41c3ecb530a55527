"""A member gives themselves a face from the profile page, on a phone and a desktop."""

import pytest
from PIL import Image

from accounts.models import User
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    log_in,
    serious_accessibility_violations,
)
from tests.factories import MemberFactory


def _photo(path) -> None:
    Image.new("RGB", (900, 600), (90, 150, 210)).save(path, format="JPEG")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_member_uploads_a_picture_and_sees_it_in_the_header(
    live_server, chromium, viewport, password, screenshot, tmp_path
):
    MemberFactory(handle="june_b", display_name="June Bell")
    # bypass_csp lets axe-core be injected under the strict CSP, as in the `page` fixture.
    context = chromium.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, live_server, login="june_b", password=password)

    page.goto(f"{live_server.url}/accounts/profile/")
    assert page.locator(".profile-picture-now .avatar").inner_text() == "JB"
    photo = tmp_path / "holiday.jpg"
    _photo(photo)
    page.get_by_label("Profile picture (optional)").set_input_files(str(photo))
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Your profile is saved.").wait_for()

    member = User.objects.get(handle="june_b")
    assert member.avatar
    if viewport == PHONE:  # the phone's header keeps the member's links in its menu
        page.get_by_text("Menu", exact=True).click()
        header_face = page.locator(".header-menu__panel img.avatar")
    else:
        header_face = page.locator(".member-nav img.avatar")
    assert header_face.get_attribute("src").endswith(f"{member.avatar}-48.jpg")
    # The file really loads (an image never shown would never load: wait with a timeout).
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=header_face.element_handle()
    )
    assert header_face.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [48, 48]
    page.goto(f"{live_server.url}/accounts/profile/")
    assert page.get_by_label("Remove my picture and show my initials instead").is_visible()
    screenshot(page, "profile-picture")
    violations = serious_accessibility_violations(page)
    context.close()
    assert violations == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_file_that_is_not_a_picture_gets_a_clear_message_and_keeps_the_bio(
    live_server, phone_page, password, tmp_path
):
    MemberFactory(handle="theo_r", display_name="Theo")
    page = phone_page
    log_in(page, live_server, login="theo_r", password=password)
    letter = tmp_path / "letter.png"
    letter.write_bytes(b"Dear Theo, your clinic appointment is on Monday.")

    page.goto(f"{live_server.url}/accounts/profile/")
    page.get_by_label("Short bio").fill("Likes boats and long walks.")
    page.get_by_label("Profile picture (optional)").set_input_files(str(letter))
    page.get_by_role("button", name="Save profile").click()

    page.get_by_text("This file is not a picture we can read").wait_for()
    assert page.get_by_label("Short bio").input_value() == "Likes boats and long walks."
    assert User.objects.get(handle="theo_r").avatar == ""

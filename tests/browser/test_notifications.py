"""A member sees that someone quoted them, and follows the notification to the post."""

import re

import pytest
from django.db import transaction

from community.models import Group, Thread
from tests.browser.conftest import log_in
from tests.factories import MemberFactory
from tests.notifications.conftest import write_post


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_quoted_member_sees_the_count_and_lands_on_the_reply(
    live_server, page, screenshot, member, password
):
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    thread = Thread.objects.create(
        group=group, title="Sleeping after surgery", slug="sleeping", author=member
    )
    first = write_post(thread=thread, author=member, body="How do you all sleep?")
    # LEAD: once community's reply form lands, make Sam post this reply through the browser
    # (Reply on June's post, type, submit) instead of calling the service here.
    sam = MemberFactory(handle="sam_k", display_name="Sam")
    with transaction.atomic():
        reply = write_post(
            thread=thread,
            author=sam,
            body="June, the wedge pillow helped me too.",
            reply_to=first,
            notify=True,
        )

    log_in(page, live_server, login=member.handle, password=password)
    header_link = page.get_by_role("link", name=re.compile(r"^Notifications"))
    assert header_link.get_by_text("1", exact=True).is_visible()
    assert header_link.locator(".count").get_attribute("aria-label") == "1 unread"

    header_link.click()
    page.wait_for_url(f"{live_server.url}/notifications/")
    item = page.get_by_role("link", name="Sam quoted you in “Sleeping after surgery”")
    assert item.is_visible()
    screenshot(page, "notifications-inbox")

    item.click()
    # LEAD: /p/<id>/ is community's permalink; once merged, assert the thread page shows
    # the element id="post-<id>" in view (the URL then ends in #post-<id>).
    page.wait_for_url(re.compile(rf"/t/{thread.pk}/.*#post-{reply.pk}$"))  # /p/ redirected
    page.goto(f"{live_server.url}/notifications/")
    assert page.locator(".notification--unread").count() == 0
    assert (
        page.get_by_role("link", name=re.compile(r"^Notifications")).locator(".count").count() == 0
    )

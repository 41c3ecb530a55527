"""A recording's transcript and chapters in a real browser (Debian's Chromium)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from accounts.models import Membership
from community.models import Post
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.factories import PASSWORD, MemberFactory
from tests.webinars.conftest import create_webinar, grant_premium
from webinars import transcripts, webvtt
from webinars.models import Chapter, Transcript

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAPTIONS = b"""WEBVTT

00:00:04.000 --> 00:00:09.000
<v Lena Park>Welcome, everyone. Today we talk about eating well on dialysis.

00:07:45.000 --> 00:07:52.000
<v Lena Park>Potassium hides in potatoes, bananas and tomatoes, so plan your portions.

00:12:30.000 --> 00:12:37.000
<v Lena Park>Soaking and boiling vegetables in plenty of water takes some potassium out.
"""


@pytest.fixture
def recorded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    contact = MemberFactory(handle="webinar_host", is_staff=True)
    webinar = create_webinar(
        contact_member=contact,
        starts_in=-datetime.timedelta(days=7),
        title="Eating well on dialysis",
        slug="eating-well-on-dialysis",
        recording_url="https://www.youtube.com/watch?v=abcDEF12345",
        audience="premium",
    )
    transcripts.store_transcript(
        transcript=Transcript(webinar=webinar), cues=webvtt.parse(CAPTIONS)
    )
    Chapter.objects.create(webinar=webinar, starts_at_seconds=0, title="Welcome")
    Chapter.objects.create(webinar=webinar, starts_at_seconds=465, title="Where potassium hides")
    return webinar


def _offline_player(page):
    # The test machine has no internet: YouTube's player answers with a stand-in page.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(content_type="text/html", body="<p>Player</p>"),
    )


def test_a_premium_member_reads_the_transcript_follows_a_chapter_and_quotes_a_moment(
    page, live_server, recorded, screenshot
):
    member = grant_premium(MemberFactory(handle="tess_trial"), kind=Membership.Kind.TRIAL)
    _offline_player(page)
    url = recorded.get_absolute_url()

    log_in(page, live_server, login=member.handle, password=PASSWORD)
    page.goto(f"{live_server.url}{url}")

    # She opens the transcript and reads it, a time at each line.
    page.get_by_text("Read the transcript (3 lines)").click()
    line = page.locator("[id='t=7m45s']")
    expect(line).to_be_visible()
    expect(line).to_contain_text("7:45")
    expect(line).to_contain_text("Potassium hides in potatoes, bananas and tomatoes")
    expect(page.locator("[id='t=0m04s']")).to_contain_text("Lena Park:")
    assert serious_accessibility_violations(page) == []
    screenshot(page, "webinar-transcript")

    # A chapter starts the player there, in place.
    page.get_by_role("link", name="7:45 Where potassium hides").click()
    player = page.locator("iframe[title='Recording of Eating well on dialysis']")
    expect(player).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/abcDEF12345?start=465&autoplay=1"
    )
    expect(page).to_have_url(f"{live_server.url}{url}?t=7m45s")

    # She quotes the moment at 12:30 in a reply.
    page.get_by_role("link", name="Quote this moment (12:30)").click()
    reply = page.get_by_label("Your reply")
    expect(reply).to_have_value(
        f"[At 12:30]({url}?t=12m30s#t=12m30s), Lena Park said:\n\n"
        "> Soaking and boiling vegetables in plenty of water takes some potassium out.\n\n"
    )
    reply.press("Control+End")
    reply.type("I did not know this, thank you!")
    page.get_by_role("button", name="Post your reply").click()

    mine = Post.objects.get(thread=recorded.thread, author=member)
    posted = page.locator(f"#post-{mine.pk}")
    expect(posted.get_by_text("At 12:30, Lena Park said:")).to_be_visible()
    expect(posted.locator("blockquote")).to_contain_text("Soaking and boiling vegetables")
    expect(posted.locator("blockquote + p")).to_have_text("I did not know this, thank you!")
    screenshot(page, "webinar-quoted-moment")

    # The quote's link leads back to that line of the transcript, with the player cued.
    posted.get_by_role("link", name="At 12:30").click()
    expect(page).to_have_url(re.compile(re.escape(f"{url}?t=12m30s#t=12m30s") + "$"))
    expect(page.locator("[id='t=12m30s']")).to_be_visible()
    expect(page.locator("[id='t=12m30s']")).to_have_attribute("aria-current", "true")
    expect(player).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/abcDEF12345?start=750"
    )

"""Captions, transcripts, chapters and "Quote this moment" (issue 20, part B)."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Post
from tests.factories import MemberFactory
from tests.webinars.test_admin import _form, inline_management
from webinars import transcripts, webvtt
from webinars.models import Chapter, Transcript, TranscriptCue, Webinar

THREE_CUES = b"""WEBVTT

1
00:00:05.000 --> 00:00:09.500
<v Amara Okafor>Take the anti-rejection tablets at the same times every day.

2
00:12:30.000 --> 00:12:34.000
<v Amara Okafor>If you miss a dose, call the transplant pharmacy &amp; ask.

3
01:02:03.250 --> 01:02:08.000
Grapefruit changes how <i>some</i> medicines work.
"""


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def add_transcript(webinar: Webinar, data: bytes = THREE_CUES) -> Transcript:
    return transcripts.store_transcript(
        transcript=Transcript(webinar=webinar), cues=webvtt.parse(data)
    )


def lines_of(html: str) -> list[tuple[str, str]]:
    """(time, text) of each transcript line on a page."""
    found = re.findall(
        r'<li id="t=[^"]+" class="moment[^"]*"[^>]*>\s*<a[^>]*>([^<]+)</a>\s*'
        r'<p class="moment__text">(.*?)</p>',
        html,
        flags=re.S,
    )
    return [(time, re.sub(r"<[^>]+>", "", text).strip()) for time, text in found]


# Reading a WebVTT file ---------------------------------------------------------------------


def test_a_file_with_three_cues_gives_three_lines_with_their_times_and_speakers():
    cues = webvtt.parse(THREE_CUES)

    assert [(c.starts_ms, c.ends_ms) for c in cues] == [
        (5_000, 9_500),
        (750_000, 754_000),
        (3_723_250, 3_728_000),
    ]
    assert cues[1].text == "If you miss a dose, call the transplant pharmacy & ask."
    assert cues[2].text == "Grapefruit changes how some medicines work."
    assert [c.speaker for c in cues] == ["Amara Okafor", "Amara Okafor", ""]


def test_notes_styles_settings_and_windows_line_endings_are_read():
    data = (
        b"\xef\xbb\xbfWEBVTT - Kidney medicines\r\nKind: captions\r\n\r\n"
        b"NOTE written by the captioning service\r\n\r\n"
        b"STYLE\r\n::cue { color: red }\r\n\r\n"
        b"00:01.000 --> 00:02.000 align:start line:90%\r\nHello <c.loud>everyone</c>\r\n"
    )

    [cue] = webvtt.parse(data)

    assert (cue.starts_ms, cue.ends_ms, cue.text) == (1_000, 2_000, "Hello everyone")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"Hello\n\n00:01.000 --> 00:02.000\nHi\n",
            "Line 1: a WebVTT file starts with the word WEBVTT",
        ),
        (
            b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n\n00:03,000 --> 00:04.000\nThere\n",
            "Line 6: “00:03,000 --> 00:04.000” is not a timing we can read.",
        ),
        (
            b"WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n\nJust some words\nwithout a timing\n",
            "Line 7: expected a cue's timing",
        ),
        (
            b"WEBVTT\n\n00:05.000 --> 00:04.000\nBackwards\n",
            "Line 3: this cue ends (00:00:04.000) before it starts (00:00:05.000).",
        ),
        (
            b"WEBVTT\n\n00:01.000 --> 00:05.000\nOne\n\n00:04.000 --> 00:06.000\nTwo\n",
            "Line 6: this cue starts at 00:00:04.000, before the cue above it ends "
            "(line 3, at 00:00:05.000). Cues may not overlap.",
        ),
        (
            b"WEBVTT\n\n00:10.000 --> 00:11.000\nLater\n\n00:01.000 --> 00:02.000\nEarlier\n",
            "Line 6: this cue starts at 00:00:01.000, before the cue above it (line 3, "
            "00:00:10.000). Cues must be in time order.",
        ),
        (b"WEBVTT\n00:01.000 --> 00:02.000\nHi\n", "Line 2: a blank line is needed"),
        (b"WEBVTT\n\n00:01.000 --> 00:02.000\n\xff\xfe\n", "Line 4: this is not UTF-8 text."),
        (b"WEBVTT\n\nNOTE nothing else\n", "This file has no cues"),
    ],
)
def test_a_malformed_file_is_refused_with_the_line_number(data, message):
    with pytest.raises(webvtt.WebVTTError) as refused:
        webvtt.parse(data)

    assert str(refused.value).startswith(message)


def test_the_served_captions_are_written_from_the_cues_alone():
    cues = webvtt.parse(THREE_CUES.replace(b"WEBVTT\n", b"WEBVTT\n\nSTYLE\n::cue { x }\n", 1))

    written = webvtt.write(cues)

    assert "STYLE" not in written and "<i>" not in written
    assert "<v Amara Okafor>If you miss a dose, call the transplant pharmacy &amp; ask." in written
    again = webvtt.parse(written.encode())
    assert [(c.starts_ms, c.ends_ms, c.text, c.speaker) for c in again] == [
        (c.starts_ms, c.ends_ms, c.text, c.speaker) for c in cues
    ]


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("750", 750), ("12m30s", 750), ("1h02m03s", 3723), ("12:30", 750), ("1:02:03", 3723)],
)
def test_a_moment_is_read_from_an_address_or_a_clock(typed, seconds):
    assert transcripts.parse_moment(typed) == seconds


@pytest.mark.parametrize("typed", ["", "abc", "12:75", "-5", "99999999", "1h2x"])
def test_anything_else_is_no_moment(typed):
    assert transcripts.parse_moment(typed) is None


# The admin ---------------------------------------------------------------------------------


def _change_form(webinar, presenter, **overrides):
    local_start = webinar.starts_at.astimezone(webinar.zone)
    local_end = webinar.ends_at.astimezone(webinar.zone)
    data = _form(
        presenter,
        title=webinar.title,
        slug=webinar.slug,
        starts_at=f"{local_start:%Y-%m-%dT%H:%M:%S}",
        ends_at=f"{local_end:%Y-%m-%dT%H:%M:%S}",
        recording_url=webinar.recording_url,
        audience=webinar.audience,
        **{
            "appearances-INITIAL_FORMS": "1",
            "appearances-0-id": webinar.appearances.get().pk,
            "appearances-0-webinar": webinar.pk,
        },
    )
    data.update(overrides)
    return data


def _upload(data: bytes, name: str = "captions.vtt") -> dict:
    return {
        **inline_management("transcript", total=1),
        "transcript-0-captions": SimpleUploadedFile(name, data, content_type="text/vtt"),
        "transcript-0-language": "en",
    }


@pytest.fixture
def recorded(make_webinar, presenter):
    return make_webinar(
        starts_in=-datetime.timedelta(days=10),
        title="Medicines after a transplant",
        slug="medicines-after-a-transplant",
        recording_url="https://example.org/recordings/medicines.mp4",
        audience=Webinar.Audience.PREMIUM,
        presenters=[presenter],
    )


def test_staff_upload_captions_in_the_admin_and_the_cues_are_stored_once(
    admin_client, recorded, presenter
):
    response = admin_client.post(
        f"/admin/webinars/webinar/{recorded.pk}/change/",
        _change_form(recorded, presenter, **_upload(THREE_CUES)),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    transcript = Transcript.objects.get(webinar=recorded)
    assert list(transcript.cues.values_list("starts_ms", "speaker")) == [
        (5_000, "Amara Okafor"),
        (750_000, "Amara Okafor"),
        (3_723_250, ""),
    ]
    assert re.fullmatch(r"webinars/captions/[0-9a-f]{32}\.vtt", transcript.captions_file)
    with default_storage.open(transcript.captions_file) as stored:
        assert stored.read().decode().startswith("WEBVTT\n\n00:00:05.000 --> 00:00:09.500\n")
    page = admin_client.get(f"/admin/webinars/webinar/{recorded.pk}/change/").content.decode()
    assert "3 lines, uploaded" in page


def test_a_malformed_upload_is_refused_naming_the_line_and_nothing_is_saved(
    admin_client, recorded, presenter
):
    bad = b"WEBVTT\n\n00:01.000 --> 00:05.000\nOne\n\n00:04.000 --> 00:06.000\nTwo\n"

    response = admin_client.post(
        f"/admin/webinars/webinar/{recorded.pk}/change/",
        _change_form(recorded, presenter, title="A title that must not be saved", **_upload(bad)),
    )

    assert response.status_code == 200
    assert "Line 6: this cue starts at 00:00:04.000, before the cue above it ends" in (
        response.content.decode()
    )
    recorded.refresh_from_db()
    assert recorded.title == "Medicines after a transplant"
    assert not Transcript.objects.exists()
    assert not TranscriptCue.objects.exists()


def test_a_new_upload_replaces_the_transcript_and_its_old_file(
    admin_client, recorded, presenter, django_capture_on_commit_callbacks
):
    first = add_transcript(recorded)
    old_file = first.captions_file
    newer = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA shorter talk.\n"
    form = _change_form(
        recorded,
        presenter,
        **{
            **_upload(newer),
            **inline_management("transcript", total=1, initial=1),
            "transcript-0-id": first.pk,
            "transcript-0-webinar": recorded.pk,
        },
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/webinars/webinar/{recorded.pk}/change/", form)

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(TranscriptCue.objects.values_list("text", flat=True)) == ["A shorter talk."]
    assert not default_storage.exists(old_file)


def test_staff_list_chapters_as_clock_times(admin_client, recorded, presenter):
    chapters = {
        **inline_management("chapters", total=2),
        "chapters-0-starts_at_seconds": "0:00",
        "chapters-0-title": "Welcome",
        "chapters-1-starts_at_seconds": "12:30",
        "chapters-1-title": "When you miss a dose",
    }

    response = admin_client.post(
        f"/admin/webinars/webinar/{recorded.pk}/change/",
        _change_form(recorded, presenter, **chapters),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(Chapter.objects.values_list("starts_at_seconds", "title")) == [
        (0, "Welcome"),
        (750, "When you miss a dose"),
    ]
    page = admin_client.get(f"/admin/webinars/webinar/{recorded.pk}/change/").content.decode()
    assert 'value="12:30"' in page


@pytest.mark.parametrize(
    ("second_time", "message"),
    [
        (
            "5:00",
            "“Questions” (5:00) comes after “Side effects” (12:30). List the chapters",
        ),
        ("12:30", "“Questions” and “Side effects” both start at 12:30."),
        ("half past", "Write the start as minutes:seconds (12:30)"),
    ],
)
def test_chapters_out_of_order_or_at_one_time_are_refused(
    admin_client, recorded, presenter, second_time, message
):
    chapters = {
        **inline_management("chapters", total=2),
        "chapters-0-starts_at_seconds": "12:30",
        "chapters-0-title": "Side effects",
        "chapters-1-starts_at_seconds": second_time,
        "chapters-1-title": "Questions",
    }

    response = admin_client.post(
        f"/admin/webinars/webinar/{recorded.pk}/change/",
        _change_form(recorded, presenter, **chapters),
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Chapter.objects.exists()


# The page ----------------------------------------------------------------------------------


@pytest.fixture
def with_transcript(archived_webinar):
    add_transcript(archived_webinar)
    Chapter.objects.create(webinar=archived_webinar, starts_at_seconds=0, title="Welcome")
    Chapter.objects.create(
        webinar=archived_webinar, starts_at_seconds=750, title="When you miss a dose"
    )
    return archived_webinar


def test_a_premium_member_reads_the_transcript_with_a_time_at_each_line(
    client, with_transcript, premium_member
):
    client.force_login(premium_member)

    html = client.get(with_transcript.get_absolute_url()).content.decode()

    assert lines_of(html) == [
        ("0:05", "Amara Okafor: Take the anti-rejection tablets at the same times every day."),
        ("12:30", "If you miss a dose, call the transplant pharmacy &amp; ask."),
        ("1:02:03", "Grapefruit changes how some medicines work."),
    ]
    assert '<details class="webinar-transcript" id="transcript">' in html
    assert 'id="t=12m30s"' in html
    url = with_transcript.get_absolute_url()
    # Each time starts the player there, without JavaScript.
    assert f'href="{url}?t=12m30s#recording-title" data-seconds="750"' in html
    # The chapters are a table of contents under the recording.
    assert "Chapters" in html
    assert f'href="{url}?t=0m00s#recording-title"' in html
    assert "When you miss a dose" in html


def test_a_time_link_starts_the_embedded_player_there(client, with_transcript, premium_member):
    client.force_login(premium_member)

    html = client.get(f"{with_transcript.get_absolute_url()}?t=12m30s").content.decode()

    assert 'src="https://www.youtube-nocookie.com/embed/abcDEF12345?start=750"' in html
    # The transcript opens with the line being said then marked.
    assert '<details class="webinar-transcript" id="transcript" open>' in html
    assert '<li id="t=12m30s" class="moment moment--current" aria-current="true">' in html


def test_a_video_file_gets_the_captions_track_and_a_media_fragment(
    client, with_transcript, premium_member
):
    Webinar.objects.filter(pk=with_transcript.pk).update(
        recording_url="https://example.org/recordings/medicines.mp4"
    )
    client.force_login(premium_member)

    html = client.get(f"{with_transcript.get_absolute_url()}?t=750").content.decode()

    captions = Transcript.objects.get().captions_file
    assert 'src="https://example.org/recordings/medicines.mp4#t=750"' in html
    assert f'<track kind="captions" src="/media/{captions}" srclang="en" label="Captions">' in html


@pytest.mark.parametrize("reader", ["visitor", "member without premium"])
def test_the_transcript_of_a_premium_recording_is_not_in_the_page_of_those_who_may_not_watch(
    client, with_transcript, reader
):
    if reader != "visitor":
        client.force_login(MemberFactory(handle="no_premium"))

    html = client.get(with_transcript.get_absolute_url()).content.decode()

    assert "Available to premium members" in html
    assert "anti-rejection" not in html
    assert "When you miss a dose" not in html
    assert "captions" not in html.lower()
    assert "Quote this moment" not in html


def test_the_page_runs_the_same_queries_with_a_short_or_long_transcript(
    client, with_transcript, premium_member
):
    client.force_login(premium_member)
    url = with_transcript.get_absolute_url()
    cache.clear()
    with CaptureQueriesContext(connection) as short:
        client.get(url)

    long = "WEBVTT\n\n" + "".join(
        f"{webvtt.clock(n * 4000)} --> {webvtt.clock(n * 4000 + 3000)}\nLine number {n}.\n\n"
        for n in range(400)
    )
    add_transcript_again = Transcript.objects.get()
    transcripts.store_transcript(transcript=add_transcript_again, cues=webvtt.parse(long.encode()))
    for n in range(30):
        Chapter.objects.create(webinar=with_transcript, starts_at_seconds=800 + n, title=f"C{n}")
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()

    assert len(lines_of(html)) == 400
    assert len(many) == len(short)


# Quote this moment -------------------------------------------------------------------------


def test_quote_this_moment_prefills_the_reply_and_the_post_links_to_the_moment(
    client, with_transcript, premium_member
):
    client.force_login(premium_member)
    url = with_transcript.get_absolute_url()
    cue = TranscriptCue.objects.get(starts_ms=5_000)

    page = client.get(url).content.decode()
    assert f'href="{url}?quote_cue={cue.pk}#reply"' in page
    html = client.get(f"{url}?quote_cue={cue.pk}").content.decode()

    expected = (
        f"[At 0:05]({url}?t=0m05s#t=0m05s), Amara Okafor said:\n\n"
        "&gt; Take the anti-rejection tablets at the same times every day."
    )
    assert expected in html
    body = (
        f"[At 0:05]({url}?t=0m05s#t=0m05s), Amara Okafor said:\n\n"
        "> Take the anti-rejection tablets at the same times every day.\n\nSo helpful."
    )
    response = client.post(
        f"/t/{with_transcript.thread.pk}/{with_transcript.thread.slug}/reply/",
        {"body": body, "shown_on": url},
    )
    assert response.status_code == 302
    post = Post.objects.filter(thread=with_transcript.thread).latest("position")
    assert f'<a href="{url}?t=0m05s#t=0m05s" rel="nofollow ugc noopener">At 0:05</a>' in (
        post.body_html
    )
    assert "<blockquote>" in post.body_html


def test_quoting_a_chapter_names_it(client, with_transcript, premium_member):
    client.force_login(premium_member)
    url = with_transcript.get_absolute_url()
    chapter = Chapter.objects.get(starts_at_seconds=750)

    html = client.get(f"{url}?quote_chapter={chapter.pk}").content.decode()

    assert f"[At 12:30]({url}?t=12m30s#t=12m30s), in “When you miss a dose”:" in html


def test_a_quoted_moment_keeps_the_members_draft(client, with_transcript, premium_member):
    from community.models import Draft

    Draft.objects.create(
        thread=with_transcript.thread, member=premium_member, body="My unfinished thoughts."
    )
    client.force_login(premium_member)
    cue = TranscriptCue.objects.get(starts_ms=750_000)

    html = client.get(f"{with_transcript.get_absolute_url()}?quote_cue={cue.pk}").content.decode()

    assert "My unfinished thoughts.\n\n[At 12:30]" in html


@pytest.mark.parametrize("value", ["9" * 5000, "١٢", "-1", "x", ""])
def test_a_strange_quote_or_time_in_the_address_is_ignored(
    client, with_transcript, premium_member, value
):
    client.force_login(premium_member)
    url = with_transcript.get_absolute_url()

    for query in (f"quote_cue={value}", f"quote_chapter={value}", f"t={value}"):
        response = client.get(f"{url}?{query}")

        assert response.status_code == 200
        assert "[At " not in response.content.decode()


def test_a_member_without_premium_cannot_quote_a_premium_moment(client, with_transcript):
    client.force_login(MemberFactory(handle="no_premium"))
    cue = TranscriptCue.objects.get(starts_ms=750_000)

    html = client.get(f"{with_transcript.get_absolute_url()}?quote_cue={cue.pk}").content.decode()

    assert "If you miss a dose" not in html
    assert "At 12:30" not in html


# Search ------------------------------------------------------------------------------------


def test_search_finds_a_transcript_line_and_links_to_the_moment(
    client, with_transcript, premium_member
):
    client.force_login(premium_member)
    url = with_transcript.get_absolute_url()

    html = client.get("/search/?q=missed+dose+pharmacy").content.decode()

    assert "In webinar recordings" in html
    assert "Eating well on dialysis" in html
    assert f'href="{url}?t=12m30s#t=12m30s">12:30</a>' in html
    assert "<mark>pharmacy</mark>" in html
    assert "Nothing found" not in html


@pytest.mark.parametrize("reader", ["visitor", "member without premium"])
def test_search_says_a_premium_webinar_matched_without_its_words(client, with_transcript, reader):
    if reader != "visitor":
        client.force_login(MemberFactory(handle="no_premium"))

    html = client.get("/search/?q=pharmacy").content.decode()

    assert "Eating well on dialysis" in html
    assert "The transcript of this premium webinar matches your search." in html
    assert "pharmacy</mark>" not in html
    assert "call the transplant" not in html
    assert "t=12m30s" not in html
    if reader == "visitor":
        assert "Log in</a> or <a" in html
    else:
        assert "Request a free trial" in html


def test_search_leaves_out_transcripts_of_webinars_not_yet_held(
    client, make_webinar, premium_member
):
    upcoming = make_webinar(recording_url="https://vimeo.com/76979871")
    add_transcript(upcoming)
    client.force_login(premium_member)

    html = client.get("/search/?q=pharmacy").content.decode()

    assert "In webinar recordings" not in html
    assert "Nothing found" in html


@pytest.mark.parametrize("reader", ["premium member", "member without premium"])
def test_search_runs_the_same_queries_for_one_or_many_matching_webinars(
    client, make_webinar, premium_member, reader
):
    def recorded_webinar():
        webinar = make_webinar(
            starts_in=-datetime.timedelta(days=3),
            recording_url="https://vimeo.com/76979871",
            audience=Webinar.Audience.PREMIUM,
        )
        add_transcript(webinar)

    client.force_login(premium_member if reader == "premium member" else MemberFactory())
    recorded_webinar()
    client.get("/search/?q=pharmacy")  # the session and header facts settle
    with CaptureQueriesContext(connection) as one:
        client.get("/search/?q=pharmacy")
    for _ in range(4):
        recorded_webinar()
    with CaptureQueriesContext(connection) as many:
        html = client.get("/search/?q=pharmacy").content.decode()

    assert html.count('class="search-result"') == 5
    assert len(many) == len(one)


def test_a_spanish_reader_gets_the_transcript_in_spanish_words(
    client, with_transcript, premium_member
):
    client.force_login(premium_member)

    html = client.get(
        with_transcript.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()

    assert "Leer la transcripción (3 líneas)" in html
    assert "Capítulos" in html and "Citar este momento" in html
    # The presenter's own words are never translated.
    assert "Take the anti-rejection tablets at the same times every day." in html

"""Preview before publishing (the same sanitising as publishing, nothing published), and no
silent truncation: limits are the server's, with a message that says nothing was lost."""

import pytest
from django.urls import reverse

from community.models import Post, Thread
from conversations.forms import MessageForm, NewConversationForm

pytestmark = pytest.mark.django_db

TOO_LONG = "Your post is 25,000 characters; the limit is 20,000. Nothing was lost: shorten it"


def _reply(client, thread, **data):
    return client.post(reverse("community:thread-reply", args=[thread.pk, thread.slug]), data)


def test_preview_shows_the_rendered_reply_and_publishes_nothing(member_client, thread):
    response = _reply(member_client, thread, body="I felt **much** better", preview="1")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<strong>much</strong>" in page
    assert "Nothing is published until you press" in page
    assert "I felt **much** better</textarea>" in page
    assert Post.objects.filter(thread=thread).count() == 1


def test_preview_is_sanitised_like_a_published_post(member_client, thread):
    page = _reply(
        member_client,
        thread,
        body='<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror="alert(3)">',
        preview="1",
    ).content.decode()

    assert "<script>alert(1)" not in page
    assert 'href="javascript:' not in page
    assert "<img src=x onerror" not in page  # shown as text, if at all


def test_preview_keeps_the_quote_of_the_post_being_answered(member_client, thread, other_member):
    first = thread.posts.get(position=1)
    page = _reply(
        member_client, thread, body="Me too", reply_to=str(first.pk), preview="1"
    ).content.decode()

    assert "Replying to" in page
    assert "What helped you?" in page
    assert f'name="reply_to" value="{first.pk}"' in page


def test_preview_of_an_empty_post_says_so(member_client, thread, group):
    reply = _reply(member_client, thread, body="   ", preview="1").content.decode()
    new = member_client.post(
        f"/groups/{group.slug}/new/", {"title": "", "body": "", "preview": "1"}
    ).content.decode()

    for page in (reply, new):
        assert "There is nothing to preview yet: write your post" in page
        assert "data-discard-draft hidden" in page  # nothing was kept, nothing to discard


def test_preview_of_an_overlong_post_says_how_long_it_is(member_client, thread):
    page = _reply(member_client, thread, body="x" * 25_000, preview="1").content.decode()

    assert TOO_LONG in page
    assert "x" * 25_000 in page


def test_preview_of_a_new_discussion_shows_its_title_and_starts_nothing(member_client, group):
    page = member_client.post(
        f"/groups/{group.slug}/new/",
        {"title": "Sleep <after> surgery", "body": "A *list*:\n\n- one", "preview": "1"},
    ).content.decode()

    assert "Sleep &lt;after&gt; surgery" in page
    assert "<em>list</em>" in page and "<li>one</li>" in page
    assert not Thread.objects.exists()


def test_preview_of_an_edit_changes_nothing(member_client, thread):
    first = thread.posts.get(position=1)
    page = member_client.post(
        f"/p/{first.pk}/edit/",
        {"title": "Coming home", "body": "Edited **text**", "preview": "1"},
    ).content.decode()

    assert "Edited <strong>text</strong>" in page
    first.refresh_from_db()
    assert first.body_markdown == "What helped you?"
    assert "Discard draft" not in page  # edits keep no draft


def test_no_text_field_carries_a_maxlength_that_would_cut_a_paste(member_client, thread, group):
    new = member_client.get(f"/groups/{group.slug}/new/").content.decode()
    reply = member_client.get(thread.get_absolute_url()).content.decode()
    search = member_client.get("/search/").content.decode()

    for page in (new, reply, search):
        assert "maxlength" not in page.split("<main", 1)[1].split("</main>")[0]
    assert 'data-limit="160"' in new and 'data-limit="20000"' in new
    assert 'data-limit="20000"' in reply


def test_a_25000_character_reply_gets_a_clear_message_with_every_character_kept(
    member_client, thread
):
    text = "word " * 4999 + "last."  # 25,000 characters
    page = _reply(member_client, thread, body=text).content.decode()

    assert TOO_LONG in page
    assert text in page
    assert Post.objects.filter(thread=thread).count() == 1


def test_an_overlong_title_is_kept_whole_with_a_clear_message(member_client, group):
    title = "A question about sleep." * 22  # 506 characters
    page = member_client.post(
        f"/groups/{group.slug}/new/", {"title": title, "body": "Hello"}
    ).content.decode()

    assert "Your title is 506 characters; the limit is 160. Nothing was lost" in page
    assert title.strip() in page
    assert not Thread.objects.exists()


def test_line_breaks_count_once_as_the_member_sees_them():
    exactly = "a\r\n" * 9999 + "ab"  # 20,000 characters to the member, 29,999 sent
    assert MessageForm({"body": exactly}).is_valid()
    form = MessageForm({"body": exactly + "c"})
    assert not form.is_valid()
    assert form.errors["body"] == [
        "Your message is 20,001 characters; the limit is 20,000. Nothing was lost: shorten "
        "it and send again."
    ]
    assert "maxlength" not in str(form["body"])


def test_message_forms_cut_nothing_either(member_client):
    page = member_client.get("/messages/new/").content.decode()
    main = page.split("<main", 1)[1].split("</main>")[0]

    assert "maxlength" not in main
    assert 'data-limit="160"' in main and 'data-limit="20000"' in main
    form = NewConversationForm({"to": "@nobody", "title": "s" * 200, "body": "Hello"})
    assert not form.is_valid()
    assert form.errors["title"] == [
        "Your subject is 200 characters; the limit is 160. Nothing was lost: shorten it and "
        "send again."
    ]

"""Editing, quoting and redacting private messages: the posts' rules, inside a conversation."""

import pytest

from accounts.closing import close_account
from conversations import editing, services
from conversations.models import Message, MessageRevision
from moderation import services as moderation
from moderation.models import AuditEntry


@pytest.fixture
def first(chat):
    return chat.messages.get()


def test_the_author_edits_a_message_and_only_they_see_the_earlier_version(
    client, chat, first, ana, ben
):
    client.force_login(ana)
    page = client.get(f"/messages/{chat.pk}/").content.decode()
    assert f'href="/messages/{chat.pk}/m/{first.pk}/edit/"' in page
    form = client.get(f"/messages/{chat.pk}/m/{first.pk}/edit/").content.decode()
    assert "How did it go today?" in form
    response = client.post(
        f"/messages/{chat.pk}/m/{first.pk}/edit/", {"body": "How did the **scan** go?"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.body_html == "<p>How did the <strong>scan</strong> go?</p>"
    assert first.edited_at is not None
    history = client.get(f"/messages/{chat.pk}/m/{first.pk}/history/").content.decode()
    assert "How did it go today?" in history and "Only you see" in history

    client.force_login(ben)
    page = client.get(f"/messages/{chat.pk}/").content.decode()
    assert "(edited)" in page and "How did it go today?" not in page
    assert "/edit/" not in page
    for path in ("edit/", "history/", "redact/"):
        assert client.get(f"/messages/{chat.pk}/m/{first.pk}/{path}").status_code == 404
    assert (
        client.post(f"/messages/{chat.pk}/m/{first.pk}/edit/", {"body": "Hijack"}).status_code
        == 404
    )
    first.refresh_from_db()
    assert "Hijack" not in first.body_markdown


def test_an_edit_is_sanitised_like_a_post_and_an_empty_one_keeps_the_message(
    client, chat, first, ana
):
    client.force_login(ana)
    client.post(
        f"/messages/{chat.pk}/m/{first.pk}/edit/",
        {"body": "<script>alert(1)</script>[x](javascript:alert(1)) fine"},
    )
    first.refresh_from_db()
    assert "<script" not in first.body_html and "javascript:" not in first.body_html
    response = client.post(f"/messages/{chat.pk}/m/{first.pk}/edit/", {"body": "   "})
    assert response.status_code == 200
    assert "Please write something before you send." in response.content.decode()
    assert MessageRevision.objects.filter(message=first).count() == 1


def test_the_same_edit_sent_twice_keeps_one_earlier_version(chat, first, ana):
    editing.edit_message(message=first, editor=ana, body="Better words")
    editing.edit_message(message=first, editor=ana, body="Better words")
    assert MessageRevision.objects.filter(message=first).count() == 1


def test_a_suspended_member_cannot_edit(chat, first, ana, moderator):
    import datetime

    from django.utils import timezone

    moderation.suspend_member(
        member=ana, by=moderator, until=timezone.now() + datetime.timedelta(days=1), reason="x"
    )
    with pytest.raises(services.ConversationError):
        editing.edit_message(message=first, editor=ana, body="New words")


def test_removing_the_old_version_everywhere_leaves_history_and_quotes(chat, first, ana, ben):
    services.send_message(
        author=ben, conversation=chat, body="Thanks", reply_to=first, quote_excerpt=""
    )
    editing.edit_message(message=first, editor=ana, body="Call me on 555 0101 tonight")
    reply = services.send_message(
        author=ben, conversation=chat, body="Will do", reply_to=first, quote_excerpt="555 0101"
    )
    assert reply.quote_excerpt == "555 0101"
    editing.edit_message(message=first, editor=ana, body="Call me tonight", remove_old_version=True)
    reply.refresh_from_db()
    assert "555" not in reply.quote_excerpt
    for revision in MessageRevision.objects.filter(message=first):
        assert "555" not in revision.body_markdown and "555" not in revision.body_html


def test_a_quote_jumps_to_the_quoted_message_inside_the_conversation(
    client, settings, chat, first, ana, ben
):
    settings.CONVERSATIONS_MESSAGES_PER_HOUR = 100
    for i in range(25):  # the first message is now on page 1 of 2
        services.send_message(author=ben, conversation=chat, body=f"Filler {i}")
    client.force_login(ben)
    form_page = client.get(f"/messages/{chat.pk}/?quote={first.pk}").content.decode()
    assert "Replying to Ana" in form_page and "How did it go today?" in form_page
    response = client.post(
        f"/messages/{chat.pk}/",
        {"body": "It went fine", "reply_to": first.pk, "quote_excerpt": "How did it go"},
    )
    reply = Message.objects.get(body_markdown="It went fine")
    assert (reply.reply_to, reply.quote_excerpt) == (first, "How did it go")
    page = client.get(response["Location"]).content.decode()
    assert "Ana wrote:" in page
    jump = f'href="/messages/{chat.pk}/m/{first.pk}/">Jump to this post</a>'
    assert jump in page
    landed = client.get(f"/messages/{chat.pk}/m/{first.pk}/")
    assert landed["Location"] == f"/messages/{chat.pk}/?page=1#message-{first.pk}"
    assert f'id="message-{first.pk}"' in client.get(landed["Location"]).content.decode()


def test_a_quote_cannot_put_words_in_anothers_mouth_or_reach_another_conversation(
    client, chat, first, ana, ben, cleo
):
    other = services.start_conversation(starter=cleo, recipients=[ben], body="Secret of Cleo")
    elsewhere = other.messages.get()
    client.force_login(ben)
    client.post(
        f"/messages/{chat.pk}/",
        {"body": "Quoting", "reply_to": first.pk, "quote_excerpt": "I hate you"},
    )
    reply = Message.objects.get(body_markdown="Quoting")
    assert reply.quote_excerpt == "How did it go today?"  # the real words, not the forged ones
    response = client.post(f"/messages/{chat.pk}/", {"body": "Sneaky", "reply_to": elsewhere.pk})
    sneaky = Message.objects.get(body_markdown="Sneaky")
    assert sneaky.reply_to is None and sneaky.quote_excerpt == ""
    assert "Secret of Cleo" not in client.get(response["Location"]).content.decode()
    assert client.get(f"/messages/{chat.pk}/?quote={elsewhere.pk}").status_code == 200
    assert (
        "Secret of Cleo"
        not in client.get(f"/messages/{chat.pk}/?quote={elsewhere.pk}").content.decode()
    )


def test_the_author_removes_a_passage_everywhere_and_the_log_keeps_no_words(
    client, chat, first, ana, ben
):
    editing.edit_message(message=first, editor=ana, body="My number is 555 0199, call me")
    reply = services.send_message(
        author=ben, conversation=chat, body="Ok", reply_to=first, quote_excerpt="555 0199"
    )
    client.force_login(ana)
    response = client.post(
        f"/messages/{chat.pk}/m/{first.pk}/redact/",
        {"passage": "555 0199", "reason": "Phone number"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    reply.refresh_from_db()
    assert first.body_markdown == "My number is [removed], call me"
    assert reply.quote_excerpt == "[removed]"
    assert MessageRevision.objects.filter(message=first).count() == 1
    assert "0199" not in MessageRevision.objects.get(message=first).body_markdown
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MESSAGE_REDACT)
    assert entry.actor == ana and entry.reason == "Phone number"
    assert "0199" not in str(entry.detail) and "0199" not in entry.target_label


def test_a_passage_that_is_not_there_keeps_the_form_and_changes_nothing(client, chat, first, ana):
    client.force_login(ana)
    response = client.post(
        f"/messages/{chat.pk}/m/{first.pk}/redact/", {"passage": "not in it", "reason": ""}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "That text is not in this message" in page and "not in it" in page
    response = client.post(
        f"/messages/{chat.pk}/m/{first.pk}/redact/", {"passage": "today", "reason": "today"}
    )
    assert "without repeating the text" in response.content.decode()
    first.refresh_from_db()
    assert first.body_markdown == "How did it go today?"


def test_closing_an_account_takes_its_words_out_of_quotes_and_versions(chat, first, ana, ben):
    editing.edit_message(message=first, editor=ana, body="Second words")
    reply = services.send_message(author=ben, conversation=chat, body="Ok", reply_to=first)
    assert reply.quote_excerpt == "Second words"
    close_account(member=ana)
    reply.refresh_from_db()
    assert reply.quote_excerpt == ""
    assert not MessageRevision.objects.filter(message=first).exists()


def test_an_oversized_edit_or_a_forged_message_id_is_never_a_500(client, chat, first, ana):
    client.force_login(ana)
    response = client.post(f"/messages/{chat.pk}/m/{first.pk}/edit/", {"body": "x" * 20_001})
    assert response.status_code == 200
    assert (
        "Your message is 20,001 characters; the limit is 20,000. Nothing was lost"
        in response.content.decode()
    )
    first.refresh_from_db()
    assert first.body_markdown == "How did it go today?"
    for path in ("m/987654321/", "m/987654321/edit/", "m/abc/", "m/987654321/redact/"):
        assert client.get(f"/messages/{chat.pk}/{path}").status_code == 404
    assert client.get(f"/messages/{chat.pk}/?quote=abc").status_code == 200
    assert (
        client.post(f"/messages/{chat.pk}/", {"body": "Hi", "reply_to": "abc"}).status_code == 200
    )


def test_a_member_who_left_can_no_longer_change_their_messages(chat, first, ana):
    services.leave(member=ana, conversation=chat)
    with pytest.raises(services.ConversationError, match="no longer in this conversation"):
        editing.edit_message(message=first, editor=ana, body="Rewritten after leaving")
    with pytest.raises(services.ConversationError, match="no longer in this conversation"):
        editing.redact_message(message=first, by=ana, passage="today", reason="")
    first.refresh_from_db()
    assert first.body_markdown == "How did it go today?"

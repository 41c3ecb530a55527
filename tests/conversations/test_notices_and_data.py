"""Notices, e-mail, the header, personal data and page budgets of private messages."""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.closing import close_account
from accounts.personal_data import export
from conversations import services
from conversations.models import Conversation, Message, Participant
from notifications.models import Notification
from tests.conversations.conftest import established
from tests.factories import MemberFactory


def test_each_recipient_gets_an_inbox_notice_and_an_email_without_text_or_names(
    ana, ben, django_capture_on_commit_callbacks
):
    cleo = established("cleo")
    with django_capture_on_commit_callbacks(execute=True):
        chat = services.start_conversation(
            starter=ana,
            recipients=[ben, cleo],
            title="My biopsy results",
            body="The biopsy showed something worrying",
        )
    notices = Notification.objects.filter(kind=Notification.Kind.MESSAGE)
    assert {n.recipient for n in notices} == {ben, cleo}
    assert {n.line for n in notices} == {"You have a new private message"}
    assert {n.url for n in notices} == {f"/messages/{chat.pk}/"}
    assert not Notification.objects.filter(recipient=ana).exists()

    assert sorted(m.to[0] for m in mail.outbox) == sorted([ben.email, cleo.email])
    for email in mail.outbox:
        html = email.alternatives[0][0]
        for part in (email.subject, email.body, html):
            assert "biopsy" not in part.lower()
            assert "Ana" not in part and "@ana" not in part
            assert "Cleo" not in part or email.to == [cleo.email]
            assert "Ben" not in part or email.to == [ben.email]
        assert email.subject == "You have a new private message"
        assert f"/messages/{chat.pk}/" in email.body and f"/messages/{chat.pk}/" in html


def test_a_member_who_blocked_the_author_is_not_told_of_their_message(ana, ben, cleo):
    chat = services.start_conversation(starter=ana, recipients=[ben, cleo], body="Hello both")
    services.block(blocker=cleo, blocked=ben)
    with pytest.raises(services.ConversationError):
        services.send_message(author=ben, conversation=chat, body="Hi")
    assert not Notification.objects.filter(recipient=cleo, actor=ben).exists()
    assert Notification.objects.filter(recipient=cleo).count() == 1  # Ana's


def test_opening_the_conversation_reads_its_notices(client, chat, ben):
    assert ben.notifications.filter(read_at__isnull=True).count() == 1
    client.force_login(ben)
    client.get(f"/messages/{chat.pk}/")
    assert ben.notifications.filter(read_at__isnull=True).count() == 0


def test_the_export_holds_own_messages_and_titles_but_not_others_words(chat, ana, ben):
    services.send_message(author=ben, conversation=chat, body="Ben's private reply")
    data = json.loads(json.dumps(export(ana), default=str))
    assert data["conversations"] == [
        {
            "conversation": chat.pk,
            "title": "Scan day",
            "started_at": chat.created_at.isoformat(),
            "your_messages": [
                {
                    "written_at": Message.objects.get(author=ana).created_at.isoformat(),
                    "edited_at": None,
                    "text": "How did it go today?",
                }
            ],
        }
    ]
    assert "Ben's private reply" not in json.dumps(data)
    assert "How did it go" not in json.dumps(export(established("cleo")), default=str)


def test_closing_an_account_removes_its_messages_text_and_its_place(client, chat, ana, ben):
    services.send_message(author=ben, conversation=chat, body="Still here")
    close_account(member=ana)
    message = Message.objects.get(conversation=chat, author=ana)
    assert message.body_markdown == "" and message.body_html == ""
    assert Participant.objects.get(conversation=chat, member=ana).left_at is not None
    client.force_login(ben)
    page = client.get(f"/messages/{chat.pk}/").content.decode()
    assert "Message removed by a former member" in page
    assert "How did it go today?" not in page
    assert "Still here" in page


def _conversation_with(count, ana, ben):
    """`count` messages, each quoting the one before it, every third one edited."""
    chat = services.start_conversation(starter=ana, recipients=[ben], body="Message 0")
    previous = chat.messages.get()
    for i in range(1, count):
        previous = Message.objects.create(
            conversation=chat,
            author=ana if i % 2 else ben,
            body_markdown="x",
            body_html=f"<p>Message {i}</p>",
            reply_to=previous,
            quote_excerpt=f"Message {i - 1}",
            edited_at=timezone.now() if i % 3 == 0 else None,
        )
    return chat


@pytest.mark.parametrize("count", [5, 200])
def test_a_conversation_page_takes_a_fixed_number_of_queries(
    client, ana, ben, count, django_assert_num_queries
):
    chat = _conversation_with(count, ana, ben)
    client.force_login(ben)
    client.get(f"/messages/{chat.pk}/")  # marks it read: the next visits only read
    with django_assert_num_queries(5):
        newest = client.get(f"/messages/{chat.pk}/")
    with django_assert_num_queries(5):
        first = client.get(f"/messages/{chat.pk}/?page=1")
    # Without ?page the newest messages show (the last page); pages hold 20.
    assert newest.content.decode().count('id="message-') == {5: 5, 200: 20}[count]
    assert first.content.decode().count('id="message-') == min(count, 20)
    assert first.content.decode().count("Jump to this post") == min(count, 20) - 1


@pytest.mark.parametrize("count", [5, 200])
def test_the_list_takes_a_fixed_number_of_queries(client, ana, count, django_assert_num_queries):
    friends = MemberFactory.create_batch(count)
    chats = Conversation.objects.bulk_create([Conversation() for _ in friends])
    Participant.objects.bulk_create(
        [Participant(conversation=c, member=ana) for c in chats]
        + [Participant(conversation=c, member=f) for c, f in zip(chats, friends, strict=True)]
    )
    client.force_login(ana)
    client.get("/messages/")  # the header's unread count is kept from here on
    with django_assert_num_queries(4):
        response = client.get("/messages/")
    assert response.content.decode().count("notification--unread") == min(count, 25)


def test_the_demo_holds_one_private_conversation_and_loads_twice_without_doubling(db, client):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    conversation = Conversation.objects.get()
    assert conversation.messages.count() == 3
    assert not mail.outbox
    sam = conversation.participants.get(member__handle="sam_k").member
    client.force_login(sam)
    assert "wait and see" in client.get(conversation.get_absolute_url()).content.decode()

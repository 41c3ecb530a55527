"""Starting conversations and replying: the rules, and bad input that keeps the text."""

import datetime
import uuid

from django.utils import timezone

from community import services as community
from community.models import Group
from conversations import services
from conversations.models import Conversation, Message
from safety.defaults import ensure_defaults
from tests.conversations.conftest import established
from tests.factories import MemberFactory

NOT_ACCEPTING = "This member is not accepting messages."


def write(client, to, body="Hello there, how are you?", **extra):
    return client.post("/messages/new/", {"to": to, "body": body, **extra})


def test_a_member_writes_to_another_from_the_new_message_page(client, ana, ben):
    client.force_login(ana)
    form = client.get("/messages/new/?to=ben").content.decode()
    assert 'value="ben"' in form
    assert '<label for="id_body">Your message</label>' in form

    response = write(client, "@ben", body="Did the **scan** go well?", title="Thursday")
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/messages/{conversation.pk}/"
    message = Message.objects.get()
    assert message.body_html == "<p>Did the <strong>scan</strong> go well?</p>"

    client.force_login(ben)
    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert f'id="message-{message.pk}"' in page
    assert "Thursday" in page and "Ana" in page


def test_a_reply_lands_on_the_newest_page_at_the_message(client, chat, ben):
    client.force_login(ben)
    response = client.post(f"/messages/{chat.pk}/", {"body": "It went fine, thank you."})
    reply = Message.objects.latest("pk")
    assert response["Location"] == f"/messages/{chat.pk}/#message-{reply.pk}"
    assert reply.author == ben
    assert "It went fine" in client.get(response["Location"]).content.decode()


def test_script_in_a_message_never_runs(client, chat, ben):
    client.force_login(ben)
    client.post(
        f"/messages/{chat.pk}/", {"body": "<script>alert(1)</script> [x](javascript:alert(1))"}
    )
    html = Message.objects.latest("pk").body_html
    assert "<script>" not in html and "javascript:" not in html


def test_unknown_handles_and_writing_to_yourself_get_clear_messages_and_keep_the_text(client, ana):
    client.force_login(ana)
    response = write(client, "nobody_here", body="My words stay")
    page = response.content.decode()
    assert response.status_code == 200
    assert "We could not find a member called @nobody_here." in page
    assert "My words stay" in page

    page = write(client, "ana", body="Talking to me").content.decode()
    assert "You cannot send a private message to yourself." in page
    assert "Talking to me" in page
    assert not Conversation.objects.exists()


def test_empty_and_oversized_messages_get_form_errors(client, ana, ben, chat):
    client.force_login(ana)
    page = write(client, "ben", body="   ").content.decode()
    assert "Please write something before you send." in page
    long_text = "word " * 4001
    page = client.post(f"/messages/{chat.pk}/", {"body": long_text}).content.decode()
    assert "Your message is 20,004 characters; the limit is 20,000. Nothing was lost" in page
    assert long_text.strip()[:100] in page
    assert Message.objects.count() == 1


def test_a_new_member_may_write_only_to_staff_and_mentors_and_keeps_the_text(client, ben, staff):
    newcomer = MemberFactory(handle="newbie")
    mentor = established("mentor_mo", is_mentor=True)
    client.force_login(newcomer)
    page = write(client, "ben", body="Can I ask you something?").content.decode()
    assert "New members can write privately to other members after 2 days" in page
    assert "Can I ask you something?" in page
    assert not Conversation.objects.exists()

    assert write(client, "staffer").status_code == 302
    assert write(client, "mentor_mo", body="Hello mentor").status_code == 302
    assert Conversation.objects.count() == 2
    assert mentor.conversation_places.count() == 1


def test_a_member_needs_an_approved_post_before_writing_to_members(settings, ben):
    settings.CONVERSATIONS_MIN_APPROVED_POSTS = 1
    settings.PREMODERATE_FIRST_POSTS = 0
    quiet = established("quiet")
    refusal = services.refusal_to_write(quiet, ben, starting=True)
    assert refusal and "once 1 of your posts has been approved" in refusal

    group = Group.objects.create(name="Open room", slug="open-room")
    community.create_thread(group=group, author=quiet, title="Hello all", body="First post")
    assert services.refusal_to_write(quiet, ben, starting=True) is None


def test_after_a_block_the_blocked_member_cannot_start_or_continue_until_unblocked(
    client, chat, ana, ben
):
    services.block(blocker=ben, blocked=ana)
    client.force_login(ana)
    page = write(client, "ben", body="Another try").content.decode()
    assert NOT_ACCEPTING in page and "Another try" in page
    page = client.post(f"/messages/{chat.pk}/", {"body": "Are you there?"}).content.decode()
    assert NOT_ACCEPTING in page and "Are you there?" in page
    assert Message.objects.count() == 1
    assert ben.notifications.count() == 1  # the first message only

    services.unblock(blocker=ben, blocked=ana)
    assert client.post(f"/messages/{chat.pk}/", {"body": "Are you there?"}).status_code == 302
    assert ben.notifications.count() == 2


def test_block_and_unblock_buttons_on_the_profile(client, ana, ben):
    client.force_login(ben)
    profile = client.get("/u/ana/").content.decode()
    assert 'href="/messages/new/?to=ana">Send a message</a>' in profile
    assert "Block @ana" in profile
    response = client.post(f"/messages/block/{ana.pk}/", {"next": "/u/ana/"})
    assert response["Location"] == "/u/ana/"
    profile = client.get("/u/ana/").content.decode()
    assert "Unblock @ana" in profile and "Send a message" not in profile
    assert services.refusal_to_write(ana, ben, starting=True) == NOT_ACCEPTING
    client.post(f"/messages/unblock/{ana.pk}/")
    assert services.refusal_to_write(ana, ben, starting=True) is None


def test_no_send_a_message_button_on_your_own_profile_or_for_visitors(client, ana):
    assert "Send a message" not in client.get("/u/ana/").content.decode()
    client.force_login(ana)
    assert "Send a message" not in client.get("/u/ana/").content.decode()


def test_messages_from_strangers_can_be_turned_off_with_the_same_words(client, chat, ana, ben):
    cleo = established("cleo")
    client.force_login(ben)
    client.post("/messages/settings/", {"only_known_members": "1"})
    assert "checked" in client.get("/messages/settings/").content.decode()
    assert services.refusal_to_write(cleo, ben, starting=True) == NOT_ACCEPTING
    # Ana already talks with Ben; the staff can always write.
    assert services.refusal_to_write(ana, ben, starting=True) is None
    staffer = established("carer", is_staff=True)
    assert services.refusal_to_write(staffer, ben, starting=True) is None


def test_the_hourly_limit_refuses_and_keeps_the_text(client, settings, chat, ana):
    settings.CONVERSATIONS_MESSAGES_PER_HOUR = 2  # the first message already counted one
    client.force_login(ana)
    assert client.post(f"/messages/{chat.pk}/", {"body": "Second"}).status_code == 302
    page = client.post(f"/messages/{chat.pk}/", {"body": "Third one"}).content.decode()
    assert "You can send 2 private messages an hour" in page and "Third one" in page
    assert Message.objects.count() == 2


def test_the_same_form_sent_twice_makes_one_message(client, chat, ana):
    client.force_login(ana)
    token = str(uuid.uuid4())
    data = {"body": "Only once please", "submission_token": token}
    first = client.post(f"/messages/{chat.pk}/", data)
    second = client.post(f"/messages/{chat.pk}/", data)
    assert first["Location"] == second["Location"]
    assert Message.objects.filter(body_markdown="Only once please").count() == 1
    start = {"to": "ben", "body": "New talk", "submission_token": str(uuid.uuid4())}
    assert write(client, **start)["Location"] == write(client, **start)["Location"]
    assert Conversation.objects.count() == 2


def test_crisis_language_shows_the_calm_panel_before_sending(client, chat, ana):
    ensure_defaults()
    client.force_login(ana)
    page = client.post(f"/messages/{chat.pk}/", {"body": "Some nights I want to die."})
    html = page.content.decode()
    assert "Before you post: you are not alone" in html
    assert "Some nights I want to die." in html
    assert Message.objects.count() == 1
    sent = client.post(
        f"/messages/{chat.pk}/", {"body": "Some nights I want to die.", "crisis_seen": "1"}
    )
    assert sent.status_code == 302
    assert Message.objects.count() == 2


def test_the_list_shows_newest_activity_first_with_unread_markers(client, ana, ben):
    cleo = established("cleo")
    older = services.start_conversation(starter=ben, recipients=[ana], body="Old news")
    Conversation.objects.filter(pk=older.pk).update(
        last_message_at=timezone.now() - datetime.timedelta(days=1)
    )
    newer = services.start_conversation(starter=cleo, recipients=[ana], body="Fresh news")
    client.force_login(ana)
    page = client.get("/messages/").content.decode()
    assert page.index(f"/messages/{newer.pk}/") < page.index(f"/messages/{older.pk}/")
    assert page.count("notification--unread") == 2
    assert 'Messages <span class="count" aria-label="2 unread">2</span>' in page  # header
    client.get(f"/messages/{newer.pk}/")
    page = client.get("/messages/").content.decode()
    assert page.count("notification--unread") == 1
    assert 'Messages <span class="count" aria-label="1 unread">1</span>' in page


def test_the_empty_list_says_what_to_do(client, ana):
    client.force_login(ana)
    page = client.get("/messages/").content.decode()
    assert "No private conversations yet" in page and "Send a message" in page


def test_contact_details_in_a_private_message_need_no_public_warning(client, chat, ben):
    client.force_login(ben)
    response = client.post(f"/messages/{chat.pk}/", {"body": "Call me on 555-123-4567"})
    assert response.status_code == 302
    assert Message.objects.latest("pk").body_markdown == "Call me on 555-123-4567"


def test_a_deactivated_participant_does_not_stop_the_others_talking(ana, ben, cleo):
    chat = services.start_conversation(starter=ana, recipients=[ben, cleo], body="Hello both")
    cleo.is_active = False
    cleo.save(update_fields=["is_active"])
    services.send_message(author=ben, conversation=chat, body="Still talking")
    assert Message.objects.filter(conversation=chat).count() == 2
    assert cleo.notifications.count() == 1  # the first message, before she was deactivated

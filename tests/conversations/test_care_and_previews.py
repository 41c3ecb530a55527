"""The care team's message becomes a conversation; message e-mails carry text only for
members who opted in, never when their e-mail is discreet."""

import pytest
from django.core import mail

from community import services as community
from community.models import Group
from conversations import editing, services
from conversations.models import Conversation, Message, MessageSettings
from notifications.models import Notification, NotificationPreference
from safety import services as safety
from safety.models import CareMark
from tests.factories import MemberFactory

# --- Replying to the care team ---------------------------------------------------------------


@pytest.fixture
def care_notice(moderator):
    """A brand-new member's worrying post, and the care team's private word to them."""
    newcomer = MemberFactory(handle="newbie", display_name="Newbie")
    group = Group.objects.create(name="Open room", slug="open-room")
    thread = community.create_thread(
        group=group, author=newcomer, title="A hard week", body="I want to die."
    )
    mark = CareMark.objects.get(post__thread=thread)
    safety.reach_out(mark=mark, by=moderator, message="We are thinking of you. Write any time.")
    return Notification.objects.get(recipient=newcomer, kind=Notification.Kind.CARE)


def test_a_reply_to_the_care_team_opens_a_conversation_with_the_sender(
    client, care_notice, moderator
):
    member = care_notice.recipient
    client.force_login(member)
    inbox = client.get("/notifications/").content.decode()
    reply_url = f"/messages/care/{care_notice.pk}/reply/"
    assert f'href="{reply_url}">Reply</a>' in inbox
    form = client.get(reply_url).content.decode()
    assert "We are thinking of you" in form
    # A new member may not write to members yet, but may answer the care team.
    response = client.post(reply_url, {"body": "Thank you, it helps to hear that"})
    conversation = Conversation.objects.get()
    assert response["Location"] == conversation.get_absolute_url()
    assert [m.author for m in conversation.messages.all()] == [moderator, member]
    assert conversation.messages.first().body_markdown == "We are thinking of you. Write any time."
    page = client.get(conversation.get_absolute_url()).content.decode()
    assert "We are thinking of you" in page and "it helps to hear that" in page
    assert Notification.objects.filter(recipient=moderator, kind=Notification.Kind.MESSAGE)


def test_a_spanish_speaking_member_reads_the_care_teams_opening_in_spanish_and_can_answer(
    client, moderator
):
    # The moderator writes in English; the opening line is the member's language, and the
    # care team's own words come back whole when the member answers.
    newcomer = MemberFactory(handle="nueva", display_name="Nueva", language="es")
    group = Group.objects.create(name="Open room", slug="open-room")
    thread = community.create_thread(
        group=group, author=newcomer, title="Una semana dura", body="I want to die."
    )
    mark = CareMark.objects.get(post__thread=thread)
    safety.reach_out(mark=mark, by=moderator, message="We are thinking of you.")
    notice = Notification.objects.get(recipient=newcomer, kind=Notification.Kind.CARE)

    assert (
        notice.text == "Un mensaje del equipo de cuidados, solo para usted: We are thinking of you."
    )
    assert services.care_words(notice) == "We are thinking of you."
    client.force_login(newcomer)
    client.post(f"/messages/care/{notice.pk}/reply/", {"body": "Gracias"})
    first = Conversation.objects.get().messages.first()
    assert first.body_markdown == "We are thinking of you."


def test_nobody_else_can_answer_a_members_care_message(client, care_notice, member):
    client.force_login(member)
    url = f"/messages/care/{care_notice.pk}/reply/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "Pretending"}).status_code == 404
    assert not Conversation.objects.exists()


def test_a_member_who_blocked_the_sender_gets_the_usual_words_and_keeps_the_text(
    client, care_notice, moderator
):
    services.block(blocker=moderator, blocked=care_notice.recipient)
    client.force_login(care_notice.recipient)
    page = client.post(
        f"/messages/care/{care_notice.pk}/reply/", {"body": "Kept words"}
    ).content.decode()
    assert services.NOT_ACCEPTING in page and "Kept words" in page
    assert not Conversation.objects.exists()


def test_staff_write_to_any_member_even_one_who_hears_only_from_people_they_know(staff, ana):
    services.update_settings(member=ana, only_known_members=True)
    conversation = services.start_conversation(
        starter=staff, recipients=[ana], body="A word from the team"
    )
    assert conversation.messages.get().author == staff


# --- E-mail previews -------------------------------------------------------------------------


def _parts(email) -> list[str]:
    return [email.subject, email.body, email.alternatives[0][0]]


def _write(ana, ben, capture, body="The biopsy was clear"):
    with capture(execute=True):
        return services.start_conversation(starter=ana, recipients=[ben], body=body)


def test_by_default_the_e_mail_holds_no_text(ana, ben, django_capture_on_commit_callbacks):
    _write(ana, ben, django_capture_on_commit_callbacks)
    for part in _parts(mail.outbox[0]):
        assert "biopsy" not in part.lower() and "Ana" not in part


def test_a_member_who_opted_in_gets_the_text_but_never_in_the_subject(
    client, ana, ben, django_capture_on_commit_callbacks
):
    client.force_login(ben)
    client.post("/messages/settings/", {"email_previews": "1"})
    assert MessageSettings.objects.get(member=ben).email_previews
    _write(ana, ben, django_capture_on_commit_callbacks)
    subject, text, html = _parts(mail.outbox[0])
    assert "biopsy" not in subject.lower()
    assert "The biopsy was clear" in text and "The biopsy was clear" in html


def test_discreet_e_mail_wins_over_previews(ana, ben, django_capture_on_commit_callbacks):
    services.update_settings(member=ben, only_known_members=False, email_previews=True)
    NotificationPreference.objects.create(member=ben, discreet_email=True)
    _write(ana, ben, django_capture_on_commit_callbacks)
    for part in _parts(mail.outbox[0]):
        assert "biopsy" not in part.lower()


def test_the_preview_is_written_when_the_e_mail_goes_out(
    ana, ben, django_capture_on_commit_callbacks
):
    services.update_settings(member=ben, only_known_members=False, email_previews=True)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.start_conversation(starter=ana, recipients=[ben], body="Call me on 555 0123")
    message = Message.objects.get()
    editing.redact_message(message=message, by=ana, passage="555 0123", reason="Number")
    for callback in callbacks:
        callback()
    text, html = mail.outbox[0].body, mail.outbox[0].alternatives[0][0]
    assert "555" not in text and "555" not in html
    assert "Call me on [removed]" in text

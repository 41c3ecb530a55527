"""E-mail about sensitive groups (and for members who chose discreet e-mail) never carries
the group's name, the thread's title or any post text."""

import pytest
from django.core import mail

from community import services
from community.models import Group
from notifications import digests
from notifications.models import NotificationPreference
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

GROUP = "Mental health"
TITLE = "Dark thoughts after chemo"
OPENING = "Lately I cannot sleep and the worry will not stop."
REPLY = "Marmoset lantern: you are not alone in this."


def every_part(message) -> list[str]:
    return [message.subject, message.body, *(content for content, _ in message.alternatives)]


def assert_discreet(message) -> None:
    for part in every_part(message):
        for secret in (GROUP, TITLE, "chemo", "worry", "Marmoset", "lantern", "not alone"):
            assert secret.lower() not in part.lower()


@pytest.fixture
def sensitive_group(db):
    return Group.objects.create(name=GROUP, slug="mental-health", is_sensitive=True)


@pytest.fixture
def starter(db):
    return MemberFactory(handle="theo", display_name="Theo")


@pytest.fixture
def replier(db):
    return MemberFactory(handle="ana", display_name="Ana")


def start_and_reply(group, starter, replier, capture):
    thread = services.create_thread(group=group, author=starter, title=TITLE, body=OPENING)
    NotificationPreference.objects.update_or_create(
        member=starter, defaults={"replies": NotificationPreference.Delivery.IMMEDIATELY}
    )
    with capture(execute=True):
        reply = services.create_reply(
            thread=thread,
            author=replier,
            body=REPLY,
            reply_to=thread.posts.get(position=1),
            quote_excerpt=OPENING,
        )
    return thread, reply


def test_a_reply_in_a_sensitive_group_is_e_mailed_without_group_title_or_text(
    sensitive_group, starter, replier, django_capture_on_commit_callbacks
):
    _, reply = start_and_reply(
        sensitive_group, starter, replier, django_capture_on_commit_callbacks
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [starter.email]
    assert_discreet(message)
    assert message.subject == "New reply to your post"
    assert f"http://testserver/p/{reply.pk}/" in message.body
    html = message.alternatives[0][0]
    assert f'href="http://testserver/p/{reply.pk}/"' in html
    assert "Read it on the site" in html


def test_followers_of_a_sensitive_group_hear_of_new_threads_discreetly(
    sensitive_group, starter, replier, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        member=replier, replies=NotificationPreference.Delivery.IMMEDIATELY
    )
    services.follow_group(group=sensitive_group, member=replier)
    with django_capture_on_commit_callbacks(execute=True):
        services.create_thread(group=sensitive_group, author=starter, title=TITLE, body=OPENING)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "New discussion in a group you follow"
    assert_discreet(mail.outbox[0])


def test_the_daily_digest_is_discreet_about_sensitive_groups(
    sensitive_group, starter, replier, django_capture_on_commit_callbacks
):
    thread = services.create_thread(
        group=sensitive_group, author=starter, title=TITLE, body=OPENING
    )
    NotificationPreference.objects.create(member=starter)  # replies: daily digest
    services.create_reply(thread=thread, author=replier, body=REPLY)
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.queue_daily_digests() == 1
    assert len(mail.outbox) == 1
    assert "New reply in a thread you follow" in mail.outbox[0].body
    assert_discreet(mail.outbox[0])


def test_members_may_choose_discreet_e_mail_for_every_group(
    starter, replier, django_capture_on_commit_callbacks
):
    ordinary = Group.objects.create(name="Mental health", slug="ordinary")  # not marked
    NotificationPreference.objects.create(
        member=starter, quotes=NotificationPreference.Delivery.IMMEDIATELY, discreet_email=True
    )
    start_and_reply(ordinary, starter, replier, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert_discreet(mail.outbox[0])


def test_e_mail_about_an_ordinary_group_still_names_the_thread_and_quotes_the_post(
    starter, replier, django_capture_on_commit_callbacks
):
    ordinary = Group.objects.create(name="Transplants", slug="transplants")
    start_and_reply(ordinary, starter, replier, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert TITLE in message.subject
    assert "Marmoset lantern" in message.body


def test_members_only_groups_are_e_mailed_discreetly_too(
    starter, replier, django_capture_on_commit_callbacks
):
    closed = Group.objects.create(
        name="Mental health", slug="closed", visibility=Group.Visibility.MEMBERS
    )
    start_and_reply(closed, starter, replier, django_capture_on_commit_callbacks)
    assert_discreet(mail.outbox[0])


def test_members_turn_on_discreet_e_mail_in_their_notification_settings(client, starter):
    client.force_login(starter)
    response = client.post(
        "/notifications/settings/",
        {
            "replies": "digest",
            "quotes": "immediately",
            "mentions": "immediately",
            "email": "on",
            "discreet_email": "on",
        },
    )
    assert response.status_code == 302
    assert NotificationPreference.objects.get(member=starter).discreet_email is True


def test_a_moderation_decision_about_a_post_in_a_sensitive_group_is_e_mailed_discreetly(
    sensitive_group, starter, replier, moderator, django_capture_on_commit_callbacks
):
    from moderation import services as moderation

    thread = services.create_thread(
        group=sensitive_group, author=starter, title=TITLE, body=OPENING
    )
    reply = services.create_reply(thread=thread, author=replier, body=REPLY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(post=reply, by=moderator, reason="Please keep the chemo details off.")
    assert [m.to for m in mail.outbox] == [[replier.email]]
    assert mail.outbox[0].subject == "News about one of your posts"
    assert_discreet(mail.outbox[0])

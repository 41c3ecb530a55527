"""Download my data holds the member's notifications and settings; closing an account
deletes them and stops every e-mail to it."""

import json

import pytest
from django.core import mail

from accounts.closing import close_account
from community import services as community
from community.models import Group
from notifications import emails
from notifications.models import (
    EmailDelivery,
    MemberMute,
    Notification,
    NotificationPreference,
    ThreadMute,
)
from notifications.services import mute_member, mute_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(db, member):
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    return community.create_thread(
        group=group, author=member, title="Night care", body="How do you cope?"
    )


def test_the_export_holds_the_members_notifications_and_settings_only(
    member_client, member, other_member, thread, make_member
):
    ana = make_member("ana")
    community.create_reply(
        thread=thread,
        author=other_member,
        body="A humidifier.",
        reply_to=thread.posts.get(position=1),
    )
    community.create_reply(thread=thread, author=member, body="Thanks, @ana!")
    mute_thread(member=member, thread=thread)
    mute_member(member=member, muted=ana)
    NotificationPreference.objects.create(member=member, replies="off")

    data = json.loads(member_client.get("/accounts/export/").content)

    assert [(n["kind"], n["text"]) for n in data["notifications"]] == [
        ("quote", "Sam quoted you in “Night care”")
    ]
    assert data["notifications"][0]["url"].endswith(f"/p/{thread.posts.get(position=2).pk}/")
    assert [e["kind"] for e in data["notification_emails"]] == ["notification"]
    settings = data["notification_settings"]
    assert settings["replies"] == "off"
    assert settings["muted_threads"][0]["title"] == "Night care"
    assert settings["muted_members"] == ["ana"]
    assert "Thanks, @ana" not in json.dumps(data["notifications"])  # Ana's, not June's


def test_closing_an_account_deletes_its_notifications_and_never_e_mails_it(
    member, other_member, thread, make_member
):
    ana = make_member("ana")
    community.create_reply(
        thread=thread, author=other_member, body="Hi", reply_to=thread.posts.get(position=1)
    )
    mute_thread(member=member, thread=thread)
    mute_member(member=member, muted=ana)
    assert EmailDelivery.objects.filter(recipient=member, state="pending").exists()

    close_account(member=member)

    assert not Notification.objects.filter(recipient=member).exists()
    assert not EmailDelivery.objects.filter(recipient=member).exists()
    assert not ThreadMute.objects.filter(member=member).exists()
    assert not MemberMute.objects.filter(member=member).exists()
    assert emails.send_due() == 0
    assert mail.outbox == []

    # Whatever still mentions the closed account in a post, nothing reaches it.
    community.create_reply(
        thread=thread,
        author=other_member,
        body="Still here?",
        reply_to=thread.posts.get(position=1),
    )
    assert not Notification.objects.filter(recipient=member).exists()


def test_other_members_notifications_no_longer_carry_a_closed_members_name(
    member, other_member, thread
):
    community.create_reply(
        thread=thread, author=other_member, body="Hi", reply_to=thread.posts.get(position=1)
    )
    community.create_reply(
        thread=thread, author=member, body="Hello Sam", reply_to=thread.posts.get(position=2)
    )
    assert (
        Notification.objects.get(recipient=other_member).line == "June quoted you in “Night care”"
    )

    close_account(member=member)

    assert Notification.objects.get(recipient=other_member).line == (
        "Former member quoted you in “Night care”"
    )


def test_the_migration_takes_names_out_of_stored_lines_whatever_the_name_was():
    import importlib

    migration = importlib.import_module(
        "notifications.migrations.0004_notification_lines_without_names"
    )
    for old in (
        "Former member Realname38797 replied in “Night care”",
        "June B. quoted you in “Night care”",
        "Sam started “Who replied in “x”?” in Caregivers",
    ):
        line = migration.WORDING.sub(migration.ACTOR + " ", old, count=1)
        assert line.startswith("{actor} ") and "Realname" not in line and "June" not in line
    assert migration.WORDING.sub("", "Your post is hidden.") == "Your post is hidden."

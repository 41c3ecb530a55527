"""Closing an account erases every name the member was known by, from every stored row,
and retires their handle."""

import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.utils import timezone

from accounts.closing import close_account
from accounts.handles import handle_is_available
from accounts.models import RetiredHandle, TrialRequest, User
from community import services as community_services
from community.models import Group, Post
from mentors.models import MentorClaim
from moderation import services as moderation_services
from notifications import services as notification_services
from notifications.models import Notification, NotificationPreference
from safety import services as safety_services
from tests.factories import MemberFactory
from tests.stored_text import rows_holding
from webinars import services as webinar_services
from webinars.models import Webinar

FIRST_HANDLE, FIRST_NAME = "zed_quill", "Realname38797"
LATER_HANDLE, LATER_NAME = "zed_renamed", "Othername55"
NAMES = (FIRST_HANDLE, FIRST_NAME, LATER_HANDLE, LATER_NAME)


@pytest.fixture
def closing_member(db):
    return MemberFactory(handle=FIRST_HANDLE, display_name=FIRST_NAME)


def _a_life_on_the_site(member, other, moderator, staff):
    """Everything a member leaves behind, before and after a rename."""
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    community_services.follow_group(group=group, member=other)
    NotificationPreference.objects.create(
        member=other, replies=NotificationPreference.Delivery.IMMEDIATELY
    )
    thread = community_services.create_thread(
        group=group, author=member, title="Nights are hard", body="How do you sleep?"
    )
    community_services.follow_thread(thread=thread, member=other)
    answer = community_services.create_reply(
        thread=thread,
        author=other,
        body=f"@{FIRST_HANDLE} a notebook by the bed helps.",
        reply_to=thread.posts.get(position=1),
        quote_excerpt="How do you sleep?",
    )
    community_services.create_reply(
        thread=thread, author=member, body="Thank you, I will try.", reply_to=answer
    )
    community_services.toggle_reaction(post=answer, member=member, kind="helpful")
    moderation_services.flag_post(post=answer, by=member, reason="other", note="Just checking")
    moderation_services.warn_member(member=member, by=moderator, message="Please be kind.")
    moderation_services.suspend_member(
        member=member,
        by=moderator,
        until=timezone.now() + datetime.timedelta(hours=1),
        reason="A short break.",
    )
    moderation_services.lift_suspension(member=member, by=moderator)
    moderation_services.hide_post(
        post=thread.posts.get(position=3), by=moderator, reason="Off topic."
    )
    notification_services.mute_member(member=other, muted=member)
    notification_services.mute_member(member=member, muted=other)
    TrialRequest.objects.create(member=member)
    webinar = Webinar.objects.create(
        title="Sleep",
        slug="sleep",
        starts_at=timezone.now() + datetime.timedelta(days=2),
        ends_at=timezone.now() + datetime.timedelta(days=2, hours=1),
        description_markdown="Rest.",
        contact_member=staff,
    )
    webinar_services.register(webinar=webinar, member=member)
    for rows in ([member], TrialRequest.objects.filter(member=member)):
        LogEntry.objects.log_actions(
            user_id=staff.pk, queryset=rows, action_flag=CHANGE, change_message="Changed."
        )

    # The rename: a new display name and (by staff in the admin) a new handle.
    member.display_name, member.handle = LATER_NAME, LATER_HANDLE
    member.save()
    later = community_services.create_thread(
        group=group, author=member, title="Mornings too", body="Any tips for mornings?"
    )
    community_services.create_reply(
        thread=later, author=other, body=f"Hello @{LATER_HANDLE}, tea helps."
    )
    community_services.create_reply(thread=thread, author=member, body="Back again.")
    member.is_mentor = True
    member.save()
    newcomer_thread = community_services.create_thread(
        group=group, author=other, title="New here", body="Hello all."
    )
    MentorClaim.objects.create(
        thread=newcomer_thread,
        mentor=member,
        expires_at=timezone.now() + datetime.timedelta(hours=4),
    )
    mark = safety_services.mark_if_matching(
        post=Post.objects.filter(author=member).first(), text="I want to die"
    )
    if mark is not None:
        safety_services.reach_out(mark=mark, by=moderator, message="We are here.")
    return thread


def test_after_a_rename_and_closing_no_stored_row_holds_any_name_the_member_used(
    closing_member, other_member, moderator, staff
):
    _a_life_on_the_site(closing_member, other_member, moderator, staff)
    assert Notification.objects.filter(actor=closing_member).exists()
    assert rows_holding(*NAMES)  # the names were stored before

    close_account(member=closing_member)

    left = rows_holding(*NAMES)
    assert left == [], "\n".join(left)
    # Every handle they had is retired, the one before the rename too.
    assert not handle_is_available(FIRST_HANDLE) and not handle_is_available(LATER_HANDLE)
    # Other members' words keep their sense: the mention now names a former member.
    assert Post.objects.filter(body_markdown="Former member a notebook by the bed helps.").exists()
    # Other members' notifications keep their sense, naming a former member.
    lines = [n.line for n in Notification.objects.filter(actor=closing_member)]
    assert lines and all(line.startswith("Former member ") for line in lines)


def test_a_closed_members_handles_cannot_be_registered_again(client, closing_member):
    close_account(member=closing_member)
    assert not handle_is_available(FIRST_HANDLE)
    assert not handle_is_available(FIRST_HANDLE.upper())
    assert handle_is_available("zed_someone_else")
    assert RetiredHandle.objects.count() == 1  # a digest, not the handle (see the scan above)

    response = client.post(
        "/accounts/signup/",
        {
            "email": "stranger@example.org",
            "username": FIRST_HANDLE.upper(),
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
        },
    )
    assert response.status_code == 200
    assert "That handle isn&#x27;t available" in response.content.decode()
    assert not User.objects.filter(email="stranger@example.org").exists()


def test_notifications_show_the_actors_name_as_it_is_now(closing_member, other_member):
    group = Group.objects.create(name="Caregivers", slug="caregivers")
    thread = community_services.create_thread(
        group=group, author=other_member, title="Nights", body="How do you sleep?"
    )
    community_services.create_reply(thread=thread, author=closing_member, body="Badly.")
    notification = Notification.objects.get(recipient=other_member)
    assert FIRST_NAME not in notification.text
    assert notification.line == f"{FIRST_NAME} replied in “Nights”"
    closing_member.display_name = LATER_NAME
    closing_member.save()
    notification.refresh_from_db()
    assert notification.line == f"{LATER_NAME} replied in “Nights”"

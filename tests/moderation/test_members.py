import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import site_today
from community.models import Post
from core.dates import format_day
from moderation import rules, services
from moderation.models import AuditEntry, Sanction
from tests.moderation.factories import make_post

pytestmark = pytest.mark.django_db

STANDING = reverse("moderation:standing")


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_warned_member_sees_the_message_on_their_next_page_once(
    client, member, moderator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            reverse("moderation:member-warn", args=[member.handle]),
            {"message": "Please keep medical advice to your own experience."},
        )
    client.force_login(member)

    first = page_text(client.get("/"))
    second = page_text(client.get("/"))

    assert "A message from the moderators: Please keep medical advice" in first
    assert "A message from the moderators" not in second
    assert Sanction.objects.get(member=member).seen_at is not None
    assert "Please keep medical advice" in page_text(client.get(STANDING))


def test_a_suspended_member_sees_why_and_until_when(
    client, member, moderator_client, django_capture_on_commit_callbacks
):
    until = site_today() + datetime.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            reverse("moderation:member-suspend", args=[member.handle]),
            {"until": until.isoformat(), "reason": "Repeated spam links."},
        )
    assert response.status_code == 302
    client.force_login(member)

    next_page = page_text(client.get("/"))
    standing = page_text(client.get(STANDING))

    # The suspension ends at the start of `until`: it reads as the last minute before.
    day_before = format_day(until - datetime.timedelta(days=1))
    assert f"Your account is suspended until {day_before}, 11:59pm CT" in next_page
    assert "Repeated spam links." in next_page
    assert "You can still read" in next_page
    assert f">{day_before}, 11:59pm CT</time>" in standing and "Repeated spam links." in standing
    suspension = Sanction.objects.get(member=member)
    assert timezone.localtime(suspension.ends_at).date() == until
    assert rules.posting_refusal(user=member)


def test_a_suspension_must_end_after_today_and_the_reason_is_kept(member, moderator_client):
    response = moderator_client.post(
        reverse("moderation:member-suspend", args=[member.handle]),
        {"until": site_today().isoformat(), "reason": "Kept words."},
    )

    assert response.status_code == 400
    assert "Please choose a day after today." in page_text(response)
    assert "Kept words." in page_text(response)
    assert not Sanction.objects.exists()


def test_lifting_a_suspension_lets_the_member_post_again(member, moderator, moderator_client):
    services.suspend_member(
        member=member,
        by=moderator,
        until=timezone.now() + datetime.timedelta(days=2),
        reason="Cooling off.",
    )

    moderator_client.post(reverse("moderation:member-lift", args=[member.handle]))

    assert rules.active_suspension(member) is None
    assert Sanction.objects.get().lifted_by == moderator


def test_the_member_page_shows_their_history(member, moderator, moderator_client):
    services.warn_member(member=member, by=moderator, message="First warning words.")
    make_post(author=member, status=Post.Status.PENDING)

    text = page_text(moderator_client.get(reverse("moderation:member", args=[member.handle])))

    assert "First warning words." in text
    assert "Waiting for a moderator" in text
    assert "In good standing" in text


def test_a_visitor_is_asked_to_log_in_to_see_their_standing(client):
    assert client.get(STANDING)["Location"].startswith("/accounts/login/")


def test_the_member_page_is_for_moderators_only(client, member, other_member):
    url = reverse("moderation:member", args=[other_member.handle])
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(member)
    assert client.get(url).status_code == 403


def test_the_author_sees_why_their_post_was_hidden_and_others_do_not(
    client, member, other_member, moderator, thread
):
    post = make_post(author=member, thread=thread, text="My words.")
    services.hide_post(post=post, by=moderator, reason="It names another member's doctor.")
    pending = make_post(author=member, thread=thread, status=Post.Status.PENDING)

    client.force_login(member)
    mine = page_text(client.get(STANDING))
    client.force_login(other_member)
    theirs = page_text(client.get(STANDING))

    assert "Why it was hidden:</strong> It names another member's doctor." in mine
    assert f'id="held-post-{pending.pk}"' in mine and "Waiting for a moderator" in mine
    assert "another member's doctor" not in theirs
    assert "Nothing is waiting or hidden" in theirs


def test_an_admin_bans_a_member_from_the_admin_with_an_audit_row(client, admin_user, member):
    client.force_login(admin_user)

    client.post(
        "/admin/accounts/user/",
        {"action": "ban_members", "_selected_action": [member.pk]},
    )

    member.refresh_from_db()
    assert not member.is_active
    entry = AuditEntry.objects.get(action=AuditEntry.Action.MEMBER_BAN)
    assert (entry.actor, entry.target) == (admin_user, member)


def test_the_member_page_runs_a_fixed_number_of_queries(
    member, moderator, moderator_client, thread, django_assert_max_num_queries
):
    url = reverse("moderation:member", args=[member.handle])

    def add_history(n):
        for _ in range(n):
            post = make_post(author=member, thread=thread)
            services.flag_post(post=post, by=moderator, reason="spam")
            services.warn_member(member=member, by=moderator, message="Careful.")

    add_history(1)
    with CaptureQueriesContext(connection) as few:
        moderator_client.get(url)
    add_history(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert moderator_client.get(url).status_code == 200

"""The data export ("Download my data") holds everything the product keeps about the
member, and nothing of other members that the member could not read on the site."""

import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from accounts import personal_data
from community import services as community_services
from community.models import Group
from mentors.models import MentorClaim
from moderation import services as moderation_services
from notifications import services as notification_services
from tests.factories import MemberFactory
from webinars import services as webinar_services
from webinars.models import Webinar


def _export(member) -> tuple[dict, str]:
    data = personal_data.export(member)
    return data, json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


@pytest.fixture
def group(db):
    return Group.objects.create(name="Caregivers", slug="caregivers")


def test_the_export_holds_everything_kept_about_the_member(
    group, member, other_member, moderator, staff
):
    thread = community_services.create_thread(
        group=group, author=other_member, title="Nights", body="How do you sleep?"
    )
    mine = community_services.create_reply(
        thread=thread, author=member, body="First words, later changed."
    )
    community_services.edit_post(post=mine, editor=member, body="Second words.")
    moderation_services.edit_post(post=mine, by=moderator, body="Third words.", reason="Tidy")
    community_services.toggle_reaction(post=thread.posts.get(position=1), member=member, kind="hug")
    community_services.follow_group(group=group, member=member)
    moderation_services.flag_post(
        post=thread.posts.get(position=1), by=member, reason="spam", note="Looks like an ad"
    )
    moderation_services.warn_member(member=member, by=moderator, message="Gentle, please.")
    moderation_services.suspend_member(
        member=member,
        by=moderator,
        until=timezone.now() + datetime.timedelta(days=1),
        reason="A day to cool off.",
    )
    notification_services.update_preferences(
        member=member,
        replies="off",
        quotes="digest",
        mentions="immediately",
        email=True,
        discreet_email=True,
        quiet_start=datetime.time(22, 0),
        quiet_end=datetime.time(7, 0),
    )
    notification_services.mute_member(member=member, muted=other_member)
    notification_services.mute_thread(member=member, thread=thread)
    webinar = Webinar.objects.create(
        title="Sleep",
        slug="sleep",
        starts_at=timezone.now() + datetime.timedelta(days=2),
        ends_at=timezone.now() + datetime.timedelta(days=2, hours=1),
        description_markdown="Rest.",
        contact_member=staff,
    )
    webinar_services.register(webinar=webinar, member=member)
    newcomer = community_services.create_thread(
        group=group, author=other_member, title="New here", body="Hello."
    )
    MentorClaim.objects.create(
        thread=newcomer, mentor=member, expires_at=timezone.now() + datetime.timedelta(hours=4)
    )

    data, raw = _export(member)

    versions = data["post_versions"]
    assert [v["text_markdown"] for v in versions] == [
        "First words, later changed.",
        "Second words.",
    ]
    assert [v["replaced_by"] for v in versions] == ["you", "a moderator"]
    assert versions[1]["moderators_reason"] == "Tidy"
    assert data["posts"][0]["text_markdown"] == "Third words."
    assert data["flags"] == [
        {
            "post_url": f"http://testserver/p/{thread.posts.get(position=1).pk}/",
            "reason": "Spam or advertising",
            "note": "Looks like an ad",
            "flagged_at": data["flags"][0]["flagged_at"],
            "decided_at": None,
            "outcome": None,
        }
    ]
    kinds = [(s["kind"], s["reason"]) for s in data["warnings_and_suspensions"]]
    assert kinds == [("Warning", "Gentle, please."), ("Suspension", "A day to cool off.")]
    settings = data["notification_settings"]
    assert settings["replies"] == "off" and settings["discreet_email"] is True
    assert settings["quiet_hours"] == {"from": "22:00:00", "until": "07:00:00"}
    assert settings["muted_members"] == ["sam"]
    assert settings["muted_threads"][0]["title"] == "Nights"
    assert [r["kind"] for r in data["reactions"]] == ["hug"]
    assert [g["name"] for g in data["follows"]["groups"]] == ["Caregivers"]
    assert len(data["webinar_registrations"]) == 1
    assert [c["discussion"] for c in data["mentor_claims"]] == ["New here"]
    assert "profile" in data and data["profile"]["let_search_engines_list_profile"] is False
    # Nothing of the moderator but what they told the member.
    assert moderator.email not in raw and "rosa" not in raw


def test_the_export_leaves_out_words_of_a_post_a_moderator_hid(
    group, member, other_member, moderator
):
    thread = community_services.create_thread(
        group=group, author=other_member, title="Nights", body="How do you sleep?"
    )
    secret = community_services.create_reply(
        thread=thread, author=other_member, body="Marmoset lantern: my neighbour's address."
    )
    open_words = community_services.create_reply(
        thread=thread, author=other_member, body="Quokka tea before bed."
    )
    community_services.create_reply(
        thread=thread,
        author=member,
        body="Please take that down.",
        reply_to=secret,
        quote_excerpt="Marmoset lantern",
    )
    community_services.create_reply(
        thread=thread, author=member, body="Thank you.", reply_to=open_words
    )
    moderation_services.hide_post(post=secret, by=moderator, reason="Personal details.")

    data, raw = _export(member)

    assert "Marmoset" not in raw and "neighbour" not in raw
    quotes = [p["quoted_text"] for p in data["posts"]]
    assert quotes == [None, "Quokka tea before bed."]  # a published post's words stay


def test_a_thread_the_member_can_no_longer_see_keeps_its_title_out(group, member, moderator):
    starter = MemberFactory(handle="theo", display_name="Theo")
    thread = community_services.create_thread(
        group=group, author=starter, title="Zanzibar secret title", body="Hello."
    )
    community_services.create_reply(thread=thread, author=member, body="Hi Theo.")
    community_services.follow_thread(thread=thread, member=member)
    moderation_services.hide_post(post=thread.posts.get(position=1), by=moderator, reason="Off")

    data, raw = _export(member)

    assert "Zanzibar" not in raw
    assert data["posts"][0]["thread_title"] is None
    assert data["posts"][0]["text_markdown"] == "Hi Theo."

"""Drafts kept on the server: saved by Preview and the autosave, restored on the member's
next visit from any device, deleted when published or discarded, never shown to anyone else."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.closing import close_account
from community import services
from community.models import Draft, Group, Post

pytestmark = pytest.mark.django_db


def _draft_url(thread) -> str:
    return reverse("community:thread-draft", args=[thread.pk, thread.slug])


def _autosave(client, url, **data):
    return client.post(url, data, HTTP_ACCEPT="application/json")


def test_an_autosaved_reply_is_in_the_reply_form_on_the_next_visit(member_client, member, thread):
    answer = _autosave(member_client, _draft_url(thread), body="Half a thought about **naps**")

    assert answer.status_code == 200
    assert answer.json() == {"saved": True, "message": "Draft saved."}
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert "Half a thought about **naps**</textarea>" in page
    assert "Discard draft" in page


def test_a_draft_follows_the_member_to_another_device(client, member, thread):
    client.force_login(member)
    _autosave(client, _draft_url(thread), body="Typed on my phone")
    client.logout()

    client.force_login(member)  # a new session: another browser
    assert "Typed on my phone</textarea>" in client.get(thread.get_absolute_url()).content.decode()


def test_nobody_else_sees_a_members_draft(client, member, other_member, thread):
    client.force_login(member)
    _autosave(client, _draft_url(thread), body="Only mine to read")
    client.force_login(other_member)

    assert "Only mine to read" not in client.get(thread.get_absolute_url()).content.decode()
    # Discarding "their" draft only ever touches one's own (there is none).
    answer = _autosave(client, _draft_url(thread), action="discard")
    assert answer.json()["message"] == "There was no draft to discard: nothing has changed."
    assert Draft.objects.get(member=member).body == "Only mine to read"


def test_a_draft_for_a_thread_the_member_cannot_read_is_a_404(member_client, moderator, group):
    hidden = services.create_thread(group=group, author=moderator, title="Staff only", body="x")
    Post.objects.filter(thread=hidden).update(status=Post.Status.HIDDEN)

    assert _autosave(member_client, _draft_url(hidden), body="Sneaky").status_code == 404
    assert _autosave(member_client, "/t/987654/x/draft/", body="Sneaky").status_code == 404
    assert not Draft.objects.exists()


def test_publishing_the_reply_deletes_its_draft(member_client, member, thread):
    _autosave(member_client, _draft_url(thread), body="Nearly ready")

    member_client.post(
        reverse("community:thread-reply", args=[thread.pk, thread.slug]), {"body": "Ready now"}
    )

    assert not Draft.objects.exists()
    assert "Nearly ready" not in member_client.get(thread.get_absolute_url()).content.decode()


def test_a_late_autosave_does_not_bring_back_the_draft_of_a_sent_reply(member_client, thread):
    token = "5b0c7d4e-1f7a-4c1e-9a55-0e8e2bb8a001"
    reply = reverse("community:thread-reply", args=[thread.pk, thread.slug])
    member_client.post(reply, {"body": "Sent", "submission_token": token})

    answer = _autosave(member_client, _draft_url(thread), body="Sent", submission_token=token)

    assert answer.json()["saved"] is False
    assert not Draft.objects.exists()


def test_discard_draft_without_javascript_empties_the_form(member_client, thread):
    _autosave(member_client, _draft_url(thread), body="Never mind")

    response = member_client.post(_draft_url(thread), {"action": "discard"}, follow=True)

    page = response.content.decode()
    assert "Your draft is discarded." in page
    assert "Never mind" not in page
    assert not Draft.objects.exists()


def test_an_autosave_sent_as_the_page_closes_leaves_no_message_behind(
    member_client, member, thread
):
    # navigator.sendBeacon cannot ask for JSON; drafts.js marks it `autosave`.
    answer = member_client.post(_draft_url(thread), {"body": "Last words", "autosave": "1"})

    assert answer.json()["saved"] is True
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert "Draft saved." not in page
    assert "Last words</textarea>" in page


def test_an_emptied_box_leaves_no_draft(member_client, thread):
    _autosave(member_client, _draft_url(thread), body="Something")
    answer = _autosave(member_client, _draft_url(thread), body="   ")

    assert answer.json() == {"saved": False, "message": "Nothing to keep: the draft is empty."}
    assert not Draft.objects.exists()


def test_a_draft_keeps_every_character_of_an_overlong_reply(member_client, member, thread):
    text = "word " * 5000  # 25,000 characters: too long to post, kept whole as a draft
    _autosave(member_client, _draft_url(thread), body=text)

    assert Draft.objects.get(member=member).body == text


def test_bad_draft_input_gets_a_clear_answer_never_a_500(member_client, thread):
    nul = _autosave(member_client, _draft_url(thread), body="a\x00b")
    huge = _autosave(member_client, _draft_url(thread), body="x" * 200_001)

    assert nul.status_code == huge.status_code == 400
    assert "Null characters are not allowed" in nul.json()["message"]
    assert "too long to keep as a draft" in huge.json()["message"]
    assert not Draft.objects.exists()


def test_a_new_discussion_draft_is_kept_per_group(member_client, member, group):
    other = Group.objects.create(name="Caregivers", slug="caregivers")
    url = reverse("community:group-draft", args=[group.slug])
    _autosave(member_client, url, title="Sleep after surgery", body="Does anyone else")

    page = member_client.get(f"/groups/{group.slug}/new/").content.decode()
    assert 'value="Sleep after surgery"' in page
    assert "Does anyone else</textarea>" in page
    assert "Does anyone else" not in member_client.get("/groups/caregivers/new/").content.decode()

    member_client.post(
        f"/groups/{group.slug}/new/", {"title": "Sleep after surgery", "body": "Does anyone"}
    )
    assert not Draft.objects.filter(group=group).exists()
    assert other.pk  # the other group's form was empty all along


def test_previewing_saves_the_draft_without_javascript(member_client, member, thread):
    member_client.post(
        reverse("community:thread-reply", args=[thread.pk, thread.slug]),
        {"body": "Kept by **preview**", "preview": "1"},
    )

    assert Draft.objects.get(member=member, thread=thread).body == "Kept by **preview**"
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert "Kept by **preview**</textarea>" in page


def test_the_thread_page_restores_a_draft_without_a_query_of_its_own(member_client, member, thread):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert member_client.get(thread.get_absolute_url()).status_code == 200
        return len(captured)

    count()  # the header's unread count is kept from here on
    without = count()
    _autosave(member_client, _draft_url(thread), body="Restored for free")
    with CaptureQueriesContext(connection) as captured:
        page = member_client.get(thread.get_absolute_url()).content.decode()

    assert "Restored for free</textarea>" in page
    assert len(captured) == without
    assert not any(
        q["sql"].lstrip().upper().startswith(("INSERT", "DELETE")) and "draft" in q["sql"]
        for q in captured.captured_queries
    )


def test_a_closed_accounts_drafts_are_exported_then_erased(member_client, member, thread, group):
    _autosave(member_client, _draft_url(thread), body="My unsent reply")
    _autosave(
        member_client,
        reverse("community:group-draft", args=[group.slug]),
        title="An unsent question",
        body="Body",
    )

    data = json.loads(member_client.get("/accounts/export/").content)
    assert [(d["reply_to_discussion"], d["text_markdown"]) for d in data["drafts"]] == [
        ("Coming home after surgery", "My unsent reply"),
        (None, "Body"),
    ]
    assert data["drafts"][1]["new_discussion_in_group"] == "Transplants"

    close_account(member=member)
    assert not Draft.objects.exists()

"""An edit that takes text out can take it out everywhere ("Remove the old version
everywhere"); otherwise a post's earlier versions are for its author and moderators only."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.urls import reverse

from accounts import personal_data
from community import search
from community import services as community_services
from community.models import Post, PostRevision
from moderation.models import AuditEntry
from notifications.emails import build_message
from notifications.models import EmailDelivery, NotificationPreference
from safety.services import REDACTED, removed_passages
from tests.factories import MemberFactory
from tests.stored_text import rows_holding

PHONE = "312-555-0199"
BEFORE = f"Call me on {PHONE} any evening, I am glad to talk it through."
AFTER = "Message me here any evening, I am glad to talk it through."


@pytest.fixture
def quoter(db):
    return MemberFactory(handle="ana", display_name="Ana")


@pytest.fixture
def phone_post(thread, member, other_member, quoter):
    """`member` shares a phone number in a reply; the thread's starter (`other_member`)
    is to be e-mailed about it at once and `quoter` quotes it."""
    NotificationPreference.objects.update_or_create(
        member=other_member, defaults={"replies": NotificationPreference.Delivery.IMMEDIATELY}
    )
    post = community_services.create_reply(thread=thread, author=member, body=BEFORE)
    community_services.create_reply(
        thread=thread,
        author=quoter,
        body="That is kind of you.",
        reply_to=post,
        quote_excerpt=f"Call me on {PHONE} any evening",
    )
    return post


def _export(member) -> str:
    return json.dumps(personal_data.export(member), cls=DjangoJSONEncoder, ensure_ascii=False)


def _readers(member, other_member, quoter, moderator) -> dict[str, Client]:
    readers = {"visitor": Client()}
    for name, user in [
        ("author", member),
        ("starter", other_member),
        ("quoter", quoter),
        ("moderator", moderator),
    ]:
        readers[name] = Client()
        readers[name].force_login(user)
    return readers


def test_the_passages_an_edit_removes():
    assert removed_passages(BEFORE, AFTER) == [f"Call me on {PHONE}"]
    assert removed_passages("Ward 4 (312-555-0199), she helped", "Ward 4, she helped") == [
        "(312-555-0199)"
    ]
    # A word is never cut in two; unchanged text gives nothing.
    assert removed_passages("Ask Rosalind", "Ask Rosa") == ["Rosalind"]
    assert removed_passages(AFTER, AFTER) == []


def test_a_phone_number_edited_out_everywhere_is_shown_to_nobody(
    client, thread, phone_post, member, other_member, quoter, moderator, staff
):
    delivery = EmailDelivery.objects.get(
        notification__post=phone_post, recipient=other_member, state=EmailDelivery.State.PENDING
    )
    client.force_login(member)
    response = client.post(
        reverse("community:post-edit", args=[phone_post.pk]),
        {"body": AFTER, "remove_old_version": "on"},
        follow=True,
    )
    assert "What you took out is gone." in response.content.decode()

    # Every page, for everyone: the thread (with the quote), the history, search.
    readers = _readers(member, other_member, quoter, moderator)
    for name, reader in readers.items():
        page = reader.get(thread.get_absolute_url())
        assert page.status_code == 200, name
        html = page.content.decode()
        assert PHONE not in html and "555-0199" not in html, name
        assert "Message me here any evening" in html
        for query in (PHONE, "0199", "Call"):
            results = reader.get(reverse("community:search"), {"q": query})
            assert len(results.context["page"]) == 0, (name, query)
    for name in ("author", "moderator"):
        history = readers[name].get(reverse("community:post-history", args=[phone_post.pk]))
        assert history.status_code == 200
        assert PHONE not in history.content.decode()
        assert f"{REDACTED} any evening" in history.content.decode()
    for name in ("visitor", "starter", "quoter"):
        history = readers[name].get(reverse("community:post-history", args=[phone_post.pk]))
        assert history.status_code == 404, name
    assert not search.search_posts(PHONE, other_member).exists()
    assert not search.search_posts("555", moderator).exists()

    # The quote in the reply, the e-mail not sent yet, everyone's data export.
    quote = Post.objects.get(reply_to=phone_post).quote_excerpt
    assert quote == f"{REDACTED} any evening"
    message = build_message(delivery)
    for part in [message.subject, message.body, message.alternatives[0][0]]:
        assert PHONE not in part
    for person in (member, other_member, quoter):
        assert PHONE not in _export(person)

    # No stored row anywhere holds it; the audit trail says it happened, without the text.
    assert rows_holding(PHONE, "555-0199") == []
    entry = AuditEntry.objects.get(action=AuditEntry.Action.POST_REDACT, target_id=phone_post.pk)
    assert entry.actor == member
    assert entry.detail["edit"] is True and entry.detail["quotes"] == 1
    staff_client = Client()
    staff_client.force_login(staff)
    log = staff_client.get(reverse("moderation:log"))
    assert log.status_code == 200
    assert "Passage redacted" in log.content.decode()
    assert PHONE not in log.content.decode()


def test_without_the_box_the_old_version_stays_for_the_author_and_moderators_only(
    client, thread, phone_post, member, other_member, quoter, moderator
):
    client.force_login(member)
    client.post(reverse("community:post-edit", args=[phone_post.pk]), {"body": AFTER})
    assert PHONE in PostRevision.objects.get(post=phone_post).body_markdown
    readers = _readers(member, other_member, quoter, moderator)
    history_url = reverse("community:post-history", args=[phone_post.pk])
    for name in ("author", "moderator"):
        assert PHONE in readers[name].get(history_url).content.decode()
        page = readers[name].get(thread.get_absolute_url()).content.decode()
        assert f'href="{history_url}"' in page
    for name in ("visitor", "starter", "quoter"):
        assert readers[name].get(history_url).status_code == 404, name
        page = readers[name].get(thread.get_absolute_url()).content.decode()
        assert f'href="{history_url}"' not in page, name
        assert "edited" in page
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.POST_REDACT).exists()


def test_a_retitled_threads_old_title_is_for_its_author_and_moderators_only(
    client, group, member, other_member, moderator
):
    thread = community_services.create_thread(
        group=group, author=member, title=f"Call {PHONE} for a lift", body="Happy to drive."
    )
    first = thread.posts.get(position=1)
    client.force_login(member)
    client.post(
        reverse("community:post-edit", args=[first.pk]),
        {"title": "Lifts to the clinic", "body": "Happy to drive."},
    )
    history_url = reverse("community:post-history", args=[first.pk])
    assert PHONE in client.get(history_url).content.decode()
    reader = Client()
    reader.force_login(other_member)
    assert reader.get(history_url).status_code == 404
    assert Client().get(history_url).status_code == 404


def test_an_edit_with_the_box_removes_an_old_title_everywhere(client, group, member):
    thread = community_services.create_thread(
        group=group, author=member, title=f"Call {PHONE} for a lift", body="Happy to drive."
    )
    first = thread.posts.get(position=1)
    client.force_login(member)
    client.post(
        reverse("community:post-edit", args=[first.pk]),
        {"title": "Lifts to the clinic", "body": "Happy to drive.", "remove_old_version": "on"},
    )
    thread.refresh_from_db()
    assert thread.title == "Lifts to the clinic"
    assert PostRevision.objects.get(post=first).title == REDACTED  # every word changed
    assert rows_holding(PHONE) == []


def test_a_moderators_edit_removes_the_old_version_by_default(
    client, phone_post, moderator, member
):
    client.force_login(moderator)
    url = reverse("moderation:post-edit", args=[phone_post.pk])
    form = client.get(url).content.decode()
    assert "Remove the old version everywhere" in form
    box = form.split('name="remove_old_version"')[1].split(">")[0]
    assert "checked" in box

    refused = client.post(
        url, {"body": AFTER, "reason": f"Removed {PHONE}", "remove_old_version": "on"}
    )
    assert refused.status_code == 200
    assert "without repeating the text you remove" in refused.content.decode()
    phone_post.refresh_from_db()
    assert phone_post.body_markdown == BEFORE  # nothing changed

    client.post(url, {"body": AFTER, "reason": "A phone number", "remove_old_version": "on"})
    phone_post.refresh_from_db()
    assert phone_post.body_markdown == AFTER
    assert rows_holding(PHONE) == []
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.POST_REDACT, actor=moderator, detail__by_author=False
    ).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.POST_EDIT, actor=moderator).exists()


def test_a_removed_common_word_leaves_longer_words_alone(member, thread):
    post = community_services.create_reply(
        thread=thread, author=member, body="See the other thread there."
    )
    community_services.edit_post(post=post, editor=member, body="See that other thread there.")
    community_services.edit_post(
        post=post, editor=member, body="See our other thread there.", remove_old_version=True
    )
    texts = list(PostRevision.objects.filter(post=post).values_list("body_markdown", flat=True))
    assert f"See {REDACTED} other thread there." in texts
    assert all("there." in text for text in texts)


def test_a_rewrite_removing_too_many_passages_takes_the_old_text_and_quotes_whole(
    member, other_member, thread
):
    before = " ".join(f"secret{n} stays here too." for n in range(60))
    after = " ".join("stays here too." for _ in range(60))
    post = community_services.create_reply(thread=thread, author=member, body=before)
    community_services.create_reply(
        thread=thread, author=other_member, body="Hm.", reply_to=post, quote_excerpt="secret7"
    )
    community_services.edit_post(post=post, editor=member, body=after, remove_old_version=True)
    assert PostRevision.objects.get(post=post).body_markdown == REDACTED
    assert Post.objects.get(reply_to=post).quote_excerpt == REDACTED
    assert rows_holding("secret7") == []
    entry = AuditEntry.objects.get(action=AuditEntry.Action.POST_REDACT, target_id=post.pk)
    assert entry.detail["whole_versions"] is True and entry.detail["passages"] == 60


def test_removed_passages_stay_quick_on_hostile_edits():
    # Repetitive 20,000-character texts: the word-by-word comparison is skipped, not slow.
    assert removed_passages("a " * 10000, "a b " * 5000) == []
    # Every word gone: one passage, the whole old text.
    assert removed_passages("1 " * 10000, "2 " * 10000) == [" ".join(["1"] * 10000)]

import pytest
from django.contrib.postgres.search import SearchQuery
from django.urls import reverse

from community import search
from community import services as community_services
from community.models import Post, PostRevision, Thread
from moderation.models import AuditEntry
from notifications.emails import build_message
from notifications.models import EmailDelivery, Notification
from safety import services
from safety.services import REDACTED

NAME = "Rosalind Fairweather"
PHONE = "312-555-0199"


@pytest.fixture
def post(thread, member, other_member):
    """A reply by `member` naming a nurse, edited once, quoted by a reply, with notifications."""
    post = community_services.create_reply(
        thread=thread, author=member, body=f"Ask for {NAME} on ward 4, she helped me so much."
    )
    community_services.edit_post(
        post=post,
        editor=member,
        body=f"Ask for {NAME} on ward 4 ({PHONE}), she helped me so much. Truly kind.",
    )
    community_services.create_reply(
        thread=thread,
        author=other_member,
        body="Thank you, I will.",
        reply_to=post,
        quote_excerpt=f"Ask for {NAME} on ward 4",
    )
    post.refresh_from_db()
    return post


def _stored_texts(post: Post) -> list[str]:
    """Every row of the database that holds words of `post` (or of its notifications)."""
    post.refresh_from_db()
    texts = [post.body_markdown, post.body_html]
    for revision in PostRevision.objects.filter(post=post):
        texts += [revision.body_markdown, revision.body_html]
    texts += list(Post.objects.filter(reply_to=post).values_list("quote_excerpt", flat=True))
    texts += list(Notification.objects.filter(post=post).values_list("text", flat=True))
    return texts


def test_a_redacted_name_is_found_nowhere_afterwards(post, member, other_member):
    assert any(NAME in text for text in _stored_texts(post))
    assert Post.objects.filter(pk=post.pk, search_vector=SearchQuery("Fairweather")).exists()

    count = services.redact_passage(post=post, by=member, passage=NAME, reason="A nurse's name")

    assert count == 1
    assert all(NAME not in text for text in _stored_texts(post))
    assert REDACTED in post.body_markdown and REDACTED in post.body_html
    assert "she helped me so much" in post.body_markdown
    quote = Post.objects.get(reply_to=post).quote_excerpt
    assert quote == f"Ask for {REDACTED} on ward 4"
    assert PostRevision.objects.get(post=post).body_markdown.startswith(f"Ask for {REDACTED}")
    assert not Post.objects.filter(pk=post.pk, search_vector=SearchQuery("Fairweather")).exists()
    assert not search.search_posts("Fairweather", other_member).exists()
    assert search.search_posts("ward", other_member).filter(pk=post.pk).exists()


def test_redacting_ignores_case_and_removes_every_copy(post, moderator):
    count = services.redact_passage(post=post, by=moderator, passage=PHONE.upper() + " ")
    assert count == 1
    assert all(PHONE not in text for text in _stored_texts(post))


def test_e_mails_not_sent_yet_carry_the_redacted_text(thread, member, other_member):
    # The thread's starter is quoted, so they are e-mailed at once; the e-mail is not sent yet.
    post = community_services.create_reply(
        thread=thread,
        author=member,
        body=f"{NAME} on ward 4 answered this for me.",
        reply_to=thread.posts.get(position=1),
    )
    delivery = EmailDelivery.objects.get(
        notification__post=post, recipient=other_member, state=EmailDelivery.State.PENDING
    )
    services.redact_passage(post=post, by=member, passage=NAME)
    message = build_message(delivery)
    html = message.alternatives[0][0]
    assert "ward 4" in message.body
    assert NAME not in message.subject and NAME not in message.body and NAME not in html


def test_the_audit_log_records_the_redaction_without_the_text(post, moderator):
    services.redact_passage(post=post, by=moderator, passage=NAME, reason="Staff member's name")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.POST_REDACT)
    assert entry.actor == moderator
    assert entry.reason == "Staff member's name"
    assert entry.detail == {
        "copies": 1,
        "revisions": 1,
        "quotes": 1,
        "title": 0,
        "by_author": False,
    }
    row = AuditEntry.objects.filter(pk=entry.pk).values()[0]
    assert NAME not in str(row) and "Fairweather" not in str(row)


def test_redacting_text_that_is_not_in_the_post_changes_nothing(client, member, post):
    client.force_login(member)
    before = _stored_texts(post)
    response = client.post(
        reverse("safety:redact-post", args=[post.pk]), {"passage": "Dr. Somebody Else"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "That text is not in this post." in html
    assert "Dr. Somebody Else" in html  # the member's input is kept
    assert _stored_texts(post) == before
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.POST_REDACT).exists()


def test_the_reason_may_not_repeat_the_redacted_text(member, post):
    with pytest.raises(services.SafetyError):
        services.redact_passage(post=post, by=member, passage=NAME, reason=f"Remove {NAME}")
    post.refresh_from_db()
    assert NAME in post.body_markdown


def test_the_author_redacts_from_the_page_and_is_told_what_happened(client, member, post):
    client.force_login(member)
    page = client.get(reverse("safety:redact-post", args=[post.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("safety:redact-post", args=[post.pk]), {"passage": PHONE}, follow=True
    )
    assert "Removed (once)." in response.content.decode()
    post.refresh_from_db()
    assert PHONE not in post.body_markdown


def test_another_member_cannot_redact(client, other_member, post):
    client.force_login(other_member)
    response = client.post(reverse("safety:redact-post", args=[post.pk]), {"passage": NAME})
    assert response.status_code == 403
    post.refresh_from_db()
    assert NAME in post.body_markdown


def test_a_quote_cut_inside_the_passage_loses_the_part_it_kept(thread, member, other_member):
    post = community_services.create_reply(
        thread=thread, author=member, body=f"Call {PHONE} for the support group."
    )
    reply = community_services.create_reply(
        thread=thread, author=other_member, body="Thanks!", reply_to=post
    )
    Post.objects.filter(pk=reply.pk).update(quote_excerpt="Call 312-555-01…")
    services.redact_passage(post=post, by=member, passage=PHONE)
    reply.refresh_from_db()
    assert reply.quote_excerpt == f"Call {REDACTED}…"


def test_the_author_and_moderators_find_the_remove_a_passage_link(
    client, member, other_member, moderator, post, thread
):
    link = reverse("safety:redact-post", args=[post.pk])
    client.force_login(member)
    assert link in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(other_member)
    assert link not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(moderator)
    assert link in client.get(thread.get_absolute_url()).content.decode()


@pytest.fixture
def titled_thread(group, member, other_member):
    """A thread by `member` whose title (and only its title) names a nurse, retitled once
    (the old title is kept on a revision), with replies that notified its followers."""
    thread = community_services.create_thread(
        group=group, author=member, title=f"Thank you {NAME}", body="She made scans bearable."
    )
    first = thread.posts.get(position=1)
    community_services.edit_post(
        post=first,
        editor=member,
        body="She made scans bearable. Truly kind.",
        title=f"Thank you {NAME} on ward 4",
    )
    community_services.follow_thread(thread=thread, member=other_member)
    community_services.create_reply(thread=thread, author=other_member, body="Agreed, lovely.")
    community_services.create_reply(thread=thread, author=member, body="She still visits.")
    thread.refresh_from_db()
    return thread


def _title_texts(thread: Thread) -> list[str]:
    """Every stored copy of the thread's title: the thread, its first post's earlier versions
    and the notifications of all its posts."""
    thread.refresh_from_db()
    texts = [thread.title, thread.slug]
    texts += list(PostRevision.objects.filter(post__thread=thread).values_list("title", flat=True))
    texts += list(Notification.objects.filter(post__thread=thread).values_list("text", flat=True))
    return texts


def test_a_name_in_a_thread_title_is_found_nowhere_afterwards(
    client, titled_thread, member, other_member
):
    first = titled_thread.posts.get(position=1)
    old_url = titled_thread.get_absolute_url()
    assert "fairweather" in titled_thread.slug
    assert any(NAME in text for text in _title_texts(titled_thread)[2:])
    assert Notification.objects.filter(post__thread=titled_thread, text__contains=NAME).count() >= 2
    assert len(client.get(reverse("community:search"), {"q": "Fairweather"}).context["page"])

    count = services.redact_passage(post=first, by=member, passage=NAME, reason="Her name")

    assert count == 1
    assert all(
        NAME not in text and "fairweather" not in text.lower()
        for text in _title_texts(titled_thread)
    )
    assert titled_thread.title == f"Thank you {REDACTED} on ward 4"
    assert titled_thread.slug == "thank-you-removed-on-ward-4"
    assert PostRevision.objects.get(post=first).title == f"Thank you {REDACTED}"
    assert Notification.objects.filter(
        recipient=member, text__contains=f"“Thank you {REDACTED} on ward 4”"
    ).exists()
    first.refresh_from_db()
    assert first.body_markdown == "She made scans bearable. Truly kind."
    assert not search.search_posts("Fairweather", other_member).exists()
    assert search.search_posts("ward", other_member).filter(pk=first.pk).exists()
    response = client.get(reverse("community:search"), {"q": "Fairweather"})
    assert len(response.context["page"]) == 0
    moved = client.get(old_url)
    assert moved.status_code in (301, 302)
    assert moved["Location"].endswith(titled_thread.get_absolute_url())
    page = client.get(titled_thread.get_absolute_url())
    assert page.status_code == 200 and NAME not in page.content.decode()


def test_the_author_redacts_a_name_only_in_the_title_from_the_page(client, titled_thread, member):
    first = titled_thread.posts.get(position=1)
    client.force_login(member)
    response = client.post(
        reverse("safety:redact-post", args=[first.pk]), {"passage": NAME.upper()}, follow=True
    )
    html = response.content.decode()
    assert "Removed (once)." in html
    assert NAME not in html
    titled_thread.refresh_from_db()
    assert titled_thread.title == f"Thank you {REDACTED} on ward 4"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.POST_REDACT)
    assert entry.detail["title"] == 1 and entry.detail["copies"] == 0


def test_a_reply_does_not_redact_its_thread_title(titled_thread, other_member):
    reply = titled_thread.posts.get(author=other_member)
    with pytest.raises(services.SafetyError, match="not in this post"):
        services.redact_passage(post=reply, by=other_member, passage=NAME)
    titled_thread.refresh_from_db()
    assert NAME in titled_thread.title

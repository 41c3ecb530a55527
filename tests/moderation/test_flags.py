import datetime
import html

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from community.models import Post
from moderation import services
from moderation.models import AuditEntry, Flag
from tests.moderation.factories import counts, make_post

pytestmark = pytest.mark.django_db


def flag_url(post):
    return reverse("moderation:flag-post", args=[post.pk])


def test_the_flag_form_offers_the_reasons(client, member, reply):
    client.force_login(member)

    page = client.get(flag_url(reply)).content.decode()

    for words in (
        "Spam",
        "Medical misinformation",
        "Shares personal information",
        "Abusive or unkind",
        "Something else",
    ):
        assert words in page
    assert "Welcome, glad you" in page


def test_a_member_flags_a_post_and_is_thanked(client, member, reply):
    client.force_login(member)

    response = client.post(flag_url(reply), {"reason": "misinformation"}, follow=False)

    assert response.status_code == 302
    assert response["Location"] == f"/p/{reply.pk}/"
    flag = Flag.objects.get()
    assert (flag.post, flag.flagger, flag.reason) == (reply, member, "misinformation")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Thank you. A moderator will look at this post."]


def test_something_else_needs_a_few_words_and_keeps_the_choice(client, member, reply):
    client.force_login(member)

    response = client.post(flag_url(reply), {"reason": "other", "note": "  "})

    assert response.status_code == 200
    assert "Please say in a few words what is wrong" in response.content.decode()
    assert 'value="other" id="id_reason_4" required checked' in response.content.decode()
    assert not Flag.objects.exists()


def test_a_member_cannot_flag_their_own_post(client, other_member, reply):
    client.force_login(other_member)

    response = client.post(flag_url(reply), {"reason": "spam"})

    assert response.status_code == 403
    assert "You can't flag your own post." in html.unescape(response.content.decode())
    assert not Flag.objects.exists()


def test_a_member_flags_a_post_only_once(client, member, reply):
    client.force_login(member)
    client.post(flag_url(reply), {"reason": "spam"})

    response = client.post(flag_url(reply), {"reason": "abusive"})

    assert response.status_code == 302
    assert Flag.objects.count() == 1
    assert "You flagged this post on" in client.get(flag_url(reply)).content.decode()


def test_the_database_refuses_a_second_flag_from_the_same_member(member, reply):
    Flag.objects.create(post=reply, flagger=member, reason="spam")
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(post=reply, flagger=member, reason="abusive")


def test_three_flags_from_three_members_hide_the_post(reply, flaggers):
    before = counts(reply)
    for flagger in flaggers:
        services.flag_post(post=reply, by=flagger, reason="abusive")

    reply.refresh_from_db()
    assert reply.status == Post.Status.HIDDEN
    assert reply.hidden_reason == services.AUTO_HIDE_REASON
    assert counts(reply) == tuple(n - 1 for n in before)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.POST_FLAG_HIDE)
    assert entry.actor is None and entry.target == reply


def test_two_flags_do_not_hide_the_post(reply, flaggers):
    for flagger in flaggers[:2]:
        services.flag_post(post=reply, by=flagger, reason="abusive")
    reply.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED


def test_three_flags_from_one_member_do_not_hide_the_post(client, member, reply):
    client.force_login(member)
    for reason in ("spam", "abusive", "misinformation"):
        client.post(flag_url(reply), {"reason": reason})

    reply.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED
    assert Flag.objects.count() == 1


def test_the_number_of_flags_that_hide_a_post_is_configurable(reply, flaggers, settings):
    settings.FLAGS_TO_HIDE = 2
    for flagger in flaggers[:2]:
        services.flag_post(post=reply, by=flagger, reason="spam")
    reply.refresh_from_db()
    assert reply.status == Post.Status.HIDDEN


def test_dismissed_flags_do_not_count_towards_hiding(reply, flaggers, moderator):
    for flagger in flaggers[:2]:
        services.flag_post(post=reply, by=flagger, reason="spam")
    services.dismiss_flags(post=reply, by=moderator)

    services.flag_post(post=reply, by=flaggers[2], reason="spam")

    reply.refresh_from_db()
    assert reply.status == Post.Status.PUBLISHED


def test_a_suspended_member_cannot_flag(client, member, reply, moderator):
    services.suspend_member(
        member=member,
        by=moderator,
        until=timezone.now() + datetime.timedelta(days=2),
        reason="Cooling off.",
    )
    client.force_login(member)

    response = client.post(flag_url(reply), {"reason": "spam"})

    assert response.status_code == 403
    assert "Cooling off." in response.content.decode()
    assert not Flag.objects.exists()


def test_a_visitor_is_sent_to_log_in(client, reply):
    response = client.get(flag_url(reply))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_hidden_and_pending_posts_cannot_be_flagged(client, member, thread, other_member):
    client.force_login(member)
    pending = make_post(author=other_member, thread=thread, status=Post.Status.PENDING)
    hidden = make_post(author=other_member, thread=thread, status=Post.Status.HIDDEN)
    for post in (pending, hidden):
        assert client.post(flag_url(post), {"reason": "spam"}).status_code == 404
    assert not Flag.objects.exists()

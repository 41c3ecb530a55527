"""Posts written through community's real services notify the right people, once."""

import pytest
from django.core import mail
from django.db import transaction

from community import services as community
from community.models import Group, Post, ThreadFollow
from moderation import services as moderation
from moderation import tasks as moderation_tasks
from notifications.models import EmailDelivery, Notification
from notifications.services import mute_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(db):
    return Group.objects.create(name="Caregivers", slug="caregivers")


@pytest.fixture
def thread(group, member):
    return community.create_thread(
        group=group, author=member, title="Sleeping after surgery", body="How do you sleep?"
    )


def first_post(thread):
    return thread.posts.get(position=1)


def told(post):
    return {
        n.recipient.handle: n.kind
        for n in Notification.objects.filter(post=post).select_related("recipient")
    }


def test_a_reply_reaches_the_threads_followers_not_everyone_who_once_posted(
    thread, member, make_member
):
    sam, ana, walt = make_member("sam_k"), make_member("ana"), make_member("walt")
    community.create_reply(thread=thread, author=ana, body="I use three pillows.")
    community.unfollow_thread(thread=thread, member=ana)
    community.follow_thread(thread=thread, member=walt)  # follows without writing

    reply = community.create_reply(thread=thread, author=sam, body="A recliner saved me.")

    assert told(reply) == {"june": "reply", "walt": "reply"}
    note = Notification.objects.get(recipient=member, post=reply)
    assert note.url == reply.get_absolute_url() == f"/p/{reply.pk}/"
    assert note.line == "Sam replied in “Sleeping after surgery”"


def test_following_a_group_means_hearing_about_its_new_discussions_not_every_reply(
    group, thread, member, make_member
):
    sam, walt = make_member("sam_k"), make_member("walt")
    community.follow_group(group=group, member=walt)

    new = community.create_thread(group=group, author=sam, title="Night sweats", body="Anyone?")
    reply = community.create_reply(thread=thread, author=sam, body="Me neither.")

    opening = first_post(new)
    assert told(opening) == {"walt": "thread"}
    assert Notification.objects.get(post=opening).line == "Sam started “Night sweats” in Caregivers"
    assert "walt" not in told(reply)


def test_quotes_and_mentions_come_from_what_community_stored(thread, member, make_member):
    sam, walt = make_member("sam_k"), make_member("mentor_walt")
    reply = community.create_reply(
        thread=thread,
        author=sam,
        body="@June and @mentor_walt, see `@nobody_here` and @ghost_member.",
        reply_to=first_post(thread),
    )

    assert told(reply) == {"june": "quote", "mentor_walt": "mention"}
    assert Notification.objects.get(recipient=walt).line == (
        "Sam mentioned you in “Sleeping after surgery”"
    )


def test_a_reply_rolled_back_notifies_nobody(thread, member, make_member):
    sam = make_member("sam_k")
    with pytest.raises(RuntimeError), transaction.atomic():
        community.create_reply(thread=thread, author=sam, body="@june hello", reply_to=None)
        raise RuntimeError("the request failed after saving")

    assert not Notification.objects.exists()
    assert not EmailDelivery.objects.exists()


def test_the_quoted_member_is_e_mailed_after_the_commit_with_a_link_to_the_post(
    thread, member, make_member, django_capture_on_commit_callbacks
):
    sam = make_member("sam_k")
    with django_capture_on_commit_callbacks(execute=True):
        reply = community.create_reply(
            thread=thread, author=sam, body="Same here.", reply_to=first_post(thread)
        )

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert f"/p/{reply.pk}/" in mail.outbox[0].body


def test_an_edit_notifies_only_members_it_newly_mentions(thread, member, make_member):
    sam = make_member("sam_k")
    make_member("ana"), make_member("walt")
    reply = community.create_reply(thread=thread, author=sam, body="Hello @ana.")
    assert told(reply) == {"june": "reply", "ana": "mention"}

    community.edit_post(post=reply, editor=sam, body="Hello @ana and @June, and @walt too.")

    # June (already told of the reply) and Ana (already told) hear nothing more; Walt is new.
    assert told(reply) == {"june": "reply", "ana": "mention", "walt": "mention"}
    assert Notification.objects.count() == 3

    community.edit_post(post=reply, editor=sam, body="Hello @walt.")
    community.edit_post(post=reply, editor=sam, body="Hello @walt and @ana.")
    assert Notification.objects.count() == 3


def test_a_pending_post_notifies_nobody_until_a_moderator_approves_it(
    thread, member, moderator, make_member, monkeypatch, django_capture_on_commit_callbacks
):
    # Pre-moderation as the moderation rules decide it for a new member's first posts.
    monkeypatch.setattr(community, "initial_status", lambda **_: Post.Status.PENDING)
    sam = make_member("sam_k")
    with django_capture_on_commit_callbacks(execute=True):
        reply = community.create_reply(
            thread=thread, author=sam, body="Thanks @june!", reply_to=first_post(thread)
        )
    assert told(reply) == {}
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        assert moderation.approve_post(post=reply, by=moderator)

    assert told(reply) == {"june": "quote", "sam_k": "moderation"}
    assert Notification.objects.get(recipient=sam).line == (
        "A moderator approved your post in “Sleeping after surgery”: everyone can read it now."
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, sam.email])


def test_a_hidden_post_tells_its_author_why_in_the_inbox_and_by_e_mail(
    client, thread, member, moderator, make_member, django_capture_on_commit_callbacks
):
    sam = make_member("sam_k")
    reply = community.create_reply(thread=thread, author=sam, body="Buy my cure.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(post=reply, by=moderator, reason="Selling medicine is not allowed.")

    note = Notification.objects.get(recipient=sam)
    assert note.kind == Notification.Kind.MODERATION
    assert note.line == (
        "Your post in “Sleeping after surgery” is hidden. Reason: Selling medicine is not allowed."
    )
    assert note.url == f"/p/{reply.pk}/"
    assert [m.to for m in mail.outbox] == [[sam.email]]
    assert "Selling medicine is not allowed." in mail.outbox[0].body

    # Sam opens it and lands on his post, marked hidden with the reason.
    client.force_login(sam)
    response = client.get(f"/notifications/{note.pk}/", follow=True)
    assert response.redirect_chain[-1][0].endswith(f"#post-{reply.pk}")
    page = response.content.decode()
    assert f'id="post-{reply.pk}"' in page
    assert "Selling medicine is not allowed." in page

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_post(post=reply, by=moderator)
    assert Notification.objects.filter(recipient=sam).first().line == (
        "Your post in “Sleeping after surgery” is visible again."
    )
    # June was told about the reply when it was published: the restore tells her nothing new.
    assert Notification.objects.filter(recipient=member).count() == 1


def test_a_moderators_edit_tells_the_author_with_the_reason(
    thread, moderator, make_member, django_capture_on_commit_callbacks
):
    sam = make_member("sam_k")
    reply = community.create_reply(thread=thread, author=sam, body="Call me on 555 0100.")

    with django_capture_on_commit_callbacks(execute=True):
        moderation.edit_post(
            post=reply, by=moderator, body="Call me.", reason="Phone numbers stay private."
        )

    assert Notification.objects.get(recipient=sam).line == (
        "A moderator edited your post in “Sleeping after surgery”. "
        "Reason: Phone numbers stay private."
    )


def test_each_decision_notifies_once_even_if_its_hook_runs_twice(
    thread, moderator, make_member, django_capture_on_commit_callbacks
):
    sam = make_member("sam_k")
    reply = community.create_reply(thread=thread, author=sam, body="Hello.")
    moderation.hide_post(post=reply, by=moderator, reason="Off topic.")
    moderation_tasks.notify_post_hidden(post_id=reply.pk)
    moderation_tasks.notify_post_hidden(post_id=reply.pk)
    assert Notification.objects.filter(recipient=sam).count() == 1

    moderation.restore_post(post=reply, by=moderator)
    moderation.hide_post(post=reply, by=moderator, reason="Still off topic.")
    moderation_tasks.notify_post_hidden(post_id=reply.pk)
    assert Notification.objects.filter(recipient=sam).count() == 2


def test_flags_that_hide_a_post_tell_its_author(
    thread, make_member, django_capture_on_commit_callbacks, settings
):
    settings.FLAGS_TO_HIDE = 2
    sam = make_member("sam_k")
    reply = community.create_reply(thread=thread, author=sam, body="Hello.")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.flag_post(post=reply, by=make_member("ana"), reason="spam")
        moderation.flag_post(post=reply, by=make_member("theo"), reason="spam")

    note = Notification.objects.get(recipient=sam)
    assert note.text.startswith("Your post in “Sleeping after surgery” is hidden. Reason: ")
    assert note.actor is None


def test_muting_a_thread_you_follow_silences_it_mentions_included(thread, member, make_member):
    sam = make_member("sam_k")
    assert ThreadFollow.objects.filter(thread=thread, member=member).exists()

    mute_thread(member=member, thread=thread)
    reply = community.create_reply(thread=thread, author=sam, body="@june hi")
    assert told(reply) == {}


def test_restoring_a_post_members_could_read_is_not_news_to_anyone_but_its_author(
    thread, member, moderator, make_member, django_capture_on_commit_callbacks
):
    sam, ana = make_member("sam_k"), make_member("ana")
    with django_capture_on_commit_callbacks(execute=True):
        reply = community.create_reply(thread=thread, author=sam, body="Buy my cure.")
    community.follow_thread(thread=thread, member=ana)  # after the reply was published
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(post=reply, by=moderator, reason="Selling medicine.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_post(post=reply, by=moderator)

    # Ana's inbox has no "Sam replied" for an old post, and nobody gets an e-mail about it
    # but Sam, whose post is back.
    assert not Notification.objects.filter(recipient=ana).exists()
    assert told(reply) == {"june": "reply", "sam_k": "moderation"}
    assert [m.to for m in mail.outbox] == [[sam.email]]


def test_restoring_a_post_hidden_while_it_waited_for_approval_tells_followers_once(
    thread, member, moderator, make_member, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(community, "initial_status", lambda **_: Post.Status.PENDING)
    sam = make_member("sam_k")
    with django_capture_on_commit_callbacks(execute=True):
        reply = community.create_reply(thread=thread, author=sam, body="My first post.")
        moderation.hide_post(post=reply, by=moderator, reason="Checking the link first.")
    assert told(reply) == {"sam_k": "moderation"}

    with django_capture_on_commit_callbacks(execute=True):
        moderation.restore_post(post=reply, by=moderator)

    assert told(reply) == {"june": "reply", "sam_k": "moderation"}

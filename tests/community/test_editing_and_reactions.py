import pytest
from django.core import mail
from django.urls import reverse

from community import services
from community.models import Post, PostRevision, Reaction, ThreadFollow
from notifications.models import Notification
from tests.community.conftest import post_at

pytestmark = pytest.mark.django_db


def test_author_edits_a_post_and_the_old_version_is_kept(member_client, member, thread):
    post = post_at(thread, 1)
    response = member_client.post(
        f"/p/{post.pk}/edit/", {"title": "Coming home: what helped", "body": "Edited words"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    thread.refresh_from_db()
    assert post.body_html == "<p>Edited words</p>" and post.edited_at is not None
    assert thread.title == "Coming home: what helped"
    revision = PostRevision.objects.get(post=post)
    assert revision.body_markdown == "What helped you?"
    assert revision.title == "Coming home after surgery"
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert f'href="/p/{post.pk}/history/"' in page and ">edited</a>" in page
    history = member_client.get(f"/p/{post.pk}/history/").content.decode()
    assert "What helped you?" in history and "Edited words" in history


def test_every_edit_keeps_the_version_before_it(member, thread):
    post = post_at(thread, 1)
    for text in ["two", "three", "four"]:
        services.edit_post(post=post, editor=member, body=text)
    bodies = list(PostRevision.objects.filter(post=post).values_list("body_markdown", flat=True))
    assert bodies == ["three", "two", "What helped you?"]


def test_member_cannot_edit_someone_elses_post(client, other_member, thread):
    client.force_login(other_member)
    post = post_at(thread, 1)
    assert client.get(f"/p/{post.pk}/edit/").status_code == 403
    assert client.post(f"/p/{post.pk}/edit/", {"body": "Mine now"}).status_code == 403
    with pytest.raises(services.NotAllowed):
        services.edit_post(post=post, editor=other_member, body="Mine now")
    post.refresh_from_db()
    assert post.body_markdown == "What helped you?"


def test_moderator_cannot_edit_a_members_words_either(client, moderator, thread):
    client.force_login(moderator)
    assert client.get(f"/p/{post_at(thread, 1).pk}/edit/").status_code == 403


def test_author_deletes_a_post_and_it_says_so(member_client, member, thread, other_member):
    reply = services.create_reply(thread=thread, author=member, body="Never mind")
    response = member_client.post(f"/p/{reply.pk}/delete/")
    assert response.status_code == 302
    reply.refresh_from_db()
    thread.refresh_from_db()
    member.refresh_from_db()
    assert reply.deleted_at is not None and reply.body_markdown == "Never mind"
    assert thread.reply_count == 0 and member.post_count == 1
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert "This post was deleted by its author." in page and "Never mind" not in page


def test_only_the_author_can_delete(client, other_member, thread):
    client.force_login(other_member)
    post = post_at(thread, 1)
    assert client.post(f"/p/{post.pk}/delete/").status_code == 403
    assert Post.objects.get(pk=post.pk).deleted_at is None


def test_reactions_toggle_and_are_counted(client, other_member, thread):
    client.force_login(other_member)
    post = post_at(thread, 1)
    client.post(f"/p/{post.pk}/react/", {"kind": "helpful"})
    client.post(f"/p/{post.pk}/react/", {"kind": "hug"})
    post.refresh_from_db()
    assert (post.helpful_count, post.hug_count) == (1, 1)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'value="helpful" aria-pressed="true"' in page
    client.post(f"/p/{post.pk}/react/", {"kind": "helpful"})
    post.refresh_from_db()
    assert (post.helpful_count, post.hug_count) == (0, 1)
    assert Reaction.objects.filter(post=post).count() == 1


def test_a_member_cannot_react_to_their_own_post(member_client, thread):
    post = post_at(thread, 1)
    response = member_client.post(f"/p/{post.pk}/react/", {"kind": "hug"}, follow=True)
    assert "You cannot react to your own post." in response.content.decode()
    post.refresh_from_db()
    assert post.hug_count == 0
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert 'value="hug"' not in page


def test_visitors_see_reaction_counts_but_no_buttons(client, other_member, thread):
    post = post_at(thread, 1)
    services.toggle_reaction(post=post, member=other_member, kind="hug")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'value="hug"' not in page
    assert 'Hug <span class="reaction__count">1</span>' in page


def test_starting_or_replying_follows_the_thread(thread, member, other_member):
    assert ThreadFollow.objects.filter(thread=thread, member=member).exists()
    services.create_reply(thread=thread, author=other_member, body="Me too")
    assert ThreadFollow.objects.filter(thread=thread, member=other_member).exists()


def test_members_follow_and_unfollow_threads_and_groups(client, other_member, thread, group):
    client.force_login(other_member)
    follow = reverse("community:thread-follow", args=[thread.pk, thread.slug])
    client.post(follow, {"action": "follow"})
    assert thread.follows.filter(member=other_member).exists()
    client.post(follow, {"action": "unfollow"})
    assert not thread.follows.filter(member=other_member).exists()
    client.post(f"/groups/{group.slug}/follow/", {"action": "follow"})
    assert group.follows.filter(member=other_member).exists()
    page = client.get(f"/groups/{group.slug}/").content.decode()
    assert "Stop following this group" in page


def test_following_returns_to_the_follow_button_on_the_page_the_member_was_reading(
    client, other_member, make_thread, group
):
    thread = make_thread(posts=45)
    client.force_login(other_member)
    page2 = client.get(thread.get_absolute_url() + "?page=2").content.decode()
    assert 'id="follow"' in page2 and 'name="page" value="2"' in page2

    follow = reverse("community:thread-follow", args=[thread.pk, thread.slug])
    response = client.post(
        follow, {"action": "follow", "page": "2", "shown_on": thread.get_absolute_url()}
    )
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#follow"
    response = client.post(follow, {"action": "unfollow", "page": "2"})
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#follow"
    response = client.post(follow, {"action": "follow", "page": "abc"})
    assert response["Location"] == f"{thread.get_absolute_url()}#follow"

    response = client.post(f"/groups/{group.slug}/follow/", {"action": "follow"})
    assert response["Location"] == f"/groups/{group.slug}/#follow"
    assert 'id="follow"' in client.get(f"/groups/{group.slug}/").content.decode()


def test_a_locked_thread_keeps_its_posts_as_they_are(member_client, thread):
    from community.models import Thread

    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    post = post_at(thread, 1)
    assert member_client.get(f"/p/{post.pk}/edit/").status_code == 403
    page = member_client.get(thread.get_absolute_url()).content.decode()
    assert f'href="/p/{post.pk}/edit/"' not in page


def test_editing_asks_before_publishing_contact_details(member_client, thread):
    post = post_at(thread, 1)
    response = member_client.post(
        f"/p/{post.pk}/edit/", {"title": thread.title, "body": "Mail me: june@example.org"}
    )
    assert "contact details publicly" in response.content.decode()
    post.refresh_from_db()
    assert post.body_markdown == "What helped you?"


def test_a_new_post_notifies_inside_its_transaction_and_mails_after_commit(
    thread, member, other_member, django_capture_on_commit_callbacks
):
    # The thread's author follows it and wants quotes by e-mail (the default).
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.create_reply(
            thread=thread, author=other_member, body="Hello", reply_to=post_at(thread, 1)
        )
    # The notification row is written in the post's transaction...
    assert Notification.objects.filter(recipient=member, kind="quote").count() == 1
    assert len(mail.outbox) == 0
    # ...and the e-mail leaves only once the transaction has committed.
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [[member.email]]

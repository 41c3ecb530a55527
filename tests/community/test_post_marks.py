"""What a post on the thread page says about its author and its moderation, for each reader:
the Flag and Moderate links, the hidden reason, former members and badges."""

import re

import pytest

from accounts.closing import close_account
from community import services
from community.models import Post
from moderation import services as moderation

pytestmark = pytest.mark.django_db


def article(page: str, post: Post) -> str:
    """The HTML of one post's <article> on a page."""
    match = re.search(rf'<article[^>]*id="post-{post.pk}".*?</article>', page, re.S)
    assert match, f"post {post.pk} is not on the page"
    return match.group(0)


def page_for(client, user, thread) -> str:
    client.force_login(user)
    return client.get(thread.get_absolute_url()).content.decode()


@pytest.fixture
def reply(thread, other_member):
    return services.create_reply(thread=thread, author=other_member, body="Rest and water.")


def test_other_members_get_one_flag_link_to_the_flag_form(client, thread, reply, member):
    post = article(page_for(client, member, thread), reply)
    assert post.count(">Flag<") == 1
    assert f'href="/p/{reply.pk}/flag/"' in post
    assert "Moderate" not in post


def test_the_author_and_visitors_get_no_flag_link(client, thread, reply, other_member):
    assert "/flag/" not in article(page_for(client, other_member, thread), reply)
    client.logout()
    visitor_page = client.get(thread.get_absolute_url()).content.decode()
    assert "/flag/" not in article(visitor_page, reply)


def test_members_may_flag_posts_in_a_locked_thread(client, thread, reply, member, moderator):
    moderation.lock_thread(thread=thread, by=moderator)
    assert f"/p/{reply.pk}/flag/" in article(page_for(client, member, thread), reply)


def test_moderators_get_a_moderate_link_on_each_post(client, thread, reply, moderator):
    post = article(page_for(client, moderator, thread), reply)
    assert f'href="/moderation/posts/{reply.pk}/"' in post


def test_a_hidden_post_shows_its_reason_to_the_author_and_moderators_only(
    client, thread, reply, member, other_member, moderator
):
    moderation.hide_post(post=reply, by=moderator, reason="It names a nurse.")

    own = article(page_for(client, other_member, thread), reply)
    assert "Hidden by a moderator" in own and "It names a nurse." in own
    assert "Rest and water." in own
    assert "/moderation/standing/" in own

    mod = article(page_for(client, moderator, thread), reply)
    assert "It names a nurse." in mod and "Rest and water." in mod

    others = article(page_for(client, member, thread), reply)
    assert "A moderator hid this post." in others
    assert "It names a nurse." not in others and "Rest and water." not in others
    assert "/flag/" not in others


def test_a_former_members_posts_and_quotes_show_no_handle_or_profile_link(
    client, thread, reply, member
):
    # A post in between, so the quote is a full quote block (not "just above").
    services.create_reply(thread=thread, author=member, body="Meanwhile")
    quoting = services.create_reply(thread=thread, author=member, body="Yes!", reply_to=reply)
    handle = reply.author.handle
    close_account(member=reply.author)

    page = page_for(client, member, thread)
    post = article(page, reply)
    assert "Former member" in post
    assert "former_member_" not in post and f"@{handle}" not in post
    assert "/u/" not in post.split("</header>")[0]
    quote = re.search(r"<blockquote.*?</blockquote>", article(page, quoting), re.S).group(0)
    assert "A former member wrote:" in quote
    assert "former_member_" not in quote and "/u/" not in quote
    assert "Jump to this post" in quote

    replying = client.get(f"{thread.get_absolute_url()}?reply_to={reply.pk}").content.decode()
    assert "A former member wrote:" in replying and "former_member_" not in replying


def test_badges_show_on_posts(client, thread, member, moderator):
    post = services.create_reply(thread=thread, author=moderator, body="Welcome.")
    assert "badge--moderator" in article(page_for(client, member, thread), post)


def test_search_and_history_name_a_former_member_without_their_handle(
    client, thread, reply, member, moderator
):
    handle = reply.author.handle
    close_account(member=reply.author)
    client.force_login(member)
    found = client.get("/search/?q=water").content.decode()
    assert "Former member" in found and f"@{handle}" not in found and "former_member_" not in found
    client.force_login(moderator)  # earlier versions are for the author and moderators
    history = client.get(f"/p/{reply.pk}/history/").content.decode()
    assert "Former member" in history and "former_member_" not in history

"""What a reader sees of a webinar's discussion (true before and after the discussions
branch replaces the temporary rendering)."""

import re

import pytest

from community.models import Post, Thread
from core.markdown import html_to_text
from tests.factories import MemberFactory
from webinars import services


def test_creating_a_webinar_thread_opens_the_discussion_with_a_first_post(archived_webinar):
    thread = archived_webinar.thread

    first = Post.objects.get(thread=thread)
    assert first.position == 1
    assert thread.last_position == 1
    assert thread.group.slug == "webinars"
    assert archived_webinar.title in first.body_html


def test_creating_the_thread_again_changes_nothing(archived_webinar):
    services.create_discussion_thread(archived_webinar)

    assert Thread.objects.count() == 1
    assert Post.objects.count() == 1


@pytest.fixture
def conversation(archived_webinar, add_post):
    asker = MemberFactory(handle="carla_m")
    answerer = MemberFactory(handle="dr_lin")
    question = add_post(archived_webinar.thread, asker, "Can I eat **bananas** on dialysis?")
    answer = add_post(
        archived_webinar.thread,
        answerer,
        "Small portions, and ask your renal dietitian.",
        reply_to=question,
        excerpt="Can I eat bananas on dialysis?",
    )
    return question, answer


def test_posts_are_listed_with_their_author_and_an_anchor(client, archived_webinar, conversation):
    question, answer = conversation

    html = client.get(archived_webinar.get_absolute_url()).content.decode()

    assert f'id="post-{question.pk}"' in html
    assert f'id="post-{answer.pk}"' in html
    assert "@carla_m" in html
    assert "Can I eat <strong>bananas</strong> on dialysis?" in html
    assert html.index(f'id="post-{question.pk}"') < html.index(f'id="post-{answer.pk}"')


def test_a_reply_quotes_the_post_it_answers_with_a_jump_link(
    client, archived_webinar, conversation
):
    question, answer = conversation

    html = client.get(archived_webinar.get_absolute_url()).content.decode()
    reply_html = html[html.index(f'id="post-{answer.pk}"') :]

    assert "@carla_m" in reply_html
    assert "Can I eat bananas on dialysis?" in reply_html
    assert f'<a href="/p/{question.pk}/">Jump to this post</a>' in reply_html


def test_a_quote_of_a_hidden_post_shows_none_of_its_text(client, archived_webinar, conversation):
    question, answer = conversation
    Post.objects.filter(pk=question.pk).update(status=Post.Status.HIDDEN)
    Post.objects.filter(pk=answer.pk).update(quote_excerpt="")

    html = client.get(archived_webinar.get_absolute_url()).content.decode()

    assert "bananas" not in html
    assert "hidden" in _text(html[html.index(f'id="post-{answer.pk}"') :]).lower()


def test_posts_waiting_for_a_moderator_are_not_shown(client, archived_webinar, add_post):
    add_post(
        archived_webinar.thread,
        MemberFactory(),
        "Not yet approved",
        status=Post.Status.PENDING,
    )

    html = client.get(archived_webinar.get_absolute_url()).content.decode()

    assert "Not yet approved" not in html


def test_a_visitor_is_asked_to_log_in_or_register_to_reply(client, archived_webinar, conversation):
    html = client.get(archived_webinar.get_absolute_url()).content.decode()

    assert "Please <a" in html
    assert "Please log in or register to post a reply." in _text(html)
    assert not re.findall(r">\s*Reply\s*<", html)


def test_a_member_gets_a_reply_action_on_each_post(member_client, archived_webinar, conversation):
    html = member_client.get(archived_webinar.get_absolute_url()).content.decode()

    assert len(re.findall(r">\s*Reply\s*<", html)) >= 3
    assert "Please log in or register" not in _text(html)


def _text(html: str) -> str:
    return html_to_text(html)


def test_a_long_discussion_is_paginated_beneath_the_webinar(
    client, archived_webinar, add_post, settings
):
    author = MemberFactory()
    for number in range(settings.POSTS_PER_PAGE + 5):
        add_post(archived_webinar.thread, author, f"Message number {number:02d}")
    url = archived_webinar.get_absolute_url()

    first = client.get(url).content.decode()
    second = client.get(f"{url}?page=2").content.decode()

    assert "Message number 00" in first and "Message number 24" not in first
    assert "Message number 24" in second and "Message number 00" not in second
    assert 'href="?page=2#discussion"' in first


def test_the_opening_post_links_back_to_the_webinar_page(archived_webinar):
    first = Post.objects.get(thread=archived_webinar.thread)

    assert f'<a href="/webinars/{archived_webinar.slug}/"' in first.body_html

"""A webinar's discussion: community's discussion, read and written on the webinar's page."""

import re

import pytest
from django.urls import reverse

from community import services as community_services
from community.models import Group, Post, Reaction, Thread, ThreadFollow
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


def test_the_webinar_thread_is_a_community_thread_with_its_counters_and_follow(
    archived_webinar, staff
):
    thread = archived_webinar.thread
    group = Group.objects.get(pk=thread.group_id)
    staff.refresh_from_db()

    assert thread.author == staff and thread.last_poster == staff
    assert (group.thread_count, group.post_count) == (1, 1)
    assert staff.post_count == 1
    assert ThreadFollow.objects.filter(thread=thread, member=staff).exists()


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
    client, archived_webinar, conversation, add_post
):
    question, answer = conversation
    # Further down than the answer (which, just below the question, shows one line instead).
    later = add_post(
        archived_webinar.thread,
        MemberFactory(),
        "Me too, I wondered.",
        reply_to=question,
        excerpt="Can I eat bananas on dialysis?",
    )

    html = client.get(archived_webinar.get_absolute_url()).content.decode()
    reply_html = html[html.index(f'id="post-{later.pk}"') :]
    answer_html = html[html.index(f'id="post-{answer.pk}"') : html.index(f'id="post-{later.pk}"')]

    assert "@carla_m" in reply_html
    assert "Can I eat bananas on dialysis?" in reply_html
    assert f'<a href="/p/{question.pk}/">Jump to this post</a>' in reply_html
    assert "@carla_m</a>, just above" in answer_html


def test_a_quote_of_a_hidden_post_shows_none_of_its_text(client, archived_webinar, conversation):
    question, answer = conversation
    Post.objects.filter(pk=question.pk).update(status=Post.Status.HIDDEN)
    Post.objects.filter(pk=answer.pk).update(quote_excerpt="")

    html = client.get(archived_webinar.get_absolute_url()).content.decode()

    assert "bananas" not in html
    assert "A moderator hid this post." in _text(html)
    assert "This post is no longer available." in _text(
        html[html.index(f'id="post-{answer.pk}"') :]
    )


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
    assert f'href="{url}?page=2#discussion"' in first
    assert f'href="{url}#discussion"' in second


def test_the_opening_post_links_back_to_the_webinar_page(archived_webinar):
    first = Post.objects.get(thread=archived_webinar.thread)

    assert f'<a href="/webinars/{archived_webinar.slug}/"' in first.body_html


@pytest.fixture
def member_page(member_client, archived_webinar):
    def get(query: str = "") -> str:
        response = member_client.get(f"{archived_webinar.get_absolute_url()}{query}")
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_a_members_reply_form_sends_replies_back_to_the_webinar_page(member_page, archived_webinar):
    thread = archived_webinar.thread

    html = member_page()

    assert f'action="/t/{thread.pk}/{thread.slug}/reply/"' in html
    assert f'name="shown_on" value="{archived_webinar.get_absolute_url()}"' in html
    assert "/static/js/quote.js" in html


def test_a_reply_written_on_the_webinar_page_lands_back_on_it(
    member_client, member, archived_webinar
):
    thread = archived_webinar.thread
    url = archived_webinar.get_absolute_url()

    response = member_client.post(
        f"/t/{thread.pk}/{thread.slug}/reply/", {"body": "Thank you, that helped.", "shown_on": url}
    )

    reply = Post.objects.get(thread=thread, author=member)
    assert response.status_code == 302
    assert response["Location"] == f"{url}#post-{reply.pk}"
    assert "Thank you, that helped." in member_client.get(url).content.decode()


def test_reply_on_a_post_opens_the_form_quoting_it_on_the_webinar_page(
    member_page, archived_webinar, conversation
):
    question, answer = conversation
    url = archived_webinar.get_absolute_url()

    html = member_page()
    assert f'href="{url}?reply_to={answer.pk}#reply"' in html

    form = member_page(f"?reply_to={answer.pk}")
    text = _text(form)
    assert "Your reply will show this quote:" in text
    assert "@dr_lin wrote:" in text
    assert f'name="reply_to" value="{answer.pk}"' in form


def test_a_quoted_reply_from_the_webinar_page_shows_its_quote_block_there(
    member_client, member, archived_webinar, conversation
):
    question, answer = conversation
    thread = archived_webinar.thread
    url = archived_webinar.get_absolute_url()

    response = member_client.post(
        f"/t/{thread.pk}/{thread.slug}/reply/",
        {
            "body": "Our dietitian said the same.",
            "reply_to": answer.pk,
            "quote_excerpt": "ask your renal dietitian",
            "shown_on": url,
        },
        follow=True,
    )

    reply = Post.objects.get(thread=thread, author=member)
    assert response.redirect_chain == [(f"{url}#post-{reply.pk}", 302)]
    html = response.content.decode()
    reply_html = html[html.index(f'id="post-{reply.pk}"') :]
    assert "@dr_lin" in reply_html
    assert "ask your renal dietitian" in reply_html
    assert f'<a href="/p/{answer.pk}/">Jump to this post</a>' in reply_html


def test_a_reply_that_fails_keeps_the_members_words_and_the_webinar_page(
    member_client, archived_webinar
):
    thread = archived_webinar.thread
    url = archived_webinar.get_absolute_url()
    words = "x" * 60000

    response = member_client.post(
        f"/t/{thread.pk}/{thread.slug}/reply/", {"body": words, "shown_on": url}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert words in html
    assert f'name="shown_on" value="{url}"' in html
    assert not Post.objects.filter(thread=thread, position__gt=1).exists()


def test_a_reaction_on_the_webinar_page_comes_back_to_it(
    member_client, member, archived_webinar, conversation
):
    question, _ = conversation
    url = archived_webinar.get_absolute_url()

    response = member_client.post(f"/p/{question.pk}/react/", {"kind": "hug", "shown_on": url})

    assert response["Location"] == f"{url}#post-{question.pk}"
    assert Reaction.objects.filter(post=question, member=member, kind="hug").exists()


def test_following_from_the_webinar_page_comes_back_to_it(member_client, member, archived_webinar):
    thread = archived_webinar.thread
    url = archived_webinar.get_absolute_url()

    response = member_client.post(
        f"/t/{thread.pk}/{thread.slug}/follow/", {"action": "follow", "shown_on": url}
    )

    assert response["Location"] == f"{url}#follow"
    assert ThreadFollow.objects.filter(thread=thread, member=member).exists()


def test_editing_a_post_of_the_webinar_discussion_returns_to_the_webinar_page(
    member_client, member, archived_webinar
):
    thread = archived_webinar.thread
    post = community_services.create_reply(thread=thread, author=member, body="First words")

    response = member_client.post(f"/p/{post.pk}/edit/", {"body": "Better words"})

    assert response["Location"] == f"{archived_webinar.get_absolute_url()}#post-{post.pk}"


def test_a_page_past_the_end_of_the_discussion_shows_the_last_page_and_says_so(
    client, archived_webinar
):
    response = client.get(f"{archived_webinar.get_absolute_url()}?page=9")
    assert response.status_code == 200
    assert "That page number is past the end, so this is the last page" in response.text


def test_the_discussion_says_how_many_replies_it_has_and_where_to_reply(
    member_page, archived_webinar, add_post
):
    assert "No replies yet: questions for the presenters are welcome" in _text(member_page())
    add_post(archived_webinar.thread, MemberFactory(), "A question")
    Thread.objects.filter(pk=archived_webinar.thread_id).update(reply_count=1)

    text = _text(member_page())
    assert "1 reply · Reply at the bottom" in text


def test_a_draft_reply_comes_back_on_the_webinars_page(member_client, archived_webinar):
    """A reply typed under a webinar and autosaved is in the form on the next visit, on the
    webinar's page as on the thread's own."""
    thread = archived_webinar.thread
    draft_url = reverse("community:thread-draft", args=[thread.pk, thread.slug])
    member_client.post(draft_url, {"body": "Half a question about **phosphate**"})

    page = member_client.get(archived_webinar.get_absolute_url()).content.decode()
    assert "Half a question about **phosphate**</textarea>" in page
    assert "Discard draft" in page

import pytest
from django.urls import reverse

from community import services
from community.models import Post
from tests.community.conftest import post_at
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("position", "page"), [(1, 1), (20, 1), (21, 2), (33, 2), (45, 3)])
def test_permalink_redirects_to_the_page_that_holds_the_post(client, make_thread, position, page):
    thread = make_thread(posts=45)
    post = post_at(thread, position)
    response = client.get(f"/p/{post.pk}/")
    assert response.status_code == 302
    suffix = "" if page == 1 else f"?page={page}"
    assert response["Location"] == f"{thread.get_absolute_url()}{suffix}#post-{post.pk}"
    landed = client.get(response["Location"].split("#")[0]).content.decode()
    assert f'id="post-{post.pk}"' in landed


@pytest.mark.parametrize(("quoted_position", "page"), [(3, 1), (25, 2), (45, 3)])
def test_quote_links_land_on_the_page_of_the_quoted_post(
    client, make_thread, quoted_position, page
):
    thread = make_thread(posts=45)
    quoted = post_at(thread, quoted_position)
    # A post in between: a reply just below the post it quotes shows one line instead.
    services.create_reply(thread=thread, author=MemberFactory(), body="Meanwhile")
    reply = services.create_reply(
        thread=thread, author=MemberFactory(handle="replier"), body="I agree", reply_to=quoted
    )
    html = client.get(f"/p/{reply.pk}/", follow=True).content.decode()
    assert f"@{quoted.author.handle}</a> wrote:" in html
    assert f"Post number {quoted_position}" in html
    assert f'href="/p/{quoted.pk}/">Jump to this post</a>' in html
    response = client.get(f"/p/{quoted.pk}/")
    suffix = "" if page == 1 else f"?page={page}"
    assert response["Location"] == f"{thread.get_absolute_url()}{suffix}#post-{quoted.pk}"


def test_reply_link_opens_the_form_with_the_post_quoted(member_client, make_thread):
    thread = make_thread(posts=45)
    quoted = post_at(thread, 23)
    page = member_client.get(thread.get_absolute_url() + "?page=2").content.decode()
    reply_url = f"{thread.get_absolute_url()}?page=2&amp;reply_to={quoted.pk}#reply"
    assert f'href="{reply_url}"' in page
    page = member_client.get(f"{thread.get_absolute_url()}?page=2&reply_to={quoted.pk}")
    html = page.content.decode()
    assert f"Replying to {quoted.author.name}" in html
    assert f'name="reply_to" value="{quoted.pk}"' in html
    assert 'name="quote_excerpt" value="Post number 23"' in html


def test_reply_stores_what_it_answers_and_shows_the_quote_block(member_client, make_thread):
    thread = make_thread(posts=3)
    quoted = post_at(thread, 2)
    member_client.post(
        reverse("community:thread-reply", args=[thread.pk, thread.slug]),
        {"body": "Thank you", "reply_to": quoted.pk, "quote_excerpt": "Post number 2"},
    )
    reply = Post.objects.get(position=4)
    assert reply.reply_to == quoted and reply.quote_excerpt == "Post number 2"


def test_a_selected_passage_is_quoted_when_it_is_really_in_the_post(member, make_thread):
    thread = make_thread(posts=1)
    quoted = post_at(thread, 1)
    Post.objects.filter(pk=quoted.pk).update(
        body_html="<p>The first week was hard. The second was <em>better</em>.</p>"
    )
    quoted.refresh_from_db()
    real = services.create_reply(
        thread=thread, author=member, body="Yes", reply_to=quoted, quote_excerpt="second was better"
    )
    made_up = services.create_reply(
        thread=thread, author=member, body="No", reply_to=quoted, quote_excerpt="I hate everyone"
    )
    assert real.quote_excerpt == "second was better"
    assert made_up.quote_excerpt == "The first week was hard. The second was better."


def test_selected_text_arrives_through_the_quote_link(member_client, make_thread):
    thread = make_thread(posts=2)
    quoted = post_at(thread, 2)
    html = member_client.get(
        f"{thread.get_absolute_url()}?reply_to={quoted.pk}&quote=number"
    ).content.decode()
    assert 'name="quote_excerpt" value="number"' in html


def test_quote_of_a_hidden_post_shows_none_of_its_text(client, member, make_thread):
    thread = make_thread(posts=2)
    quoted = post_at(thread, 2)
    services.create_reply(
        thread=thread, author=member, body="Replying", reply_to=quoted, quote_excerpt="number 2"
    )
    Post.objects.filter(pk=quoted.pk).update(status=Post.Status.HIDDEN, hidden_reason="Spam")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "This post is no longer available" in html
    assert "Post number 2" not in html
    assert "A moderator hid this post." in html


def test_replies_quoting_a_deleted_post_keep_working(client, member, make_thread):
    thread = make_thread(posts=2)
    quoted = post_at(thread, 2)
    reply = services.create_reply(thread=thread, author=member, body="Replying", reply_to=quoted)
    services.delete_own_post(post=quoted, member=quoted.author)
    html = client.get(f"/p/{reply.pk}/", follow=True).content.decode()
    assert "This post was deleted by its author." in html
    assert "This post is no longer available" in html
    assert "Post number 2" not in html
    assert "Replying" in html


def test_a_discussion_shown_on_another_page_brings_the_member_back_there(
    member_client, make_thread
):
    """A webinar page shows its thread beneath itself: replies and reactions return there."""
    thread = make_thread(posts=21)
    url = reverse("community:thread-reply", args=[thread.pk, thread.slug])
    response = member_client.post(url, {"body": "Hello", "shown_on": "/webinars/breathing/"})
    reply = Post.objects.get(position=22)
    assert response["Location"] == f"/webinars/breathing/?page=2#post-{reply.pk}"
    first = post_at(thread, 2)
    response = member_client.post(
        f"/p/{first.pk}/react/", {"kind": "hug", "shown_on": "/webinars/breathing/"}
    )
    assert response["Location"] == f"/webinars/breathing/#post-{first.pk}"


def test_shown_on_never_sends_a_member_to_another_site(member_client, thread):
    url = reverse("community:thread-reply", args=[thread.pk, thread.slug])
    response = member_client.post(url, {"body": "Hello", "shown_on": "//evil.example/"})
    assert response["Location"].startswith(thread.get_absolute_url())

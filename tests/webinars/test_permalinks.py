"""/p/<id>/ is the stable address of a post (in e-mails and quotes): for a post of a webinar's
discussion it lands on the webinar's page, on the discussion page that holds the post."""

import pytest

from community import services as community_services
from community.models import Group, Post
from tests.factories import MemberFactory


@pytest.fixture
def long_discussion(archived_webinar, add_post, settings):
    """The opening post and two and a half pages of replies (three pages in all)."""
    author = MemberFactory()
    for number in range(2 * settings.POSTS_PER_PAGE + 5 - 1):
        add_post(archived_webinar.thread, author, f"Message number {number}")
    return archived_webinar


@pytest.mark.parametrize(
    ("position", "page_query"),
    [(1, ""), (20, ""), (21, "?page=2"), (40, "?page=2"), (41, "?page=3"), (45, "?page=3")],
)
def test_a_posts_permalink_lands_on_the_webinar_page_that_holds_it(
    client, long_discussion, position, page_query
):
    post = Post.objects.get(thread=long_discussion.thread, position=position)
    url = long_discussion.get_absolute_url()

    response = client.get(f"/p/{post.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"{url}{page_query}#post-{post.pk}"
    landed = client.get(response["Location"]).content.decode()
    assert f'id="post-{post.pk}"' in landed
    assert long_discussion.title in landed


def test_a_posts_permalink_takes_one_query(client, long_discussion, django_assert_num_queries):
    post = Post.objects.get(thread=long_discussion.thread, position=30)

    with django_assert_num_queries(1):
        client.get(f"/p/{post.pk}/")


def test_a_quotes_jump_link_finds_a_post_on_another_page_of_the_webinar_discussion(
    client, long_discussion, add_post
):
    thread = long_discussion.thread
    quoted = Post.objects.get(thread=thread, position=2)
    reply = add_post(thread, MemberFactory(), "Yes, exactly.", reply_to=quoted, excerpt="Message")

    last_page = client.get(f"/p/{reply.pk}/", follow=True).content.decode()
    assert f'<a href="/p/{quoted.pk}/">Jump to this post</a>' in last_page
    response = client.get(f"/p/{quoted.pk}/")

    assert response["Location"] == f"{long_discussion.get_absolute_url()}#post-{quoted.pk}"


def test_posts_of_other_discussions_still_go_to_their_thread_page(client, member):
    group = Group.objects.create(name="Transplants", slug="transplants")
    thread = community_services.create_thread(
        group=group, author=member, title="Coming home", body="What helped you?"
    )
    for number in range(25):
        community_services.create_reply(thread=thread, author=member, body=f"Reply {number}")
    last = Post.objects.get(thread=thread, position=26)

    response = client.get(f"/p/{last.pk}/")

    assert response["Location"] == f"/t/{thread.pk}/{thread.slug}/?page=2#post-{last.pk}"

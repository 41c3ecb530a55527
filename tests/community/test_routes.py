"""Every discussion route answers each kind of reader correctly (PRODUCT.md's stable URLs)."""

import pytest

from community import services
from community.models import Post

pytestmark = pytest.mark.django_db

LOGIN = "login"  # a 302 to the log-in page that comes back here

# (method, url template, expected for visitor, member, author, moderator)
ROUTES = [
    ("get", "/groups/", 200, 200, 200, 200),
    ("get", "/groups/{group}/", 200, 200, 200, 200),
    ("get", "/groups/no-such-group/", 404, 404, 404, 404),
    ("get", "/groups/{group}/new/", LOGIN, 200, 200, 200),
    ("get", "/groups/no-such-group/new/", LOGIN, 404, 404, 404),
    ("post", "/groups/{group}/follow/", LOGIN, 302, 302, 302),
    ("get", "/t/{thread}/{slug}/", 200, 200, 200, 200),
    ("get", "/t/{thread}/{slug}/?page=2", 200, 200, 200, 200),  # the last page, saying so
    ("get", "/t/{thread}/wrong-slug/", 302, 302, 302, 302),
    ("get", "/t/{thread}/", 302, 302, 302, 302),
    ("get", "/t/999999/anything/", 404, 404, 404, 404),
    ("post", "/t/{thread}/{slug}/reply/", LOGIN, 302, 302, 302),
    ("get", "/t/{thread}/{slug}/reply/", LOGIN, 405, 405, 405),
    ("post", "/t/{thread}/{slug}/follow/", LOGIN, 302, 302, 302),
    ("get", "/p/{post}/", 302, 302, 302, 302),
    ("get", "/p/999999/", 404, 404, 404, 404),
    ("get", "/p/{post}/edit/", LOGIN, 403, 200, 403),
    ("post", "/p/{post}/edit/", LOGIN, 403, 302, 403),
    ("get", "/p/{post}/delete/", LOGIN, 403, 200, 403),
    ("get", "/p/{post}/history/", 404, 404, 200, 200),  # author and moderators only
    ("post", "/p/{post}/react/", LOGIN, 302, 302, 302),
    ("get", "/p/{hidden}/", 302, 302, 302, 302),
    ("get", "/p/{hidden}/history/", 404, 404, 200, 200),
    ("get", "/p/{hidden}/edit/", LOGIN, 404, 200, 403),
    ("get", "/p/{pending}/", 404, 404, 302, 302),
    ("get", "/search/", 200, 200, 200, 200),
    ("get", "/search/?q=walking", 200, 200, 200, 200),
    ("get", "/search/?q=walking&page=99", 200, 200, 200, 200),
]


@pytest.fixture
def world(group, member, other_member, moderator):
    """member writes the thread and two extra replies; other_member is 'a member'."""
    thread = services.create_thread(
        group=group, author=member, title="Walking again", body="Short walks help"
    )
    hidden = services.create_reply(thread=thread, author=member, body="Hidden words")
    pending = services.create_reply(thread=thread, author=member, body="Pending words")
    Post.objects.filter(pk=hidden.pk).update(status=Post.Status.HIDDEN)
    Post.objects.filter(pk=pending.pk).update(status=Post.Status.PENDING)
    return {
        "readers": {
            "visitor": None,
            "member": other_member,
            "author": member,
            "moderator": moderator,
        },
        "values": {
            "group": group.slug,
            "thread": thread.pk,
            "slug": thread.slug,
            "post": thread.posts.get(position=1).pk,
            "hidden": hidden.pk,
            "pending": pending.pk,
        },
    }


@pytest.mark.parametrize("reader_index", range(4), ids=["visitor", "member", "author", "moderator"])
@pytest.mark.parametrize("route", ROUTES, ids=[f"{r[0]} {r[1]}" for r in ROUTES])
def test_route_answers_each_reader(client, world, route, reader_index):
    method, template, *expected = route
    reader = list(world["readers"].values())[reader_index]
    if reader is not None:
        client.force_login(reader)
    url = template.format(**world["values"])
    data = {"title": "Walking again", "body": "A reply", "kind": "helpful", "action": "follow"}
    response = client.post(url, data) if method == "post" else client.get(url)
    wanted = expected[reader_index]
    if wanted == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    else:
        assert response.status_code == wanted, response.content[:300]


def test_nobody_edits_another_members_post(client, world):
    post = Post.objects.get(pk=world["values"]["post"])
    for name in ("member", "moderator"):
        client.force_login(world["readers"][name])
        client.post(f"/p/{post.pk}/edit/", {"body": "Changed by someone else"})
        client.post(f"/p/{post.pk}/delete/")
    post.refresh_from_db()
    assert post.body_markdown == "Short walks help" and post.deleted_at is None
    assert not post.revisions.exists()

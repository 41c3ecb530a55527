import pytest

from community import services
from community.models import Post
from community.search import _fallback_snippet, search_posts
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(group, member):
    about_sleep = services.create_thread(
        group=group, author=member, title="Sleeping after surgery", body="Nights are long."
    )
    services.create_reply(
        thread=about_sleep,
        author=member,
        body="The steroids kept me awake, but sleeping pills helped.",
    )
    other = services.create_thread(
        group=group, author=member, title="Favourite soups", body="Sleeping is easier after soup."
    )
    return about_sleep, other


def test_search_ranks_titles_above_bodies_and_links_to_posts(client, corpus):
    about_sleep, other = corpus
    response = client.get("/search/?q=sleeping")
    html = response.content.decode()
    first_post = about_sleep.posts.get(position=1)
    assert "3 posts found" in html
    assert html.index(f'href="/p/{first_post.pk}/"') < html.index("Favourite soups")
    assert "<mark>" in html


def test_search_understands_word_forms(corpus, member):
    results = list(search_posts("sleep", member))
    assert len(results) == 3


def test_search_shows_only_what_the_reader_may_see(client, corpus, member, moderator):
    about_sleep, _ = corpus
    secret = services.create_reply(thread=about_sleep, author=member, body="Sleeping secretly")
    Post.objects.filter(pk=secret.pk).update(status=Post.Status.HIDDEN)
    deleted = services.create_reply(thread=about_sleep, author=member, body="Sleeping gone")
    services.delete_own_post(post=deleted, member=member)
    assert "Sleeping secretly" not in client.get("/search/?q=secretly").content.decode()
    assert "Nothing found" in client.get("/search/?q=secretly").content.decode()
    client.force_login(moderator)
    assert "1 post found" in client.get("/search/?q=secretly").content.decode()
    assert "Nothing found" in client.get("/search/?q=gone").content.decode()


def test_snippets_never_carry_the_posts_markup(client, group):
    author = MemberFactory()
    services.create_thread(
        group=group,
        author=author,
        title="Markup",
        body="<script>alert(1)</script> walking **bold**",
    )
    html = client.get("/search/?q=walking").content.decode()
    snippet = html[html.index('class="search-result__snippet"') :].split("</p>")[0]
    assert "<script" not in snippet and "&lt;script&gt;" in snippet
    assert "<strong>" not in snippet and "<mark>walking</mark>" in snippet


def test_an_empty_query_invites_a_search(client, db):
    html = client.get("/search/").content.decode()
    assert "Search every discussion you can read" in html


def test_nothing_found_says_what_to_try(client, corpus):
    assert "Try fewer or different words" in client.get("/search/?q=zebra").content.decode()


def test_the_sqlite_snippet_marks_the_match_and_escapes_the_rest(thread):
    post = thread.posts.get()
    post.body_html = "<p>Before &lt;b&gt; and then Walking far</p>"
    snippet = _fallback_snippet(post, "walking")
    assert "<mark>Walking</mark>" in snippet and "&lt;b&gt;" in snippet

"""Quote blocks stay short: the first lines by default, long quotes folded behind a control
that opens without JavaScript."""

import pytest

from community import services
from community.discussion import QUOTE_FOLD_LENGTH
from community.services import QUOTE_EXCERPT_LENGTH
from tests.community.conftest import post_at

pytestmark = pytest.mark.django_db

LONG_POST = " ".join(f"Sentence {n} about the long weeks after the operation." for n in range(40))


def _article(html: str, post) -> str:
    return html.split(f'id="post-{post.pk}"')[1].split("</article>")[0]


def test_reply_quotes_only_the_first_lines_of_a_long_post(
    member_client, member, thread, other_member
):
    long_post = services.create_reply(thread=thread, author=other_member, body=LONG_POST)

    html = member_client.get(
        f"{thread.get_absolute_url()}?reply_to={long_post.pk}"
    ).content.decode()

    excerpt = html.split('name="quote_excerpt" value="')[1].split('"')[0]
    assert excerpt.startswith("Sentence 0 about the long weeks")
    assert len(excerpt) <= QUOTE_EXCERPT_LENGTH + 1  # the ellipsis
    assert excerpt.endswith("…")


def test_a_short_quote_shows_whole_without_a_fold(client, thread, member, other_member):
    quoted = post_at(thread, 1)
    services.create_reply(thread=thread, author=member, body="Meanwhile")
    reply = services.create_reply(
        thread=thread, author=other_member, body="Me too", reply_to=quoted
    )

    article = _article(client.get(thread.get_absolute_url()).content.decode(), reply)

    assert '<p class="quote__text">What helped you?</p>' in article
    assert "<details" not in article


def test_a_long_chosen_passage_is_folded_with_its_first_lines_showing(
    client, thread, member, other_member
):
    quoted = services.create_reply(thread=thread, author=other_member, body=LONG_POST)
    passage = LONG_POST[: QUOTE_FOLD_LENGTH + 300]
    reply = services.create_reply(
        thread=thread, author=member, body="So true", reply_to=quoted, quote_excerpt=passage
    )
    assert reply.quote_excerpt.startswith(passage.rsplit(" ", 1)[0])

    article = _article(client.get(thread.get_absolute_url()).content.decode(), reply)

    fold = article.split('<details class="quote__fold">')[1].split("</details>")[0]
    summary = fold.split("<summary>")[1].split("</summary>")[0]
    assert "Sentence 0 about the long weeks" in summary
    assert "Show the whole quote" in summary
    assert "Sentence 5 about" not in summary  # only the first lines while folded
    assert reply.quote_excerpt in fold.split("</summary>")[1]  # all of it, once opened
    assert f'href="/p/{quoted.pk}/">Jump to this post</a>' in article


def test_quotes_stored_before_the_change_fold_too(client, thread, member, other_member):
    """Replies written when Reply quoted 300 characters keep them, folded."""
    quoted = services.create_reply(thread=thread, author=other_member, body=LONG_POST)
    reply = services.create_reply(thread=thread, author=member, body="Yes", reply_to=quoted)
    reply.quote_excerpt = LONG_POST[:300]
    reply.save(update_fields=["quote_excerpt"])

    article = _article(client.get(thread.get_absolute_url()).content.decode(), reply)

    assert '<details class="quote__fold">' in article


def test_a_reply_to_the_post_just_above_shows_one_line_instead_of_the_quote(
    client, thread, member, other_member
):
    above = services.create_reply(thread=thread, author=other_member, body=LONG_POST)
    reply = services.create_reply(thread=thread, author=member, body="Same here", reply_to=above)

    article = _article(client.get(thread.get_absolute_url()).content.decode(), reply)

    profile = f'<a href="{other_member.get_absolute_url()}">@{other_member.handle}</a>'
    assert f"In reply to {profile}, just above" in article
    assert "<blockquote" not in article


def test_a_chosen_passage_of_the_post_above_is_still_quoted(client, thread, member, other_member):
    above = services.create_reply(thread=thread, author=other_member, body=LONG_POST)
    reply = services.create_reply(
        thread=thread, author=member, body="Yes", reply_to=above, quote_excerpt="Sentence 7 about"
    )

    article = _article(client.get(thread.get_absolute_url()).content.decode(), reply)

    assert '<p class="quote__text">Sentence 7 about</p>' in article
    assert "just above" not in article


def test_a_reply_to_an_earlier_post_keeps_its_quote(client, thread, member, other_member):
    first = post_at(thread, 1)
    services.create_reply(thread=thread, author=other_member, body="In between")
    reply = services.create_reply(thread=thread, author=member, body="Back to you", reply_to=first)

    article = _article(client.get(thread.get_absolute_url()).content.decode(), reply)

    assert '<p class="quote__text">What helped you?</p>' in article
    assert "just above" not in article

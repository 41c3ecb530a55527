"""Search answers any query: operators, runs of minus signs, long and strange input."""

import random

import pytest

from community import services
from community.search import MAX_QUERY_WORDS, prepare_query, search_posts

pytestmark = pytest.mark.django_db


@pytest.fixture
def soup_thread(group, member):
    return services.create_thread(
        group=group, author=member, title="Favourite soups", body="Lentil soup helps me sleep."
    )


@pytest.mark.parametrize(
    "query",
    [
        "-" * 64,
        "- " * 64,
        "soup " + "-" * 40 + " lentil",
        '"' * 33,
        '"lentil soup',
        "!" * 40,
        "soup & lentil | sleep :* (me) !x <-> y",
        "((((soup",
        "soup:*",
        "\\",
        "or " * 50,
        "\U0001f600 soup \u202e",
    ],
)
def test_search_answers_any_syntax_with_a_page(client, soup_thread, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "Search the discussions" in response.text


def test_a_lone_surrogate_in_the_query_is_searched_as_text(client, soup_thread):
    response = client.get("/search/?q=%ED%A0%80soup")
    assert response.status_code == 200


def test_a_long_query_searches_its_first_words_and_says_so(client, soup_thread):
    response = client.get("/search/", {"q": "lentil " + "word " * 2000})
    assert response.status_code == 200
    assert f"Search used the first {MAX_QUERY_WORDS} words of what you typed" in response.text


def test_a_short_query_is_searched_whole_without_a_notice(client, soup_thread):
    response = client.get("/search/", {"q": "lentil soup"})
    assert "Favourite soups" in response.text
    assert "Search used the first" not in response.text


def test_minus_still_leaves_out_a_word(soup_thread, member):
    assert list(search_posts(prepare_query("soup").text, member))
    assert not list(search_posts(prepare_query("soup --- lentil").text, member))


def test_prepare_query_collapses_minus_runs_and_caps_words():
    assert prepare_query("-" * 64).text == "-"
    assert prepare_query("a - - - - b").text == "a - b"
    assert prepare_query("well-known side-effects").text == "well-known side-effects"
    long = prepare_query(" ".join(f"w{i}" for i in range(50)))
    assert long.words_used == MAX_QUERY_WORDS and long.shortened
    assert len(prepare_query("x" * 10_000).text) == 200


def test_generated_queries_of_operators_never_fail_on_the_database(soup_thread, member):
    """Random strings built from websearch's operators and tsquery's syntax."""
    pieces = ["-", "-", "-", '"', "!", "(", ")", "&", "|", ":*", " ", "or", "soup", "<->", "'"]
    rng = random.Random(15)
    for _ in range(200):
        raw = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 150)))
        list(search_posts(prepare_query(raw).text, member))

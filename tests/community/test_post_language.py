"""A post carries the language it was written in (issue 19, item 6): chosen on the form (the
author's interface language first), detected when no form says, shown as the body's `lang`
and as "Written in …" to readers of another language. Member content is never translated."""

import re

import pytest
from django.utils import translation

from community import services
from community.languages import detect_language
from community.models import Post
from tests.community.conftest import post_at
from tests.community.test_query_counts import THREAD_PAGE_MAX

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Posts made by the services here are made outside a request, in the site's default."""
    with translation.override("en"):
        yield


SPANISH = "Gracias por compartir. A mi mamá también le pasó lo mismo después de la operación."
ENGLISH = "Thank you for sharing this. The same thing happened to my mum after the operation."


def _article(html: str, post: Post) -> str:
    start = html.index(f'id="post-{post.pk}"')
    return html[start : html.index("</article>", start)]


def _reply_page(client, thread, **headers):
    return client.get(thread.get_absolute_url(), **headers).content.decode()


# --- Detecting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, language",
    [
        (SPANISH, "es"),
        ("¿Alguien sabe cuánto tiempo dura la recuperación?", "es"),
        (ENGLISH, "en"),
        ("What helped you in the first weeks at home?", "en"),
    ],
)
def test_the_language_of_a_plain_sentence_is_recognised(text, language):
    assert detect_language(text, fallback="xx") == language


@pytest.mark.parametrize("text", ["Ok", "👍 🙏", "COPD CPAP 24/7", "", "Gracias!!"])
def test_text_that_says_too_little_keeps_the_fallback(text):
    assert detect_language(text, fallback="en") == "en"
    assert detect_language(text, fallback="es") == "es"


def test_a_mixed_post_goes_to_the_language_it_mostly_uses():
    text = f"{SPANISH} {SPANISH} Thanks!"
    assert detect_language(text, fallback="en") == "es"


def test_a_very_long_post_is_read_only_at_its_start(member):
    # Quick whatever its length: a 20,000-character post is judged by its opening.
    opening = SPANISH * 30  # about 2,500 characters
    assert detect_language(opening + " the" * 5000, fallback="en") == "es"


# --- Choosing ------------------------------------------------------------------------------


def test_the_reply_form_offers_the_authors_interface_language_first(client, thread, member):
    client.force_login(member)
    english = _reply_page(client, thread)
    spanish = _reply_page(client, thread, HTTP_ACCEPT_LANGUAGE="es")
    assert re.search(r'<option value="en" selected>English</option>', english)
    assert re.search(r'<option value="es" selected>Español</option>', spanish)
    assert '<label for="id_language">Idioma de su publicación</label>' in spanish


def test_a_reply_keeps_the_language_its_author_chose(client, thread, member):
    client.force_login(member)
    client.post(
        f"{thread.get_absolute_url()}reply/", {"body": "Thank you, Rosa.", "language": "es"}
    )
    assert Post.objects.get(thread=thread, position=2).language == "es"


def test_an_unknown_language_from_the_form_is_refused_with_a_message(client, thread, member):
    client.force_login(member)
    response = client.post(
        f"{thread.get_absolute_url()}reply/", {"body": "My words", "language": "klingon"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert "My words" in response.content.decode()  # nothing typed is lost
    assert not Post.objects.filter(thread=thread, position=2).exists()


def test_a_new_discussion_written_without_the_form_gets_the_language_of_its_words(group, member):
    thread = services.create_thread(group=group, author=member, title="Hola", body=SPANISH)
    reply = services.create_reply(thread=thread, author=member, body=ENGLISH)
    assert post_at(thread, 1).language == "es"
    assert reply.language == "en"


def test_the_author_corrects_the_language_when_editing(client, member, group):
    thread = services.create_thread(
        group=group, author=member, title="Una pregunta", body=SPANISH, language="en"
    )
    post = post_at(thread, 1)
    client.force_login(member)
    client.post(f"/p/{post.pk}/edit/", {"title": "Una pregunta", "body": SPANISH, "language": "es"})
    post.refresh_from_db()
    assert post.language == "es"
    assert post.revisions.count() == 0  # the words did not change: no new version


# --- Reading -------------------------------------------------------------------------------


def test_the_post_body_says_its_language_and_other_readers_see_a_note(client, thread, other_member):
    reply = services.create_reply(thread=thread, author=other_member, body=SPANISH)
    english = _article(_reply_page(client, thread), reply)
    spanish = _article(_reply_page(client, thread, HTTP_ACCEPT_LANGUAGE="es"), reply)

    assert f'lang="es" data-post-body="{reply.pk}"' in english
    assert "Written in Spanish" in english
    # A Spanish reader reads it as it is: no note, and the words are the author's.
    assert "Escrito en" not in spanish
    assert SPANISH in spanish


def test_a_spanish_reader_is_told_an_english_post_is_in_english(client, thread):
    first = post_at(thread, 1)
    spanish = _article(_reply_page(client, thread, HTTP_ACCEPT_LANGUAGE="es"), first)
    english = _article(_reply_page(client, thread), first)
    assert "Escrito en inglés" in spanish
    assert "What helped you?" in spanish  # never translated
    assert "Written in" not in english


def test_the_cached_post_block_is_kept_per_reader_language(client, thread, other_member):
    """The post blocks are cached and shared (community.post_blocks): a Spanish reader after
    an English one gets the Spanish block, and the other way round."""
    reply = services.create_reply(thread=thread, author=other_member, body=SPANISH)
    for _ in range(2):  # the second round reads both blocks from the cache
        english = _article(_reply_page(client, thread), reply)
        spanish = _article(_reply_page(client, thread, HTTP_ACCEPT_LANGUAGE="es"), reply)
        assert "Written in Spanish" in english and "Útil" not in english
        assert "Written in Spanish" not in spanish


def test_a_post_from_before_languages_shows_no_note(client, thread):
    Post.objects.filter(thread=thread).update(language="")
    html = _reply_page(client, thread, HTTP_ACCEPT_LANGUAGE="es")
    article = _article(html, post_at(thread, 1))
    assert "Escrito en" not in article
    assert " lang=" not in article


def test_the_note_costs_no_query(client, make_thread, django_assert_max_num_queries):
    """A page of Spanish and English posts reads in as many queries as before."""
    thread = make_thread(posts=20)
    Post.objects.filter(thread=thread, position__lte=10).update(language="en")
    Post.objects.filter(thread=thread, position__gt=10).update(language="es")
    with translation.override("en"), django_assert_max_num_queries(THREAD_PAGE_MAX):
        html = client.get(thread.get_absolute_url()).content.decode()
    assert html.count("Written in Spanish") == 10

"""The translation harness itself: it catches what a Spanish reader would see in English,
and lets through what members wrote and what the catalogues translate."""

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.i18n.pseudo import PSEUDO, missing_in_spanish, pseudo_language
from tests.i18n.visible import Allowed, unmarked, visible_fragments

pytestmark = pytest.mark.django_db


def _render(source: str, **context) -> str:
    with pseudo_language(), translation.override(PSEUDO):
        return Template("{% load i18n %}" + source).render(Context(context))


def test_an_unmarked_word_is_caught_and_a_marked_one_is_not():
    html = _render(
        '<p>{% translate "Reply" %}</p><button title="Delete">{% translate "Go" %}</button>'
    )
    assert unmarked(visible_fragments(html), Allowed.from_database()) == ["Delete"]


def test_a_sentence_with_a_value_is_marked_whole():
    html = _render(
        "<p>{% blocktranslate trimmed with name=who %}Posted by {{ name }}{% endblocktranslate %}"
        " today</p>",
        who="June",
    )
    assert unmarked(visible_fragments(html), Allowed.from_database()) == ["⟦Posted by June⟧ today"]


def test_member_content_and_numbers_are_not_reported(member):
    member.display_name = "Abuela Rosario"
    member.save()
    html = _render(
        '<p>{{ name }}</p><p>{% translate "By" %} {{ name }}, 12:30</p>'
        '<span aria-hidden="true">AR</span>',
        name="Abuela Rosario",
    )
    assert unmarked(visible_fragments(html), Allowed.from_database()) == []


def test_script_and_style_are_not_visible_but_attributes_a_reader_hears_are():
    html = (
        '<script>var s = "Hidden";</script><style>.a{}</style>'
        '<img alt="A photo"><input placeholder="Your name"><input type="submit" value="Send">'
        '<div data-copied-text="Link copied" data-post="12" data-kind="tabular"'
        ' data-options=\'{"add": "Add one"}\'></div>'
    )
    assert visible_fragments(html) == ["A photo", "Your name", "Send", "Link copied"]


def test_marked_strings_without_spanish_are_reported():
    with pseudo_language() as pseudo, translation.override(PSEUDO):
        Template(
            '{% load i18n %}{% translate "This field is required." %}'
            '{% translate "A sentence nobody translated yet" %}'
        ).render(Context())
        # Django's own Spanish catalogue has the first; nobody has the second.
        assert missing_in_spanish(pseudo.seen) == ["A sentence nobody translated yet"]


def test_the_pseudo_language_is_gone_afterwards():
    with pseudo_language():
        pass
    with translation.override(PSEUDO):
        assert translation.gettext("Reply") == "Reply"


def test_a_marked_sentence_with_a_link_in_it_is_marked_whole():
    html = _render(
        '<p>{% blocktranslate trimmed %}In <a href="/g/">{{ name }}</a> today'
        "{% endblocktranslate %} <em>Pinned</em></p>",
        name="Caregivers",
    )
    assert unmarked(visible_fragments(html), Allowed.from_database()) == ["Pinned"]

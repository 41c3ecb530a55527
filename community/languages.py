"""The language a post is written in (member content is never translated, docs/i18n.md).

A post carries its language (`Post.language`, a code of settings.LANGUAGES): the author
chooses it on the form, which offers their interface language first. Posts written
without the form (demo content, other apps' callers) get it from `detect_language`, a
small heuristic that counts each language's most common words and telltale characters;
when the text says too little, the author's interface language stands.

The thread page renders the code as the `lang` attribute of the post's body (screen
readers pronounce it right, browsers hyphenate it right) and tells readers who use another
language "Written in Spanish" (`written_in`).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The note shown above a post to a reader whose language differs: one whole sentence per
# language, so each translation can say it naturally ("Escrito en inglés", lower case).
WRITTEN_IN = {
    "en": _("Written in English"),
    "es": _("Written in Spanish"),
}

# Each language's commonest short words that the other language does not share (so "a",
# "no", "me" and "he" count for neither).
_COMMON_WORDS = {
    "en": frozenset(
        [
            "the",
            "and",
            "is",
            "are",
            "was",
            "were",
            "this",
            "that",
            "with",
            "for",
            "you",
            "your",
            "have",
            "has",
            "not",
            "but",
            "what",
            "it",
            "they",
            "we",
            "of",
            "to",
            "in",
            "on",
            "my",
            "be",
            "do",
            "does",
            "did",
            "can",
            "will",
            "would",
            "there",
            "their",
            "about",
            "thank",
            "thanks",
            "just",
            "so",
            "very",
            "our",
            "been",
            "from",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "es",
            "son",
            "está",
            "están",
            "fue",
            "era",
            "este",
            "esta",
            "que",
            "con",
            "por",
            "para",
            "usted",
            "ustedes",
            "tiene",
            "tengo",
            "pero",
            "qué",
            "lo",
            "ella",
            "ellos",
            "nosotros",
            "de",
            "en",
            "mi",
            "mis",
            "ser",
            "hacer",
            "puede",
            "muy",
            "gracias",
            "también",
            "cuando",
            "como",
            "del",
            "al",
            "una",
            "un",
            "y",
        ]
    ),
}
# Characters only Spanish uses among the two.
_SPANISH_MARKS = re.compile(r"[ñ¿¡áéíóú]", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
# Enough evidence: this many telling words, and clearly more than the other language's.
_MIN_HITS = 2
_MARGIN = 2.0
# Only the start of a long post is read: the answer is the same, and it stays quick.
_READ_CHARACTERS = 2000


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def interface_language() -> str:
    """The active interface language as one of settings.LANGUAGES (the site's default when
    none is active or it is unknown)."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(active)
    except LookupError:
        return settings.LANGUAGE_CODE


def language_choices() -> list[tuple[str, str]]:
    """Each language by its own name ("English", "Español"): a reader finds their own."""
    return list(settings.LANGUAGES)


def detect_language(text: str, *, fallback: str | None = None) -> str:
    """The language `text` is most likely written in, or `fallback` (the interface language
    by default) when it does not say clearly."""
    fallback = fallback or interface_language()
    sample = text[:_READ_CHARACTERS].lower()
    words = _WORD.findall(sample)
    hits = {code: sum(word in common for word in words) for code, common in _COMMON_WORDS.items()}
    hits["es"] += len(_SPANISH_MARKS.findall(sample))
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    (best, best_hits), (_other, other_hits) = ranked[0], ranked[1]
    if best_hits >= _MIN_HITS and best_hits >= _MARGIN * other_hits:
        return best if best in language_codes() else fallback
    return fallback


def written_in(language: str, *, reader_language: str | None = None) -> str:
    """The note for a reader of `reader_language` (the active one by default) about a post
    written in `language`: "" when they are the same or the post's language is unknown."""
    reader_language = reader_language or interface_language()
    if not language or language == reader_language:
        return ""
    note = WRITTEN_IN.get(language)
    return str(note) if note is not None else ""

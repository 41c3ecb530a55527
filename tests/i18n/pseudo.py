"""A pseudo-language, "xx", in which every string that went through the catalogue is
wrapped in markers: "Reply" reads "⟦Reply⟧", "⟦Posted by June⟧". Whatever a page shows
outside the markers did not go through gettext, so a Spanish reader would see it in English
(unless it is member content, a name or a number: see tests/i18n/visible.py).

The translation object is installed in Django's own cache of translations, so templates,
forms, messages, the admin, allauth and Django's own strings all go through it exactly as
they go through Spanish. While it is active, every msgid it wraps is remembered, so a test
can also ask which of them the Spanish catalogue (ours, Django's or allauth's) lacks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.conf.locale import LANG_INFO
from django.test import override_settings
from django.utils import translation
from django.utils.translation import trans_real

PSEUDO = "xx"
OPEN, CLOSE = "⟦", "⟧"
CONTEXT_SEPARATOR = "\x04"


def wrap(text: str) -> str:
    return f"{OPEN}{text}{CLOSE}" if text else text


class PseudoTranslation(trans_real.DjangoTranslation):
    """Django's translation object for "xx": no catalogue, every message wrapped."""

    def __init__(self) -> None:
        super().__init__(PSEUDO)
        self.seen: set[str | tuple[str, str]] = set()

    def gettext(self, message: str) -> str:
        self.seen.add(message)
        # pgettext asks for "context\x04message" and takes a separator in the answer for
        # "not found": answer with the message alone, wrapped.
        return wrap(message.rpartition(CONTEXT_SEPARATOR)[2])

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.seen.add((msgid1, msgid2))
        chosen = msgid1 if n == 1 else msgid2
        return wrap(chosen.rpartition(CONTEXT_SEPARATOR)[2])


def missing_in_spanish(seen: set[str | tuple[str, str]]) -> list[str]:
    """The msgids the pseudo-language wrapped that no Spanish catalogue translates: a
    Spanish reader would see them in English although they are marked."""
    from django.conf import settings

    spanish = trans_real.translation("es")._catalog
    # {% get_available_languages %} passes each language's name through gettext; the site
    # shows each in itself ("Español"), never translated.
    names = {name for _, name in settings.LANGUAGES}
    missing = []
    for msgid in seen:
        if msgid in names:
            continue
        key = (msgid[0], 0) if isinstance(msgid, tuple) else msgid
        if key not in spanish:
            missing.append(msgid[0] if isinstance(msgid, tuple) else msgid)
    return sorted(m.replace(CONTEXT_SEPARATOR, " | ") for m in missing)


@contextlib.contextmanager
def pseudo_language() -> Iterator[PseudoTranslation]:
    """Makes "xx" a language of the site (LANGUAGES, Accept-Language: xx, the cookie) whose
    strings are wrapped in markers, for the duration of the block."""
    languages = [*_settings_languages(), (PSEUDO, "Pseudo")]
    original_check = trans_real.check_for_language
    pseudo = None
    with override_settings(LANGUAGES=languages):
        try:
            # Django only accepts a language it finds a catalogue file for: "xx" has none.
            trans_real.check_for_language = lambda code: code == PSEUDO or original_check(code)
            # The footer names each language in itself ({% get_language_info_list %}).
            LANG_INFO[PSEUDO] = {
                "bidi": False,
                "code": PSEUDO,
                "name": "Pseudo",
                "name_local": "Pseudo",
            }
            pseudo = PseudoTranslation()
            trans_real._translations[PSEUDO] = pseudo
            yield pseudo
        finally:
            trans_real.check_for_language = original_check
            trans_real._translations.pop(PSEUDO, None)
            LANG_INFO.pop(PSEUDO, None)
            trans_real._get_supported_language_variant.cache_clear()
            translation.deactivate()


def _settings_languages() -> list[tuple[str, str]]:
    from django.conf import settings

    return [(code, name) for code, name in settings.LANGUAGES if code != PSEUDO]

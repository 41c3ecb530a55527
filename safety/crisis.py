"""Crisis language: does a draft use any of the phrases staff keep in the admin?

A match never blocks a post. The post forms show a calm panel with the crisis resources and
let the member publish anyway or keep editing; a published post that matched is marked for a
caring look in the moderation queue (safety.services.mark_if_matching).

Phrases match whole words, case-insensitively: "end my life" finds "End  my life." but
"suicide" does not find "suicides" or "nonsuicide". Spaces and hyphens in a phrase match
each other, as do ' and ’.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db.models import F, FilteredRelation, Q
from django.utils import translation

from safety.models import CrisisPhrase, CrisisResource

# Over this many phrases the admin warns that the list has become hard to look after.
LARGE_LIST = 300
_SEPARATOR = r"[\s\-]+"
_APOSTROPHE = "['’]"


def phrase_pattern(phrase: str) -> str:
    """The regular expression (without word boundaries) that finds one phrase."""
    words = [w for w in re.split(r"[\s\-]+", phrase.strip()) if w]
    parts = [_APOSTROPHE.join(re.escape(p) for p in re.split("['’]", w)) for w in words]
    return _SEPARATOR.join(parts)


@lru_cache(maxsize=8)
def _compiled(phrases: tuple[str, ...]) -> tuple[re.Pattern, dict[str, re.Pattern]]:
    # Longest first, so "kill myself" wins over a shorter phrase that starts the same way.
    ordered = sorted((p for p in phrases if phrase_pattern(p)), key=len, reverse=True)
    each = {p: re.compile(rf"(?<!\w){phrase_pattern(p)}(?!\w)", re.IGNORECASE) for p in ordered}
    if not ordered:
        return re.compile(r"(?!x)x"), each
    combined = "|".join(phrase_pattern(p) for p in ordered)
    return re.compile(rf"(?<!\w)(?:{combined})(?!\w)", re.IGNORECASE), each


def active_phrases() -> tuple[str, ...]:
    """The phrases staff have switched on (one query)."""
    return tuple(CrisisPhrase.objects.filter(is_active=True).values_list("phrase", flat=True))


def phrases_in(text: str, phrases: tuple[str, ...] | None = None) -> list[str]:
    """The crisis phrases `text` uses, in the order they first appear; [] if none."""
    if phrases is None:
        phrases = active_phrases()
    if not phrases or not text:
        return []
    combined, each = _compiled(tuple(sorted(phrases)))
    found: list[str] = []
    for match in combined.finditer(text):
        for phrase, pattern in each.items():
            if pattern.fullmatch(match.group(0)) and phrase not in found:
                found.append(phrase)
                break
    return found


@dataclass(frozen=True)
class ShownResource:
    """A crisis resource as the panel shows it, in the reader's language if staff wrote
    it in that language; `language` is the language it is written in ("en" when it has no
    translation yet: the panel says so)."""

    name: str
    phone: str
    text: str
    dial: str
    language: str
    in_readers_language: bool


def active_resources(language: str | None = None) -> list[ShownResource]:
    """The crisis resources the panel shows, in the order staff chose, each in `language`
    (the active one by default) where staff translated it, else in English. One query."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    resources = CrisisResource.objects.filter(is_active=True)
    default = settings.LANGUAGE_CODE
    if language.split("-")[0] == default:
        return [_shown(r, r.name, r.phone, r.text, default, True) for r in resources]
    resources = resources.annotate(
        wording=FilteredRelation(
            "translations", condition=Q(translations__language=language.split("-")[0])
        ),
        wording_name=F("wording__name"),
        wording_phone=F("wording__phone"),
        wording_text=F("wording__text"),
    )
    shown = []
    for r in resources:
        if r.wording_name:
            phone = r.wording_phone or r.phone
            shown.append(_shown(r, r.wording_name, phone, r.wording_text, language, True))
        else:
            shown.append(_shown(r, r.name, r.phone, r.text, default, False))
    return shown


def _shown(
    resource: CrisisResource,
    name: str,
    phone: str,
    text: str,
    language: str,
    in_readers_language: bool,
) -> ShownResource:
    dial = CrisisResource(phone=phone).dial if phone != resource.phone else resource.dial
    return ShownResource(
        name=name,
        phone=phone,
        text=text,
        dial=dial,
        language=language,
        in_readers_language=in_readers_language,
    )

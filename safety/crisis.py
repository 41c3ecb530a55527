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
from functools import lru_cache

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


def active_resources() -> list[CrisisResource]:
    """The crisis resources the panel shows, in the order staff chose."""
    return list(CrisisResource.objects.filter(is_active=True))

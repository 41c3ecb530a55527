"""The text a reader sees on a page, and which of it did not go through the catalogue.

`visible_fragments(html)`: text nodes (not inside <script> or <style>), and the attributes
a reader sees or hears: title, alt, aria-label, aria-description, placeholder, the value of
<input type="submit|button|reset">, <meta name="description">'s content, and data-*
attributes that carry words for JavaScript to show (docs/i18n.md: JavaScript strings come
from the template in data-* attributes).

`unmarked(fragments, allowed)`: what is left of each fragment once the pseudo-language's
marked spans (tests/i18n/pseudo.py), member and staff content (every text value in the
database), URLs, e-mail addresses, time-zone labels and the site's proper names are taken
out; a fragment is reported when what is left still has a letter in it.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.apps import apps
from django.conf import settings
from django.db import models

from tests.i18n.pseudo import CLOSE, OPEN

_HIDDEN_TAGS = {"script", "style"}
_SPOKEN_ATTRIBUTES = {"title", "alt", "aria-label", "aria-description", "placeholder"}
_BUTTON_INPUTS = {"submit", "button", "reset"}
_URL = re.compile(r"(?:https?://|mailto:|/)\S*|\S+@\S+\.\w+|www\.\S+")
# "CT", "CEST", "UTC", "UTC+5:30", "UTC-03:00": how core.dates names zones.
_ZONE_LABEL = re.compile(r"(?<!\w)(?:UTC(?:[+-]\d{1,2}(?::\d\d)?)?|[A-Z]{1,4}T)(?!\w)")
# Proper names that are never translated (docs/i18n.md: "Gathering" stays as the site's name).
PROPER_NAMES = ("Gathering", "Markdown", "Django")
# Member content shorter than this is only taken out where it is a whole word; an excerpt
# (a title or body cut short with "…") at least this long is taken as content.
_EXCERPT_MIN = 12


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fragments: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden_depth += 1
        values = dict(attrs)
        for name, value in attrs:
            if not value:
                continue
            if name in _SPOKEN_ATTRIBUTES or (name.startswith("data-") and _worded(value)):
                self.fragments.append(value)
        if tag == "input" and (values.get("type") or "") in _BUTTON_INPUTS:
            self.fragments.append(values.get("value") or "")
        if tag == "meta" and values.get("name") == "description":
            self.fragments.append(values.get("content") or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN_TAGS:
            self._hidden_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.fragments.append(data)


def _worded(value: str) -> bool:
    """A data-* value with words in it (a sentence), not an id, a keyword, JSON, a URL or a
    date. (A one-word JavaScript string is not told from a keyword: give it a sentence.)"""
    value = value.strip()
    return " " in value and not value.startswith(("{", "["))


def visible_fragments(html: str) -> list[str]:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    fragments = (" ".join(f.split()) for f in collector.fragments)
    return [f for f in fragments if f]


@dataclass
class Allowed:
    """Text a page may show without the catalogue: what members and staff wrote."""

    values: list[str] = field(default_factory=list)  # longest first
    whole: set[str] = field(default_factory=set)

    @classmethod
    def from_database(cls, extra: Iterable[str] = ()) -> Allowed:
        found: set[str] = set(extra)
        found.update(PROPER_NAMES)
        found.update(name for _, name in settings.LANGUAGES)
        found.update(zoneinfo.available_timezones())
        for model in apps.get_models():
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, (models.CharField, models.TextField))
            ]
            if not names:
                continue
            for row in model._default_manager.values_list(*names):
                for value in row:
                    if isinstance(value, str) and value.strip():
                        found.add(value)
                        if "<" in value:  # rendered Markdown: its text nodes
                            found.update(visible_fragments(value))
        normalised = {" ".join(v.split()) for v in found}
        normalised.discard("")
        values = sorted(normalised, key=len, reverse=True)
        return cls(values=values, whole=set(values))

    def remove_from(self, text: str) -> str:
        for value in self.values:
            if value in text:
                if len(value) >= 4 and not value.isalpha():
                    text = text.replace(value, " ")
                else:
                    text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
        return text

    def is_excerpt(self, text: str) -> bool:
        """A title or body cut short ("I wanted to ask about…"), or a line of one."""
        core = text.strip().rstrip("…").rstrip(".").strip()
        if len(core) < _EXCERPT_MIN:
            return False
        return any(core in value for value in self.values)


def _initials(text: str) -> bool:
    """A member's avatar shows the first letters of their name ("JU" for June)."""
    return len(text) <= 3 and text.isalpha() and text.isupper()


def outside_markers(fragments: Iterable[str]) -> list[tuple[str, str]]:
    """(fragment, its text outside the markers), the markers counted across fragments in
    page order: a marked sentence with a link in it, "⟦In <a>Caregivers</a>⟧", is three
    text nodes, the middle one inside the markers."""
    depth, found = 0, []
    for fragment in fragments:
        rest = []
        for char in fragment:
            if char == OPEN:
                depth += 1
            elif char == CLOSE:
                depth = max(depth - 1, 0)
            rest.append(char if depth == 0 and char != CLOSE else " ")
        found.append((fragment, "".join(rest)))
    return found


def unmarked(fragments: Iterable[str], allowed: Allowed) -> list[str]:
    """The fragments that still show words once marked text and content are taken out."""
    found = []
    for fragment, rest in outside_markers(fragments):
        if fragment in allowed.whole or _initials(fragment) or allowed.is_excerpt(fragment):
            continue
        if not any(c.isalpha() for c in rest):
            continue
        rest = allowed.remove_from(rest)
        rest = _ZONE_LABEL.sub(" ", _URL.sub(" ", rest))
        if any(c.isalpha() for c in rest) and not allowed.is_excerpt(rest):
            found.append(fragment)
    return list(dict.fromkeys(found))

"""No silent truncation: a text field's limit is checked by the server, never by the browser.

A browser cuts a paste at an input's `maxlength` without a word (500 characters pasted into
a 160-character title became 160). Forms call `keep_every_character(form)` instead: each
limited text field loses `maxlength`, gains `data-limit` (static/js/char-count.js shows a
live counter from it) and refuses text that is too long with a message that says how long it
is, what the limit is, and that nothing was lost, while the form gives every character back.
"""

from collections.abc import Mapping

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext


def length_of(text: str) -> int:
    """Characters as the member counts them: a line break is one (browsers send \\r\\n)."""
    return len(text.replace("\r\n", "\n"))


def too_long_message(*, noun: str, length: int, limit: int) -> str:
    """ "Your post is 20,001 characters; the limit is 20,000. …", numbers written the
    reader's way ("20 001" in Spanish)."""
    return gettext(
        "Your %(noun)s is %(length)s characters; the limit is %(limit)s. "
        "Nothing was lost: shorten it and send again."
    ) % {
        "noun": noun,
        "length": number_format(length, force_grouping=True),
        "limit": number_format(limit, force_grouping=True),
    }


@deconstructible
class LengthLimit:
    """Refuses text longer than `limit` with too_long_message (a field validator)."""

    def __init__(self, limit: int, noun: str):
        self.limit = limit
        self.noun = noun

    def __call__(self, value: str) -> None:
        length = length_of(value)
        if length > self.limit:
            raise forms.ValidationError(
                too_long_message(noun=self.noun, length=length, limit=self.limit),
                code="too_long",  # not "max_length": a field's own wording would replace it
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LengthLimit) and (other.limit, other.noun) == (
            self.limit,
            self.noun,
        )


def keep_every_character(form: forms.BaseForm, nouns: Mapping[str, str] | None = None) -> None:
    """Moves every visible text field's `max_length` from the browser to the server.

    `nouns` names what a field holds in the message ("post", "title"); by default, its label.
    Calling it again (after adding a field) changes nothing twice.
    """
    nouns = nouns or {}
    for name, field in form.fields.items():
        limit = getattr(field, "max_length", None)
        if not limit or field.widget.is_hidden:
            continue
        field.widget.attrs.pop("maxlength", None)
        field.widget.attrs["data-limit"] = str(limit)
        noun = nouns.get(name) or str(field.label or name).lower().removeprefix("your ")
        field.validators = [
            v for v in field.validators if not isinstance(v, MaxLengthValidator | LengthLimit)
        ] + [LengthLimit(limit, noun)]

"""The language each member reads Gathering in, for what is written to them when they are
not there to ask (e-mails sent by Celery, notification lines made by someone else's action).

A stand-in until the member's `language` setting (issue 19, helper h5) lands: it reads the
field when the model has it, and otherwise answers the site's default. h5's version of this
module replaces this one at merge; callers use only `member_language(member)`.
"""

from django.conf import settings


def member_language(member) -> str:
    """The member's language code, or the site's default for none, or one we do not speak."""
    code = getattr(member, "language", "") or ""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE

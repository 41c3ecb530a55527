"""A page's own part, for areas whose pages wrap parts other areas translate.

`own_problems(i18n, page)` is `i18n.problems(page)` without the discussion a webinar's page
embeds (community's thread, checked on the thread page), and, with `frame=False`, for the
page's <main> only: the Django admin's header and app list name every app's models, which
each app's owner translates. Each area's test then answers for its own templates; the
whole pages are checked again once every area is in.

The Django admin's data-* attributes that configure its JavaScript ("tabular", "yes", a
JSON list of prepopulated fields, a field's name) are settings, not words a reader sees:
they are left out.
"""

from __future__ import annotations

import re

from tests.i18n.harness import I18nChecker, Page

_ADMIN_SETTINGS = re.compile(
    r"""\sdata-(?:inline-formset|inline-type|prepopulated-fields|ajax--[a-z]+|app-label|"""
    r"""model-name|field-name|allow-clear|theme|popup|is-stacked|model-ref|context)"""
    r"""=(?:"[^"]*"|'[^']*')"""
)
_DISCUSSION = '<section class="webinar-discussion"'


def own_part(html: str, *, frame: bool = True) -> str:
    part = _ADMIN_SETTINGS.sub("", html)
    if not frame:
        start, end = part.find("<main"), part.rfind("</main>")
        if start != -1 and end != -1:
            part = part[start:end]
    start = part.find(_DISCUSSION)
    if start != -1:
        end = part.find("</main>", start)
        part = part[:start] + (part[end:] if end != -1 else "")
    return part


def own_problems(i18n: I18nChecker, page: Page, *, frame: bool = True) -> list[str]:
    i18n.pseudo.seen.clear()
    return i18n.problems_in(own_part(i18n.render(page), frame=frame))

"""A page's own part, for areas whose pages wrap parts other areas translate.

`own_problems(i18n, page)` is `i18n.problems(page)` for the page's <main> only (the
header, footer and side column are base.html's, and the admin's app list is every app's),
without the discussion a webinar's page embeds (community's thread, checked on the thread
page): each area's test then answers for its own templates. The whole pages are checked
once every area is in (tests/i18n of each area, and at merge).

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


def own_part(html: str) -> str:
    start, end = html.find("<main"), html.rfind("</main>")
    if start == -1 or end == -1:
        return html
    part = _ADMIN_SETTINGS.sub("", html[start:end])
    discussion = part.find('<section class="webinar-discussion"')
    return part if discussion == -1 else part[:discussion]


def own_problems(i18n: I18nChecker, page: Page) -> list[str]:
    i18n.pseudo.seen.clear()
    return i18n.problems_in(own_part(i18n.render(page)))

"""hreflang alternates for the sitemap (issue 19): every public page exists in each of the
site's languages at the same address with `?lang=<code>` (accounts.languages), and the plain
address, which follows the reader's browser, is the `x-default`."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap


def language_alternates(location: str) -> list[dict[str, str]]:
    joiner = "&" if "?" in location else "?"
    alternates = [
        {"lang_code": code, "location": f"{location}{joiner}lang={code}"}
        for code, _ in settings.LANGUAGES
    ]
    return [*alternates, {"lang_code": "x-default", "location": location}]


def with_language_alternates(sitemap: type[Sitemap]) -> type[Sitemap]:
    """The sitemap class, its every address carrying the alternates in each language."""

    class Alternated(sitemap):  # type: ignore[valid-type,misc]
        def get_urls(self, page=1, site=None, protocol=None):
            urls = super().get_urls(page=page, site=site, protocol=protocol)
            for url in urls:
                url["alternates"] = language_alternates(url["location"])
            return urls

    Alternated.__name__ = Alternated.__qualname__ = sitemap.__name__
    return Alternated

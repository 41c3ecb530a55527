"""Renders pages of the demo community as a given reader in the pseudo-language and says what
a Spanish reader would still see in English.

An area's test file lists its pages and asks the `i18n` fixture (tests/i18n/conftest.py):

    PAGES = [
        Page("visitor", "/"),
        Page("member", "community:thread", lambda demo: [demo.thread.pk, demo.thread.slug]),
        Page("moderator", lambda demo: demo.post.get_absolute_url()),
    ]

    @pytest.mark.parametrize("page", PAGES, ids=str)
    def test_page_is_all_in_the_catalogue(i18n, page):
        assert i18n.problems(page) == []

    def test_my_files_strings_have_spanish():
        problems = catalogue_problems(("community/", "templates/community/"))
        assert problems == [], "\n".join(problems)

`problems` lists the visible fragments that did not go through the catalogue ("unmarked:
…") and the marked msgids no Spanish catalogue translates ("not in Spanish: …");
`catalogue_problems` (tests/i18n/catalogue.py) the strings of the given files that
locale/es/LC_MESSAGES/django.po lacks or leaves empty or fuzzy. To look at one page's
HTML, `i18n.render(page)`; for HTML rendered another way (an e-mail), `problems_in(html)`
inside `translation.override("xx")`. Readers: "visitor", the roles in READERS, or any
demo handle. Content members and staff wrote (every text value in the database) is never
reported, nor avatar initials, URLs, e-mail addresses, zone labels ("CT") or the language
names of the footer's switch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.every_url import Demo
from tests.i18n.pseudo import PSEUDO, PseudoTranslation, missing_in_spanish
from tests.i18n.visible import Allowed, unmarked, visible_fragments

# The readers a page list names, as members of the demo community (accounts/demo.py); any
# demo handle ("sam_k", "ana_lucia") works too.
READERS = {
    "member": "june_b",
    "mentor": "mentor_walt",
    "moderator": "nurse_rosa",  # a moderator, and staff
    "staff": "admin",  # staff and superuser: the admin
}

PathSpec = str | Callable[[Demo], str]


@dataclass(frozen=True)
class Page:
    """A page to check: who reads it, where, and the status it answers with.

    `where` is a path ("/groups/"), a URL name ("community:home"; `args` a list, or a
    function of the demo objects giving one), or a function of the demo giving a path.
    `post` sends a form (a dict, or a function of the demo giving one) instead of a GET,
    to check the page that answers it (errors, confirmations).
    """

    reader: str
    where: PathSpec
    args: Sequence[Any] | Callable[[Demo], Sequence[Any]] = ()
    status: int = 200
    post: dict[str, Any] | Callable[[Demo], dict[str, Any]] | None = None
    name: str = ""

    def path(self, demo: Demo) -> str:
        if callable(self.where):
            return self.where(demo)
        if self.where.startswith("/"):
            return self.where
        args = self.args(demo) if callable(self.args) else self.args
        return reverse(self.where, args=list(args))

    def __str__(self) -> str:
        where = self.name or (self.where if isinstance(self.where, str) else "page")
        return f"{self.reader}:{where}{':post' if self.post is not None else ''}"


@dataclass
class I18nChecker:
    """What the `i18n` fixture gives a test: the demo objects, and `problems(page)`."""

    demo: Demo
    pseudo: PseudoTranslation
    allowed: Allowed | None = None
    extra_allowed: list[str] = field(default_factory=list)

    def client_for(self, reader: str) -> Client:
        client = Client(HTTP_ACCEPT_LANGUAGE=PSEUDO)
        if reader != "visitor":
            client.force_login(User.objects.get(handle=READERS.get(reader, reader)))
        return client

    def render(self, page: Page) -> str:
        client = self.client_for(page.reader)
        path = page.path(self.demo)
        if page.post is not None:
            data = page.post(self.demo) if callable(page.post) else page.post
            response = client.post(path, data)
        else:
            response = client.get(path)
        assert response.status_code == page.status, (
            f"{page}: {path} answered {response.status_code}, not {page.status}"
        )
        return response.content.decode()

    def problems(self, page: Page) -> list[str]:
        """What a Spanish reader of the page would see in English."""
        self.pseudo.seen.clear()
        html = self.render(page)
        if page.post is not None:  # what the reader typed comes back in the form
            data = page.post(self.demo) if callable(page.post) else page.post
            self.extra_allowed.extend(str(v) for v in data.values())
        return self.problems_in(html)

    def problems_in(self, html: str) -> list[str]:
        """The same, for HTML a test rendered itself (an e-mail's HTML body, say), with the
        pseudo-language active (`translation.override("xx")`)."""
        # Content is read after the page: a page may have written some (a draft, a name).
        allowed = Allowed.from_database(self.extra_allowed)
        found = [f"unmarked: {text}" for text in unmarked(visible_fragments(html), allowed)]
        found += [f"not in Spanish: {msgid}" for msgid in missing_in_spanish(self.pseudo.seen)]
        return found

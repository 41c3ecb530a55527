"""Pages of a list: `?page=N` read safely, and the page links every list shows.

    page = paginate(request, queryset, per_page=25)
    nav = page_nav(page.number, page.paginator.num_pages, base_url)

A missing, non-numeric or too-high page number gives the nearest real page, never an error.
Discussions fetch their posts by position instead of a Paginator, but use the same links.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, object_list, per_page: int) -> Page:
    """The page of `object_list` that `?page=` asks for (Paginator.get_page's forgiveness)."""
    return Paginator(object_list, per_page).get_page(request.GET.get("page"))


def page_url(base_url: str, number: int) -> str:
    if number <= 1:
        return base_url
    return f"{base_url}{'&' if '?' in base_url else '?'}page={number}"


def parse_page_number(raw: str | None) -> int:
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return max(number, 1)


@dataclass
class PageLink:
    number: int | None  # None marks a gap ("…")
    url: str = ""
    is_current: bool = False


@dataclass
class PageNav:
    number: int
    num_pages: int
    base_url: str
    links: list[PageLink] = field(default_factory=list)
    fragment: str = ""  # e.g. "#discussion": where a page link lands on a longer page

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_url(self) -> str:
        return page_url(self.base_url, self.number - 1) + self.fragment

    @property
    def next_url(self) -> str:
        return page_url(self.base_url, self.number + 1) + self.fragment


def page_nav(number: int, num_pages: int, base_url: str, *, fragment: str = "") -> PageNav:
    """Pagination for any list: used by discussions, group pages and search results."""
    links = _page_links(number, num_pages, base_url, fragment)
    return PageNav(number, num_pages, base_url, links, fragment)


def _page_links(number: int, num_pages: int, base_url: str, fragment: str) -> list[PageLink]:
    wanted = {1, num_pages, *range(number - 2, number + 3)}
    links: list[PageLink] = []
    previous = 0
    for n in sorted(x for x in wanted if 1 <= x <= num_pages):
        if n - previous > 1:
            links.append(PageLink(number=None))
        url = page_url(base_url, n) + fragment
        links.append(PageLink(number=n, url=url, is_current=n == number))
        previous = n
    return links

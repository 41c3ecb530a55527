"""Pages of a list: `?page=N` read safely, and the page links every list shows.

    page = paginate(request, queryset, per_page=25)
    nav = page_nav(page.number, page.paginator.num_pages, base_url)

A missing, non-numeric or too-low page number gives the first page; a page number past the
end gives the last page, marked `past_end` so the page says so
(templates/includes/past_end_notice.html). Never an error, and the same for every list:
discussions fetch their posts by position instead of a Paginator, but clamp the same way and
use the same links.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, object_list, per_page: int) -> Page:
    """The page of `object_list` that `?page=` asks for, clamped to the pages there are;
    `page.past_end` is True when the number asked for was past the last page."""
    paginator = Paginator(object_list, per_page)
    asked = parse_page_number(request.GET.get("page"))
    page = paginator.page(min(asked, paginator.num_pages))
    page.past_end = asked > paginator.num_pages  # type: ignore[attr-defined]
    return page


# Past this, a page number is past the end of any list (and its offset would overflow SQL).
MAX_UNCOUNTED_PAGE = 1_000_000


@dataclass
class UncountedPage:
    """A page of a list that is not counted (paginate_uncounted): it knows whether another
    page follows, not how many there are."""

    object_list: list
    number: int
    has_next: bool
    past_end: bool = False  # the number asked for was past the end: this is the last page

    @property
    def num_pages(self) -> int:  # known only on the last page (past_end_notice.html)
        return self.number

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def paginate_uncounted(request: HttpRequest, object_list, per_page: int) -> UncountedPage:
    """`paginate` for a list too long to count on every view (a member's notifications):
    fetches one row more than a page to know whether another follows, so a page costs the
    same however long the list is. Only a number past the end counts the list, once, to show
    the last page with `past_end` set, as every list does."""
    number = min(parse_page_number(request.GET.get("page")), MAX_UNCOUNTED_PAGE)
    rows = list(object_list[(number - 1) * per_page : number * per_page + 1])
    past_end = not rows and number > 1
    if past_end:
        number = max(1, -(-object_list.count() // per_page))
        rows = list(object_list[(number - 1) * per_page : number * per_page + 1])
    return UncountedPage(rows[:per_page], number, len(rows) > per_page, past_end)


def clamp(number: int, num_pages: int) -> tuple[int, bool]:
    """(the page to show, whether the number asked for was past the end)."""
    return min(number, num_pages), number > num_pages


def page_url(base_url: str, number: int) -> str:
    if number <= 1:
        return base_url
    return f"{base_url}{'&' if '?' in base_url else '?'}page={number}"


def parse_page_number(raw: str | None) -> int:
    try:
        number = int(raw or 1)
    except ValueError:  # not a number, or too many digits to read
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
    past_end: bool = False  # the number asked for was past the end: this is the last page

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


def page_nav(
    number: int, num_pages: int, base_url: str, *, fragment: str = "", past_end: bool = False
) -> PageNav:
    """Pagination for any list: used by discussions, group pages and search results."""
    links = _page_links(number, num_pages, base_url, fragment)
    return PageNav(number, num_pages, base_url, links, fragment, past_end)


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

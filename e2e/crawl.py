"""Finds the portal's pages by following its links, one page of each type.

A page's type is the name of its URL pattern (`members:organisation`), and
whether its address has a query (`members:list?`: the list of one kind). Following
every link would fetch all 51 organisations, and every combination of the offers
directory's filters; one of each type is what the browser checks need, and a new
page type is found the moment something links to it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language_from_path

from .portal import path_of

# Not pages: the admin is checked on its own; files and calendars are downloads.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/")
FILE_SUFFIXES = (
    ".ics", ".pdf", ".csv", ".xlsx", ".json", ".xml", ".zip", ".txt", ".png", ".jpg", ".jpeg", ".svg",
)  # fmt: skip


@dataclass(frozen=True)
class Page:
    path: str  # with the query string
    language: str
    page_type: str
    linked_from: str

    @property
    def slug(self) -> str:
        """The page type as a file name: `members-list`."""
        return "".join(c if c.isalnum() else "-" for c in self.page_type).strip("-")


@dataclass
class CrawlResult:
    pages: list[Page]  # HTML pages, one per type, in the order they were found
    problems: list[str]  # links that did not answer 200


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        # A link with `download` is a file, whatever its address.
        if tag == "a" and attributes.get("href") and "download" not in attributes:
            self.hrefs.append(attributes["href"] or "")


def page_type(path: str, query: str) -> str:
    language = get_language_from_path(path)
    try:
        with translation.override(language or "de"):
            match = resolve(path)
    except Resolver404:
        return f"unresolved {path}"  # fetched anyway: it will answer 404 and be reported
    # Not the names of the parameters: the directory's filters combine into hundreds of those.
    return match.view_name + ("?" if parse_qsl(query, keep_blank_values=True) else "")


def _is_followed(path: str, language: str) -> bool:
    if path.startswith(SKIPPED_PREFIXES) or path.lower().endswith(FILE_SUFFIXES):
        return False
    # Other languages are crawled on their own; paths without a language are followed.
    return get_language_from_path(path) in (language, None)


def crawl(client: Client, language: str, start: Iterable[str] = ()) -> CrawlResult:
    """Crawls the pages of one language from its home page (and `start`) with the test client.

    Use a logged-in client to crawl what only members see.
    """
    home = path_of("network:home", language=language)
    queue = [(path, "(start)") for path in (home, *start)]
    seen_types: set[str] = set()
    pages: list[Page] = []
    problems: list[str] = []
    while queue:
        address, linked_from = queue.pop(0)
        parts = urlsplit(address)
        kind = page_type(parts.path, parts.query)
        if kind in seen_types:
            continue
        seen_types.add(kind)
        response = client.get(address)
        if response.status_code != 200:
            problems.append(f"{address} answers {response.status_code} (linked from {linked_from})")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue  # a file behind a page-like address: it answered, that is all we need
        pages.append(Page(address, language, kind, linked_from))
        links = _Links()
        links.feed(response.content.decode(response.charset or "utf-8"))
        for href in links.hrefs:
            target = urlsplit(urljoin(address, href))
            if target.scheme not in ("", "http", "https") or target.netloc not in ("", "testserver"):
                continue  # mailto:, tel:, other sites
            if _is_followed(target.path, language):
                queue.append((target.path + (f"?{target.query}" if target.query else ""), address))
    return CrawlResult(pages, problems)

"""The handbook as HTML (templates/handbook/) printed to PDF with WeasyPrint.

The handbook is laid out in parts, each a document of its own: the front matter (cover,
foreword, contents, the network), the member organisations in groups of GROUP_SIZE, and the
index. Their pages are then bound into one PDF (WeasyPrint's Document.copy), with the
links of the contents and the index and the bookmarks of every heading. WeasyPrint's time and
memory for one document grow faster than its pages, above all with cross references
(target-counter() re-lays out pages until the numbers settle): laid out in parts, and with
the page numbers written in, a handbook of a thousand organisations prints in a fraction of
the time. Each group begins on a new page.

The order: the front matter once with placeholder numbers, for the number of its pages;
then the groups, each numbered on from the last; the index; and the front matter again with
the page numbers now known.
"""

import datetime
import logging
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from . import content

# WeasyPrint is imported when a handbook is printed, not when Django starts: it loads Pango
# and its fonts, which the web server never needs.
# Its progress log has a line per page and per pass: thousands for a large handbook.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Organisations (each with its units) laid out together. Larger groups cost more time per
# page; smaller ones leave more pages half empty, since each group begins on a new page.
GROUP_SIZE = 100
PARTS = ("foreword", "network", "members", "index")


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    pages: int


def build(number: int, published_on: datetime.date, language: str, paper: str) -> Printed:
    """The handbook in `language` on paper of size `paper` ("a4" or "a5")."""
    with translation.override(language):
        handbook = content.collect(number, published_on, language)
        return Printer(handbook, paper).print()


def render_html(number: int, published_on: datetime.date, language: str, paper: str) -> list[str]:
    """The HTML of each part, with placeholder page numbers (for tests and for looking at it)."""
    with translation.override(language):
        handbook = content.collect(number, published_on, language)
        return Printer(handbook, paper).html_parts()


class Printer:
    def __init__(self, handbook: content.Handbook, paper: str) -> None:
        self.handbook = handbook
        self.paper = paper.upper()
        organisations = handbook.organisations
        self.groups = [organisations[i : i + GROUP_SIZE] for i in range(0, len(organisations), GROUP_SIZE)]
        self.has_index = bool(handbook.by_topic or handbook.by_language)

    def render(self, part: str, first_page: int | None = None, **context) -> str:
        context = {"handbook": self.handbook, "paper": self.paper, "first_page": first_page, **context}
        return render_to_string(f"handbook/{part}.html", context)

    def html_parts(self) -> list[str]:
        members = [self.render("members", entries=group, first=i == 0) for i, group in enumerate(self.groups)]
        return [self.render("front"), *members, *([self.render("index")] if self.has_index else [])]

    def print(self) -> Printed:
        front = lay_out(self.render("front"))
        # The contents take as many pages with their numbers as with the placeholders; should
        # a number's width move a line, the parts are numbered once more from the new count.
        for _attempt in range(2):
            numbers = anchors(front, 1)
            documents, next_page = [], len(front.pages) + 1
            for i, group in enumerate(self.groups):
                document = lay_out(self.render("members", next_page, entries=group, first=i == 0))
                numbers.update(anchors(document, next_page))
                documents.append(document)
                next_page += len(document.pages)
            self.write_in(numbers)
            if self.has_index:
                document = lay_out(self.render("index", next_page))
                numbers.update(anchors(document, next_page))
                documents.append(document)
                self.write_in(numbers)
            numbered = lay_out(self.render("front"))
            if len(numbered.pages) == len(front.pages):
                break
            front = numbered
        pages = [page for document in (numbered, *documents) for page in document.pages]
        return Printed(pdf=numbered.copy(pages).write_pdf(), pages=len(pages))

    def write_in(self, numbers: dict[str, int]) -> None:
        """The page numbers into the entries that the contents and the index print."""
        handbook = self.handbook
        handbook.pages = {part: numbers[part] for part in PARTS if part in numbers}
        for entry in handbook.all_organisations():
            entry.page = numbers.get(entry.anchor)
        for group in (*handbook.by_topic, *handbook.by_language):
            for item in group.entries:
                item.page = numbers.get(item.anchor)


def lay_out(html: str):
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=NothingFetched()).render()


def anchors(document, first_page: int) -> dict[str, int]:
    """Each anchor (id) of the document -> the number of the page it is on."""
    return {name: number for number, page in enumerate(document.pages, first_page) for name in page.anchors}


class NothingFetched:
    """WeasyPrint fetches nothing for the handbook: everything it prints is in the HTML.
    Refusing every address keeps text written by editors (a link, a stray URL in CSS)
    from making the worker read a local file or ask another server."""

    _fail_on_errors = False

    def __call__(self, url: str):
        raise ValueError(f"the handbook fetches no resources: {url[:100]}")

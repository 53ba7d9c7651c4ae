"""One part of the handbook laid out by WeasyPrint, in a child process (see handbook/pdf.py).

This module imports only the standard library and WeasyPrint: a child process started with
"spawn" imports it, and it must not need Django or the database. WeasyPrint's pages cannot be
pickled, so what goes back to the parent is plain data: the part's PDF and, for binding the
parts, where its anchors, bookmarks and internal links are, in PDF points from the bottom left
of their page (WeasyPrint gives CSS pixels from the top left).
"""

import logging
from dataclasses import dataclass

# Its progress log has a line per page and per pass: thousands for a large handbook.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

POINTS_PER_PX = 0.75
Point = tuple[float, float]


@dataclass(frozen=True)
class Part:
    pdf: bytes
    pages: int
    anchors: dict[str, tuple[int, Point]]  # id -> (page index in the part, point)
    bookmarks: list[tuple[int, int, str, Point, bool]]  # (page index, level, label, point, open)
    links: list[tuple[int, str, tuple[float, float, float, float]]]  # (page index, anchor, rectangle)


def lay_out(html: str) -> Part:
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=NothingFetched()).render()
    anchors, bookmarks, links = {}, [], []
    for index, page in enumerate(document.pages):

        def point(x: float, y: float, height: float = page.height) -> Point:
            # A hundredth of a point is as near as anyone sees, and keeps the PDF small.
            return round(x * POINTS_PER_PX, 2), round((height - y) * POINTS_PER_PX, 2)

        # An element that runs over pages is an anchor on each of them: an organisation or an
        # offer is listed at the page where it begins, where its heading is.
        for name, (x, y, *_) in page.anchors.items():
            anchors.setdefault(name, (index, point(x, y)))
        for level, label, (x, y), state in page.bookmarks:
            bookmarks.append((index, level, label, point(x, y), state == "open"))
        for kind, target, (x1, y1, x2, y2), _box in page.links:
            if kind == "internal":
                links.append((index, target, (*point(x1, y2), *point(x2, y1))))
        # The parent binds the parts and makes the outline and the internal links itself: in a
        # part alone, most links lead to other parts, and WeasyPrint would drop each of them
        # with an error in the log.
        page.links[:] = [link for link in page.links if link[0] != "internal"]
        page.bookmarks.clear()
        page.anchors.clear()
    return Part(document.write_pdf(), len(document.pages), anchors, bookmarks, links)


class NothingFetched:
    """WeasyPrint fetches nothing for the handbook: everything it prints is in the HTML.
    Refusing every address keeps text written by editors (a link, a stray URL in CSS)
    from making the worker read a local file or ask another server."""

    _fail_on_errors = False

    def __call__(self, url: str):
        raise ValueError(f"the handbook fetches no resources: {url[:100]}")

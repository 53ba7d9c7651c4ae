"""The handbook as HTML (templates/handbook/) printed to PDF with WeasyPrint.

The handbook is laid out in parts, each a document of its own: the front matter (cover,
foreword, contents, the network), the member organisations in groups of GROUP_SIZE, and the
index. WeasyPrint's time and memory for one document grow faster than its pages, above all
with cross references (target-counter() re-lays out pages until the numbers settle): laid out
in parts, with the page numbers of the contents and the index written in, a handbook of a
thousand organisations prints in a fraction of the time. Each group begins on a new page.

The parts are laid out side by side in HANDBOOK_PRINT_PROCESSES child processes
(handbook/layout.py; 1: all in this process). A group's first page number is only known once
the groups before it are laid out, so the groups are laid out without page numbers, all at
once, and their numbers are stamped on afterwards. The order:
1. the front matter with placeholder numbers (for the number of its pages) and the groups;
2. then, with every page number known, the index and the front matter with the numbers
   written in (both know their first page, and print their own numbers), and the numbers
   for the groups' pages (a document of blank pages with nothing but the page footer);
3. binding (handbook/binding.py): the parts' pages in one PDF, the numbers stamped on, the
   outline and the links of the contents and the index made again across the parts.
"""

import datetime
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from . import content, layout
from .binding import bind

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
        # The index's sections, each laid out on its own: side by side, they take half the time.
        sections = (("topic", handbook.by_topic), ("language", handbook.by_language))
        self.index = [(kind, groups) for kind, groups in sections if groups]

    def render(self, part: str, first_page: int | None = None, **context) -> str:
        context = {"handbook": self.handbook, "paper": self.paper, "first_page": first_page, **context}
        return render_to_string(f"handbook/{part}.html", context)

    def render_group(self, i: int) -> str:
        return self.render("members", entries=self.groups[i], first=i == 0, unnumbered=True)

    def render_index(self, i: int) -> str:
        kind, groups = self.index[i]
        return self.render("index", kind=kind, groups=groups, first=i == 0, unnumbered=True)

    def html_parts(self) -> list[str]:
        members = [self.render_group(i) for i in range(len(self.groups))]
        return [self.render("front"), *members, *(self.render_index(i) for i in range(len(self.index)))]

    def print(self) -> Printed:
        # Starting a child costs a second or two (Python, WeasyPrint, the fonts): a handbook of
        # one group prints sooner in this process.
        processes = settings.HANDBOOK_PRINT_PROCESSES if len(self.groups) > 1 else 1
        with pool(processes) as executor:

            def lay_out(html: str) -> Future:
                return executor.submit(layout.lay_out, html)

            # The front matter first: it is short, and its page count is needed first.
            draft = lay_out(self.render("front"))
            laid = [lay_out(self.render_group(i)) for i in range(len(self.groups))]
            groups = [future.result() for future in laid]
            front = draft.result()
            # The contents take as many pages with their numbers as with the placeholders; should
            # a number's width move a line, the index and the contents are laid out once more
            # from the new count (the groups, without numbers, stay as they are).
            for _attempt in range(2):
                starts = self.write_in(front, groups)
                index = [lay_out(self.render_index(i)) for i in range(len(self.index))]
                numbered = lay_out(self.render("front"))
                numbers = [
                    self.numbers(lay_out, start, group) for start, group in zip(starts, groups, strict=True)
                ]
                if numbered.result().pages == front.pages:
                    break
                front = numbered.result()
            sections = [future.result() for future in index]
            start = front.pages + 1 + sum(group.pages for group in groups)
            for section in sections:
                numbers.append(self.numbers(lay_out, start, section))
                start += section.pages
            parts = [numbered.result(), *groups, *sections]
            # The groups and the index's sections are parts 1 to n, laid out without numbers.
            stamps = {position: future.result() for position, future in enumerate(numbers, start=1)}
        return Printed(pdf=bind(parts, stamps), pages=sum(part.pages for part in parts))

    def numbers(self, lay_out, start: int, part: layout.Part) -> Future:
        """The page numbers of a part laid out without them: blank pages numbered from `start`."""
        return lay_out(self.render("numbers", start, pages=range(part.pages)))

    def write_in(self, front: layout.Part, groups: list[layout.Part]) -> list[int]:
        """The page numbers into the entries that the contents and the index print, the groups
        numbered on from the front matter; the number of each group's first page."""
        numbers = {name: page + 1 for name, (page, _point) in front.anchors.items()}
        starts, next_page = [], front.pages + 1
        for group in groups:
            starts.append(next_page)
            numbers.update({name: next_page + page for name, (page, _point) in group.anchors.items()})
            next_page += group.pages
        if self.index:
            numbers["index"] = next_page  # the index's heading opens its first page
        handbook = self.handbook
        handbook.pages = {part: numbers[part] for part in PARTS if part in numbers}
        for entry in handbook.all_organisations():
            entry.page = numbers.get(entry.anchor)
        for group in (*handbook.by_topic, *handbook.by_language):
            for item in group.entries:
                item.page = numbers.get(item.anchor)
        return starts


@contextmanager
def pool(processes: int):
    """Child processes that lay out parts, or, for 1, this process itself. "spawn" starts them
    afresh: a forked child would share this process's database connections and Pango's state."""
    if processes <= 1:
        yield InProcess()
        return
    executor = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield executor
    finally:
        # After an error, what is still waiting is not laid out for nothing.
        executor.shutdown(cancel_futures=True)


class InProcess:
    """The pool's submit(), running the function at once in this process."""

    def submit(self, function, *args) -> Future:
        future = Future()
        future.set_result(function(*args))
        return future

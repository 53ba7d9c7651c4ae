"""The handbook as HTML (templates/handbook/) printed to PDF with WeasyPrint."""

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


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    pages: int


def render_html(number: int, published_on: datetime.date, language: str, paper: str) -> str:
    """The handbook's HTML in `language`, for paper of size `paper` ("a4" or "a5")."""
    with translation.override(language):
        handbook = content.collect(number, published_on, language)
        return render_to_string("handbook/handbook.html", {"handbook": handbook, "paper": paper.upper()})


def print_pdf(html: str) -> Printed:
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=NothingFetched()).render()
    return Printed(pdf=document.write_pdf(), pages=len(document.pages))


def build(number: int, published_on: datetime.date, language: str, paper: str) -> Printed:
    return print_pdf(render_html(number, published_on, language, paper))


class NothingFetched:
    """WeasyPrint fetches nothing for the handbook: everything it prints is in the HTML.
    Refusing every address keeps text written by editors (a link, a stray URL in CSS)
    from making the worker read a local file or ask another server."""

    _fail_on_errors = False

    def __call__(self, url: str):
        raise ValueError(f"the handbook fetches no resources: {url[:100]}")

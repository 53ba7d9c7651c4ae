"""Full-text search in the minutes: title, text, items, action items and the PDF's text.

With the offers directory's German stemming (netzwerk/stemming.py): Minutes.search_text holds
the Snowball stems of those texts, each once and each after a space (" protokoll sitzung
beschluss"), stop words left out. A search stems its words the same way and asks for each
" " + stem as a piece of search_text, that is, as the start of a stem: "Beschlüsse" finds
"Beschluss", "Sitzungen" "Sitzung", and the start of a word still finds the word ("Übersetz"
finds "Übersetzungsdienste"). The stems are lowercase, so the comparison is the same on SQLite
(which folds only ASCII case) and PostgreSQL, and needs no search index: the archive has
hundreds of minutes, not millions.

A change to how search_text is made needs a data migration that makes it again
(as meetings/migrations/0006 does).
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import F, QuerySet

from netzwerk.stemming import first_match, search_words, stem, stems

if TYPE_CHECKING:
    from .models import Minutes

MAX_WORDS = 10
MAX_WORD_LENGTH = 100


def search_text_of(texts: Iterable[str]) -> str:
    """What Minutes.search_text holds of these texts: their distinct stems, each after a space."""
    return "".join(f" {word}" for word in dict.fromkeys(stems("\n".join(texts))))


def query_stems(query: str) -> list[str]:
    """The stems of the words of a search, each once, stop words left out, at most MAX_WORDS."""
    return list(dict.fromkeys(stem(word) for word in search_words(query, MAX_WORDS, MAX_WORD_LENGTH)))


def search_minutes(queryset: "QuerySet[Minutes]", query: str) -> "QuerySet[Minutes]":
    """The minutes in `queryset` with every word of the query, newest first (none without words)."""
    wanted = query_stems(query)
    if not wanted:
        return queryset.none()
    for word in wanted:
        queryset = queryset.filter(search_text__contains=f" {word}")
    return queryset.order_by(F("held_on").desc(nulls_last=True), "-year", "position", "pk")


def excerpt(text: str, query: str, width: int = 90) -> str:
    """A short piece of the text around the first word the search found in it (plain text: the
    template escapes it)."""
    text = " ".join((text or "").split())
    first = first_match(text, tuple(query_stems(query)))
    if first < 0:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    start = max(0, first - width)
    end = min(len(text), first + width)
    # Whole words at both ends.
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    if end < len(text):
        space = text.rfind(" ", first, end)
        end = space if space > first else end
    piece = text[start:end]
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")

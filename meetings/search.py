"""Full-text search in the minutes: title, text, items, action items and the PDF's text.

Plain `icontains` on Minutes.search_text, one condition per word, so that it works the
same on SQLite and PostgreSQL without a search index (the archive has hundreds of
minutes, not millions). SQLite compares only ASCII letters without case, so each word is
also looked for in lower case, upper case and capitalised ("übersetzung" finds
"Übersetzung" there too).
"""

from django.db.models import F, Q, QuerySet

from .models import Minutes

MAX_WORDS = 10
MAX_WORD_LENGTH = 100


def query_words(query: str) -> list[str]:
    """The words of a search, at most MAX_WORDS, each once; NUL characters dropped."""
    words: list[str] = []
    for word in (query or "").replace("\x00", " ").split():
        word = word[:MAX_WORD_LENGTH]
        if word.casefold() not in {w.casefold() for w in words}:
            words.append(word)
        if len(words) == MAX_WORDS:
            break
    return words


def _word_condition(word: str) -> Q:
    condition = Q()
    for variant in dict.fromkeys([word, word.lower(), word.upper(), word.capitalize()]):
        condition |= Q(search_text__icontains=variant)
    return condition


def search_minutes(queryset: QuerySet[Minutes], query: str) -> QuerySet[Minutes]:
    """The minutes in `queryset` that contain every word of the query, newest first."""
    words = query_words(query)
    if not words:
        return queryset.none()
    for word in words:
        queryset = queryset.filter(_word_condition(word))
    return queryset.order_by(F("held_on").desc(nulls_last=True), "-year", "position", "pk")


def excerpt(text: str, query: str, width: int = 90) -> str:
    """A short piece of the text around the first word of the query found in it (plain
    text: the template escapes it)."""
    text = " ".join((text or "").split())
    # lower(), not casefold(): it keeps the length, so positions stay those of the text.
    lowered = text.lower()
    positions = [lowered.find(word.lower()) for word in query_words(query)]
    positions = [position for position in positions if position >= 0]
    if not positions:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    first = min(positions)
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

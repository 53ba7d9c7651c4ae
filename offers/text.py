"""The text index's answer to a search's words: the offers with every word (and the filters),
and of them those with every word in a title, best first.

It is a large part of a search's time (at 100,000 offers, for the API's page of 50 with a
word and a filter on PostgreSQL, the words' bitmaps and the query that ranks the titles take
about 5 ms of 16), and the same question comes again and again: the next page of a search, the
same results in another order, the API's next page, a popular word. So each process keeps the
last KEPT answers for the version of the index they were read from (offers/index.py writes
a new version with every change to the index, in the same transaction), and an answer is
never used once the index has changed.
"""

# SQL here is built from constants; what a user types only ever reaches it as a parameter
# (or as stemmed letters and digits in a quoted FTS5 or tsquery term).
# ruff: noqa: S608

import functools
import operator
import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass

from django.db import connection

from . import index

KEPT = 64  # answers per process: at most 64 × (12.5 kB + 8 bytes per offer found in a title)
# How SQLite ranks: BM25, a word in a title worth four in the other texts.
BM25 = "bm25(offers_search, 4.0, 1.0, 0.0)"


@dataclass(frozen=True)
class Answer:
    # bitmap (offers/index.py) of the offers with every word (on SQLite, and the filters: search()
    # ANDs their bitmaps in any case)
    matches: int
    titled: array | None  # ids of those with every word in a title, best first; None: not asked


_answers: OrderedDict[tuple, Answer] = OrderedDict()
_lock = threading.Lock()  # for threaded servers: the answers are shared by the threads


def answer(q: str, filters: list[tuple[str, str]], version: bytes, ranked_titles: bool) -> Answer:
    """The text index's answer for the words of `q` and the filters, with the offers found in a
    title ranked if `ranked_titles`; `version` is the index's (index.read_bitmaps())."""
    key = (connection.alias, connection.settings_dict["NAME"], version, tuple(index.query_words(q)), *filters)
    with _lock:
        kept = _answers.get(key)
        if kept is not None:
            _answers.move_to_end(key)
    if kept is not None and (kept.titled is not None or not ranked_titles):
        return kept
    found = _ask(q, filters, ranked_titles, kept)
    with _lock:
        _answers[key] = found
        _answers.move_to_end(key)
        while len(_answers) > KEPT:
            _answers.popitem(last=False)
    return found


def forget() -> None:
    """Drops the answers this process keeps: the next search asks the text index again (the
    benchmark measures searches both ways)."""
    with _lock:
        _answers.clear()


def _ask(q: str, filters: list[tuple[str, str]], ranked_titles: bool, kept: Answer | None) -> Answer:
    """One or two queries: the matches, unless `kept` has them (SQLite: as one text, faster to
    read than rows; PostgreSQL: from the words' bitmaps), and the ranked titles if asked for."""
    if connection.vendor == "sqlite":
        matches = "SELECT group_concat(rowid) FROM offers_search WHERE offers_search MATCH %s"
        titles = f"SELECT rowid FROM offers_search WHERE offers_search MATCH %s ORDER BY {BM25}, rowid"
        matches_args = [index.fts5_query(q, filters)]
        titles_args = [index.fts5_query(q, filters, titles=True)]
    else:
        query, titles_args = tsquery(q, filters)
        titles = f"SELECT offer_id FROM offers_search_title_ranks({query}) ORDER BY rank DESC, offer_id"
    with connection.cursor() as cursor:
        if kept is not None:
            bitmap = kept.matches
        elif connection.vendor == "sqlite":
            cursor.execute(matches, matches_args)
            (found,) = cursor.fetchone()
            bitmap = index.bitmap_of(map(int, found.split(","))) if found else 0
        else:
            bitmap = _words_match(cursor, q)
        if not ranked_titles:
            return Answer(bitmap, None)
        if not bitmap:
            return Answer(0, array("q"))
        cursor.execute(titles, titles_args)
        return Answer(bitmap, array("q", (pk for (pk,) in cursor.fetchall())))


def _words_match(cursor, q: str) -> int:
    """PostgreSQL: the offers that have, for every word of `q` (as PostgreSQL stems it), a word
    that begins with it, from the words' bitmaps (offers/index.py). The filters are ANDed by
    search() from the facets' bitmaps."""
    cursor.execute(
        "SELECT stem, word.offers FROM unnest(tsvector_to_array(to_tsvector('german', %s))) AS stem"
        f" LEFT JOIN {index.WORDS_TABLE} word ON word.word >= stem AND word.word < stem || chr(1114111)",
        [" ".join(index.query_words(q))],
    )
    stems: dict[str, int] = {}
    for stem, offers in cursor.fetchall():
        stems[stem] = stems.get(stem, 0) | (int.from_bytes(offers, "little") if offers else 0)
    return functools.reduce(operator.and_, stems.values()) if stems else 0


def tsquery(q: str, filters: list[tuple[str, str]] = ()) -> tuple[str, list]:
    """SQL for a tsquery of the words (stemmed by PostgreSQL) and the filters' tokens."""
    parts, args = [], []
    if index.query_words(q):
        parts.append("to_tsquery('german', %s)")
        args.append(index.tsquery(q))
    if filters:
        parts.append("%s::tsquery")
        args.append(index.facets_tsquery(filters))
    return " && ".join(parts), args

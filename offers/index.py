"""The search index of the directory: each listed offer's words and facets, ready for search.

An offer is in the index while it is listed: active, of an organisation that is
a member today, and not expired when it was indexed. Its dates are checked again
by every search (an offer can expire or start overnight without being saved).

- `offers_search_entry` (both databases): one row per listed offer with its
  dates and its facets, the filter values it has, as `facet:value` lines
  ("topic:aufenthaltsrecht", "language:ar", "city:Göttingen", "channel:by_phone",
  "free:1"): what the search counts. offer_id is the offer's id.
- `offers_search_facet` (both): for each facet value, and for all listed offers (key
  "*"), a bitmap of the offers with it: bit i of the little-endian bytes is the offer
  with id i (12.5 kB for 100,000 ids). A search counts its facets by ANDing these.
- `offers_search_name` (both): each listed offer's title in each language of the site
  (the German one where it has none), as it sorts in that language (`sort_key()`): to
  sort by name. The keys compare in binary order (SQLite's, and COLLATE "C" on
  PostgreSQL since migration 0005), whatever the server's locale.
- SQLite: the FTS5 table `offers_search`, rowid = offer id, with the words of
  the offer stemmed here in Python with the German Snowball stemmer (lowercased;
  the stemmer itself folds umlauts), stop words left out as PostgreSQL leaves them
  out (netzwerk/stemming.py): `title` (its titles in every language) and
  `body` (descriptions in every language, the names of its lists and languages in
  every language, its organisation's name, the towns of its places), and `facets`,
  one opaque token per facet value (`token()`), so that filters are FTS5 terms too.
- PostgreSQL: `offers_search_index` with `document`, the same text unstemmed, and
  `vector`: to_tsvector('german', …) of it, titles weighted A, plus the facet
  tokens; `offers_search_titles` with `titles`: the titles' part and the facet
  tokens; each vector under a GIN index. PostgreSQL stems with the same Snowball
  algorithm and drops the same stop words. `offers_search_words`: for each word
  of the vectors, a bitmap of the offers that have it, as the facets have theirs:
  a search ORs those of the words that begin with each of its words (migration
  0009). The function offers_search_matches(tsquery) gives the ids of the
  offers that match through the GIN index (for `search.matching()`), and
  offers_search_title_ranks(tsquery) those whose titles match, with their
  ts_rank. Ranking reads `titles`, kept in the row, at hand (migration 0008).

Migration 0002 makes the tables. The signals (offers/signals.py) keep them
current; `reindex()` rebuilds them after bulk loads, as does
`manage.py reindex_offers`, and migration 0009 (in 0005's and 0008's place) after
the languages fa, tr, ru and uk came and stop words left the SQLite texts.
"""

# SQL here is built from constants and names chosen here; what a user types only ever
# reaches it as a parameter (or as stemmed letters and digits in a quoted FTS5 or tsquery term).
# ruff: noqa: S608

import hashlib
import secrets
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date

from django.db import connection, transaction
from django.utils import timezone
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from netzwerk.stemming import search_words, stem, stemmed

from .models import Location, Offer, Term

TEXT_TABLE = "offers_search"  # SQLite
VECTOR_TABLE = "offers_search_index"  # PostgreSQL
TITLES_TABLE = "offers_search_titles"  # PostgreSQL
WORDS_TABLE = "offers_search_words"  # PostgreSQL
ENTRY_TABLE = "offers_search_entry"
FACET_TABLE = "offers_search_facet"
NAME_TABLE = "offers_search_name"
ALL = "*"  # the facet key of the bitmap of all listed offers
IMPORTED = ("imported", "1")  # the facet of offers imported from neighbouring networks
CHANNELS = ("in_person", "by_phone", "by_video", "by_email", "by_chat")
FACET_OF_TAXONOMY = {
    Term.Taxonomy.CATEGORY: "category",
    Term.Taxonomy.TOPIC: "topic",
    Term.Taxonomy.TARGET_GROUP: "target_group",
}
# How many words of a query count, and how long one may be: enough for any real search.
MAX_QUERY_WORDS = 12
MAX_WORD_LENGTH = 40
BATCH = 1000

_local = threading.local()  # what deferred() collects, per thread


def localized(field: str) -> list[str]:
    """The columns of a translated field: title -> [title_de, title_en, title_ar, ...]."""
    return [build_localized_fieldname(field, language) for language in AVAILABLE_LANGUAGES]


# Words ------------------------------------------------------------------------------------------


def query_words(q: str) -> list[str]:
    """The words of a search (netzwerk/stemming.py): without stop words, at most MAX_QUERY_WORDS,
    each cut to MAX_WORD_LENGTH. No words left (only stop words) is a search without words."""
    return search_words(q, MAX_QUERY_WORDS, MAX_WORD_LENGTH)


def token(facet: str, value: str) -> str:
    """The index term of a facet value: letters and digits only, the same in FTS5 and tsvector."""
    return "f" + hashlib.blake2b(f"{facet}:{value}".encode(), digest_size=6).hexdigest()


# The alphabets whose order is neither Unicode's nor that of their letters without accents:
# Farsi's letters that Arabic has not (پ چ ژ ک گ) stand among Arabic's, Turkish ç ğ ı ö ş ü
# and Ukrainian ґ є і ї are letters of their own after c g h o s u and г е и і, Russian ё and
# й after е and и. (German and English sort without accents: "Ärzte" among the A.)
ALPHABETS = {
    "fa": "ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی",
    "tr": "a b c ç d e f g ğ h ı i j k l m n o ö p q r s ş t u ü v w x y z",
    "ru": "а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я",
    "uk": "а б в г ґ д е є ж з и і ї й к л м н о п р с т у ф х ц ч ш щ ь ю я",
}
# Arabic's forms of Farsi's letters: the same letter in a Farsi title.
SAME_LETTER = {"fa": {"ك": "ک", "ي": "ی", "ى": "ی", "ة": "ه"}}
# Each letter of an alphabet sorts as a character of its own in that order: one of Unicode's
# private use, after every letter a title may otherwise have (the names sort in binary order).
_RANKS = {
    language: {
        **{letter: chr(0xE000 + rank) for rank, letter in enumerate(alphabet.split())},
        **{
            other: chr(0xE000 + alphabet.split().index(letter))
            for other, letter in SAME_LETTER.get(language, {}).items()
        },
    }
    for language, alphabet in ALPHABETS.items()
}


def sort_key(title: str, language: str = DEFAULT_LANGUAGE) -> str:
    """How a title sorts in a language: without case and accents ("Ärzte" among the A, "ß" as
    "ss"), the letters of the language's alphabet in its order (ALPHABETS)."""
    if language == "tr":  # Turkish has a dotted and a dotless i, also in capitals
        title = title.replace("I", "ı").replace("İ", "i")
    text = title.casefold().replace("\u200c", "")  # the zero-width non-joiner of Farsi words
    ranks = _RANKS.get(language, {})
    text = "".join(ranks.get(c, c) for c in text)  # before the accents go: "ç" is no "c" in Turkish
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ranks.get(c, c) for c in decomposed if not unicodedata.combining(c))  # "آ" is "ا"
    return " ".join(text.split())


def fts5_query(q: str, filters: Iterable[tuple[str, str]] = (), titles: bool = False) -> str:
    """An FTS5 MATCH expression: every word stemmed and matched as a prefix in the texts (or the
    titles only), every filter as its facet token; all required. Words hold only letters and
    digits and are quoted, so nothing the user types is FTS5 syntax."""
    columns = "title" if titles else "title body"
    parts = [f'{{{columns}}} : "{stem(word)}"*' for word in query_words(q)]
    parts += [f'facets : "{token(facet, value)}"' for facet, value in filters]
    return " AND ".join(parts)


def tsquery(q: str) -> str:
    """A to_tsquery('german', ...) text: every word as a prefix, all required. Only letters
    and digits reach it, quoted, so nothing the user types is tsquery syntax; PostgreSQL stems."""
    return " & ".join(f"'{word}':*" for word in query_words(q))


def facets_tsquery(filters: Iterable[tuple[str, str]]) -> str:
    """The filters as a tsquery of facet tokens (cast with ::tsquery, not stemmed)."""
    return " & ".join(f"'{token(facet, value)}'" for facet, value in filters)


# Keeping the index current ----------------------------------------------------------------------


def reindex(offer_ids: Iterable[int] | None = None) -> int:
    """Writes the index entries of these offers, or of all when None (then the whole index
    is rebuilt). Offers that are gone or not listed lose their entries. Returns how many
    offers are in the index afterwards among those asked for."""
    if offer_ids is not None and _deferred_ids() is not None:
        _deferred_ids().update(offer_ids)
        return 0
    rebuild = offer_ids is None
    written = 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # One writer of the index at a time, until it commits: two saves at once must not
            # lose each other's bits in the words' bitmaps, also of a word that neither found
            # in the table. Taken before any of the index's rows, it adds no deadlock.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [WORDS_TABLE])
        if rebuild:
            _clear()
            ids = list(Offer.objects.order_by("pk").values_list("pk", flat=True))
            bitmaps: dict[str, bytearray] = defaultdict(bytearray)
        else:
            ids = sorted(set(offer_ids))
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            entries = _entries(chunk)
            if rebuild:
                for pk, entry in entries.items():
                    for key in entry.keys:
                        set_bit(bitmaps[key], pk)
            else:
                _update_bitmaps(chunk, entries)
                words_before = _words_of(chunk)
                _delete(chunk)
            _insert(entries)
            if not rebuild:
                _update_words(chunk, words_before)
            written += len(entries)
        if rebuild:
            _write_bitmaps(bitmaps)
            _write_all_words()
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    # One segment instead of one per batch: smaller and faster to search.
                    cursor.execute(f"INSERT INTO {TEXT_TABLE} ({TEXT_TABLE}) VALUES ('optimize')")
                else:
                    # Into the GIN indexes what waits in their lists of pending entries: a search
                    # reads those in full each time.
                    cursor.execute(
                        "SELECT gin_clean_pending_list('offers_search_index_vector'),"
                        " gin_clean_pending_list('offers_search_titles_vector')"
                    )
    return written


# Bitmaps: bit i of a bytearray (little-endian) stands for the offer with id i.


def set_bit(bitmap: bytearray, i: int) -> None:
    if len(bitmap) <= i >> 3:
        bitmap.extend(bytes((i >> 3) + 1 - len(bitmap)))
    bitmap[i >> 3] |= 1 << (i & 7)


def clear_bit(bitmap: bytearray, i: int) -> None:
    if len(bitmap) > i >> 3:
        bitmap[i >> 3] &= ~(1 << (i & 7)) & 0xFF


def bitmap_of(ids: Iterable[int]) -> int:
    """A set of offer ids as a Python int, to AND and count (int.bit_count)."""
    ids = list(ids)
    if not ids:
        return 0
    bitmap = bytearray((max(ids) >> 3) + 1)
    for i in ids:  # the loop that search time grows with: kept to the bare bytes
        bitmap[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bitmap, "little")


def ids_of(bitmap: int) -> list[int]:
    """The offer ids of a bitmap, in order."""
    data = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")
    return [i << 3 | bit for i, byte in enumerate(data) if byte for bit in range(8) if byte >> bit & 1]


VERSION = ""  # the facet table's row whose `offers` says which bitmaps it holds: new with every write


@dataclass(frozen=True)
class _Bitmaps:
    version: bytes
    bitmaps: dict[str, int]
    today: date | None = None
    out_of_date: int = 0  # the listed offers that are out of date `today`


_cached: dict[tuple, _Bitmaps] = {}


def read_bitmaps() -> tuple[dict[str, int], int, bytes]:
    """Every facet value's bitmap and ALL's, {key: int}, and the bitmap of the listed offers
    that are out of date today (not started or ended since they were indexed: a handful), and
    the version of the index they are of (offers/text.py keeps the text index's answers for it).

    One query. What it reads is kept in the process while the VERSION row says it is current:
    the bitmaps are read again only when they were written since, and the offers out of date
    (a second query) when they were, or the day changed."""
    database = (connection.alias, connection.settings_dict["NAME"])
    kept = _cached.get(database, _Bitmaps(b"", {}))
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, offers FROM {FACET_TABLE} WHERE name = %s"
            f" OR (SELECT offers FROM {FACET_TABLE} WHERE name = %s) <> %s",
            [VERSION, VERSION, kept.version],
        )
        fresh = {name: bytes(offers) for name, offers in cursor.fetchall()}
        if VERSION not in fresh:  # nothing indexed yet
            kept = _Bitmaps(b"", {})
        elif fresh[VERSION] != kept.version:
            version = fresh.pop(VERSION)
            kept = _Bitmaps(version, {key: int.from_bytes(offers, "little") for key, offers in fresh.items()})
        if kept.today != today:
            sql = f"SELECT offer_id FROM {ENTRY_TABLE} WHERE valid_from > %s OR valid_until < %s"
            cursor.execute(sql, [today, today])
            kept = replace(kept, today=today, out_of_date=bitmap_of(pk for (pk,) in cursor.fetchall()))
    _cached[database] = kept
    return kept.bitmaps, kept.out_of_date, kept.version


def _update_bitmaps(offer_ids: list[int], entries: dict[int, "_Entry"]) -> None:
    """Takes these offers out of the bitmaps they were in and puts the listed ones into theirs."""
    marks = ", ".join(["%s"] * len(offer_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT facets FROM {ENTRY_TABLE} WHERE offer_id IN ({marks})",
            offer_ids,
        )
        keys = {ALL}.union(*(lines.split("\n") for (lines,) in cursor.fetchall()))
        keys = keys.union(*(entry.keys for entry in entries.values()))
        keys.discard("")
        marks = ", ".join(["%s"] * len(keys))
        # Sorted, and locked on PostgreSQL: two saves at once must not lose each other's bits.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        cursor.execute(
            f"SELECT name, offers FROM {FACET_TABLE} WHERE name IN ({marks}) ORDER BY name{lock}",
            sorted(keys),
        )
        bitmaps = {key: bytearray(offers) for key, offers in cursor.fetchall()}
    for key in keys:
        bitmap = bitmaps.setdefault(key, bytearray())
        for pk in offer_ids:
            clear_bit(bitmap, pk)
    for pk, entry in entries.items():
        for key in entry.keys:
            set_bit(bitmaps[key], pk)
    _write_bitmaps(bitmaps)


def touch() -> None:
    """A new version of the index, with nothing else changed: what processes keep of the lists
    (offers/results.py) is read again."""
    _write_bitmaps({})


def _write_bitmaps(bitmaps: dict[str, bytearray]) -> None:
    """Stores the facets' bitmaps and a new VERSION."""
    _store(FACET_TABLE, "name", bitmaps, (VERSION, secrets.token_bytes(8)))


def _store(table: str, key: str, bitmaps: dict[str, bytes | bytearray], *extra: tuple[str, bytes]) -> None:
    """Stores bitmaps by their keys, without their trailing zero bytes (empty ones are deleted),
    and the `extra` rows as they are."""
    rows = [*((name, bytes(bitmap.rstrip(b"\0"))) for name, bitmap in bitmaps.items()), *extra]
    empty = [name for name, offers in rows if not offers]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({key}, offers) VALUES (%s, %s)"
            f" ON CONFLICT ({key}) DO UPDATE SET offers = excluded.offers",
            [(name, offers) for name, offers in rows if offers],
        )
        for start in range(0, len(empty), BATCH):
            marks = ", ".join(["%s"] * len(empty[start : start + BATCH]))
            cursor.execute(f"DELETE FROM {table} WHERE {key} IN ({marks})", empty[start : start + BATCH])


# The words' bitmaps (PostgreSQL): for each word of the listed offers' vectors, as PostgreSQL
# stems it, the offers that have it. A search ORs those of the words that begin with each of
# its words: a lookup of a few rows, where asking the GIN index for the ids of the matches
# visits a row of the table for each (6.5 ms for the 6,782 of a word and a filter at 100,000
# offers, 0.3 ms here).


def _words_of(offer_ids: list[int]) -> dict[int, list[str]]:
    """Each of these offers' words, as its vector in the index has them now."""
    if connection.vendor != "postgresql" or not offer_ids:
        return {}
    marks = ", ".join(["%s"] * len(offer_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT offer_id, tsvector_to_array(vector) FROM {VECTOR_TABLE} WHERE offer_id IN ({marks})",
            offer_ids,
        )
        return dict(cursor.fetchall())


def _update_words(offer_ids: list[int], before: dict[int, list[str]]) -> None:
    """Takes these offers out of the bitmaps of the words they had (`before`) and puts them
    into those of the words they have now."""
    if connection.vendor != "postgresql":
        return
    now = _words_of(offer_ids)
    words = sorted(set().union(*before.values(), *now.values()))
    bitmaps: dict[str, bytearray] = {}
    with connection.cursor() as cursor:  # under reindex()'s lock
        for start in range(0, len(words), BATCH):
            chunk = words[start : start + BATCH]
            cursor.execute(
                f"SELECT word, offers FROM {WORDS_TABLE} WHERE word IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )
            bitmaps.update((word, bytearray(offers)) for word, offers in cursor.fetchall())
    for pk, lexemes in before.items():
        for word in lexemes:
            clear_bit(bitmaps.setdefault(word, bytearray()), pk)
    for pk, lexemes in now.items():
        for word in lexemes:
            set_bit(bitmaps.setdefault(word, bytearray()), pk)
    _store(WORDS_TABLE, "word", bitmaps)


def _write_all_words() -> None:
    """The words' bitmaps of the whole index, after a rebuild."""
    if connection.vendor != "postgresql":
        return
    bitmaps: dict[str, bytes] = {}
    with connection.chunked_cursor() as cursor:
        cursor.execute(
            f"SELECT word, string_agg(offer_id::text, ',') FROM {VECTOR_TABLE},"
            " unnest(tsvector_to_array(vector)) AS word GROUP BY word"
        )
        while rows := cursor.fetchmany(BATCH):
            for word, ids in rows:
                bitmap = bitmap_of(map(int, ids.split(",")))
                bitmaps[word] = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")
            if len(bitmaps) >= 10 * BATCH:
                _store(WORDS_TABLE, "word", bitmaps)
                bitmaps = {}
    _store(WORDS_TABLE, "word", bitmaps)


def _deferred_ids() -> set[int] | None:
    return getattr(_local, "deferred", None)


@contextmanager
def deferred() -> Iterator[None]:
    """Collects the offers that changes inside the block touch and indexes each once at its
    end: for loads and forms that save an offer, its lists and places one after the other."""
    if _deferred_ids() is not None:  # nested: the outer block indexes
        yield
        return
    _local.deferred = set()
    try:
        yield
        ids = _local.deferred
    finally:
        _local.deferred = None
    if ids:
        reindex(ids)


class _Entry:
    """What the index holds of one offer."""

    def __init__(self, valid_from: date | None, valid_until: date | None, titles: str) -> None:
        self.valid_from, self.valid_until, self.titles = valid_from, valid_until, titles
        self.names: dict[str, str] = {}  # language -> the title as it sorts
        self.texts: list[str] = []
        self.facets: dict[tuple[str, str], None] = {}  # an ordered set

    @property
    def body(self) -> str:
        return _join(self.texts)

    @property
    def keys(self) -> list[str]:
        """The bitmaps it is in: ALL and its facet values as "facet:value"."""
        return [ALL, *(f"{facet}:{value}" for facet, value in self.facets)]

    @property
    def facet_lines(self) -> str:
        return "\n".join(self.keys[1:])


def _entries(offer_ids: list[int]) -> dict[int, _Entry]:
    """The entries of those of these offers that are listed, in five queries."""
    today = timezone.localdate()
    titles, descriptions = localized("title"), localized("description")
    entries: dict[int, _Entry] = {}
    # By id only, and the rest in Python: a plan that needs no statistics (bulk loads have none).
    offers = (
        Offer.objects.filter(pk__in=offer_ids)
        .order_by()
        .values_list(
            "pk",
            "status",
            "valid_from",
            "valid_until",
            "organisation__name",
            "organisation__is_member",
            "organisation__left_on",
            "free_of_charge",
            "neighbour_id",
            *CHANNELS,
        )
    )
    for pk, status, valid_from, valid_until, organisation, member, left_on, free, remote, *channels in offers:
        expired = valid_until is not None and valid_until < today
        if status != Offer.Status.ACTIVE or not member or left_on is not None or expired:
            continue  # not listed: OfferQuerySet.public() says the same
        entries[pk] = entry = _Entry(valid_from, valid_until, "")
        entry.texts.append(organisation)
        entry.facets.update(
            {("channel", name): None for name, on in zip(CHANNELS, channels, strict=True) if on}
        )
        if free:
            entry.facets["free", "1"] = None
        if remote:  # from a neighbouring network (federation/): the open data API leaves it out
            entry.facets[IMPORTED] = None
    ids = list(entries)
    for pk, *texts in Offer.objects.filter(pk__in=ids).order_by().values_list("pk", *titles, *descriptions):
        entries[pk].titles = _join(texts[: len(titles)])
        shown = dict(zip(AVAILABLE_LANGUAGES, texts[: len(titles)], strict=True))
        entries[pk].names = {
            language: sort_key(title or shown[DEFAULT_LANGUAGE] or "", language)
            for language, title in shown.items()
        }
        entries[pk].texts.extend(texts[len(titles) :])
    names = localized("name")
    for pk, taxonomy, slug, *texts in (
        Offer.terms.through.objects.filter(offer_id__in=ids)
        .order_by()
        .values_list("offer_id", "term__taxonomy", "term__slug", *(f"term__{name}" for name in names))
    ):
        entries[pk].texts.extend(texts)
        entries[pk].facets[FACET_OF_TAXONOMY[taxonomy], slug] = None
    for pk, code, *texts in (
        Offer.languages.through.objects.filter(offer_id__in=ids)
        .order_by()
        .values_list(
            "offer_id", "language_id", "language__native_name", *(f"language__{name}" for name in names)
        )
    ):
        entries[pk].texts.extend(texts)
        entries[pk].facets["language", code] = None
    for pk, city, district in (
        Location.objects.filter(offer_id__in=ids).order_by("pk").values_list("offer_id", "city", "district")
    ):
        city = " ".join(city.split())  # one line
        entries[pk].texts.append(city)
        if city:
            entries[pk].facets["city", city] = None
        if district:
            entries[pk].facets["district", district] = None
    return entries


def _join(texts: Iterable[str | None]) -> str:
    """The distinct texts, in order (a translation may repeat the German one)."""
    return "\n".join(dict.fromkeys(text for text in texts if text))


def _clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ENTRY_TABLE}")
        cursor.execute(f"DELETE FROM {FACET_TABLE}")
        cursor.execute(f"DELETE FROM {NAME_TABLE}")
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {TEXT_TABLE}")
        else:
            cursor.execute(f"TRUNCATE {VECTOR_TABLE}, {TITLES_TABLE}, {WORDS_TABLE}")


def _delete(offer_ids: list[int]) -> None:
    marks = ", ".join(["%s"] * len(offer_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ENTRY_TABLE} WHERE offer_id IN ({marks})", offer_ids)
        cursor.execute(f"DELETE FROM {NAME_TABLE} WHERE offer_id IN ({marks})", offer_ids)
        if connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {TEXT_TABLE} WHERE rowid IN ({marks})", offer_ids)
        else:
            cursor.execute(f"DELETE FROM {VECTOR_TABLE} WHERE offer_id IN ({marks})", offer_ids)
            cursor.execute(f"DELETE FROM {TITLES_TABLE} WHERE offer_id IN ({marks})", offer_ids)


def _insert(entries: dict[int, _Entry]) -> None:
    if not entries:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {ENTRY_TABLE} (offer_id, valid_from, valid_until, facets) VALUES (%s, %s, %s, %s)",
            [(pk, entry.valid_from, entry.valid_until, entry.facet_lines) for pk, entry in entries.items()],
        )
        cursor.executemany(
            f"INSERT INTO {NAME_TABLE} (language, offer_id, name) VALUES (%s, %s, %s)",
            [(language, pk, name) for pk, entry in entries.items() for language, name in entry.names.items()],
        )
        if connection.vendor == "sqlite":
            cursor.executemany(
                f"INSERT INTO {TEXT_TABLE} (rowid, title, body, facets) VALUES (%s, %s, %s, %s)",
                [
                    (
                        pk,
                        stemmed(entry.titles),
                        stemmed(entry.body),
                        " ".join(token(*f) for f in entry.facets),
                    )
                    for pk, entry in entries.items()
                ],
            )
        else:
            # The words in two tables (migration 0008), each vector made once.
            cursor.executemany(
                "WITH parts AS (SELECT %s::bigint AS offer_id,"
                " setweight(to_tsvector('german', %s), 'A') AS titles, to_tsvector('german', %s) AS body,"
                " array_to_tsvector(%s::text[]) AS facets),"
                f" vectors AS (INSERT INTO {VECTOR_TABLE} (offer_id, document, vector)"
                " SELECT offer_id, %s, titles || body || facets FROM parts)"
                f" INSERT INTO {TITLES_TABLE} (offer_id, titles)"
                " SELECT offer_id, titles || facets FROM parts",
                [
                    (
                        pk,
                        entry.titles,
                        entry.body,
                        [token(*facet) for facet in entry.facets],
                        f"{entry.titles}\n\n{entry.body}",
                    )
                    for pk, entry in entries.items()
                ],
            )

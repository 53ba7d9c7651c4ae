"""The directory's search: full text with German stemming, filters, facet counts
and sorting, with a fixed number of queries whatever the number of results.

This is the interface the pages use; `search()` is the only entry point, and
`matching()` gives the same offers as a QuerySet (for a map or an export).

How a search works, on the index of offers/index.py:

1. Counting. One query reads the bitmaps of all facet values (only when they
   changed since this process last read them), and a second the few listed
   offers that are out of date today (only when the bitmaps or the day
   changed); the chosen filters' bitmaps are ANDed with that of the listed
   offers, less those. With words, the text index (offers/text.py)
   gives the offers with every word, and, to sort by relevance, those with
   every word in a title, already ranked by BM25 (SQLite FTS5) or ts_rank
   (PostgreSQL): one query, two by relevance, none when this process asked
   the same of the same version of the index before (the next page, another
   order). The filters are index terms too, so it reads only what matches
   all. The number of results and every facet count is then a popcount of an
   AND, in Python, whatever the number of results.
2. The page. By relevance: offers with every word in a title first, in their
   rank; then the others, ranked by themselves when the page reaches them
   (one query). By name (the title in the current language, without case and
   accents): along the index's titles when results are many, else sorting the
   results. By distance: the nearest place with coordinates (equirectangular),
   reading the places nearest first when results are many. One query (two,
   rarely, when the matching offers are far down the list).
3. The page's offers with organisation, places, lists and languages (three
   queries; offers/results.py), and the organisations, the lists' entries and
   languages (three, when the index's version changed since this process last
   read them).
"""

# SQL here is built from constants and names chosen here; what a user types only ever
# reaches it as a parameter (or as stemmed letters and digits in a quoted FTS5 or tsquery term).
# ruff: noqa: S608

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import AVAILABLE_LANGUAGES, DEFAULT_LANGUAGE
from modeltranslation.utils import get_language

from members.models import District

from . import index, results, text
from .models import Offer

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
SORTS = ("relevance", "name", "distance")
CHANNELS = index.CHANNELS
FACETS = ("category", "topic", "target_group", "language", "city", "district", "channel", "free")
# Far enough for any page number a person clicks to; keeps the SQL's integers small.
MAX_PAGE = 100_000
KM_PER_DEGREE = 111.195  # of latitude; a degree of longitude is this times cos(latitude)
# Sorted by name, a page is found along the sorted titles if that should read at most this many
# offers (from the share of offers that match); otherwise the matching offers are sorted.
WALK = 2000
# Sorted by distance, more matching offers than this are found by reading the nearest places.
NEAR_MANY = 5000


@dataclass(frozen=True)
class SearchParams:
    """What a search URL says (?q=…&category=…&topic=…): every field optional."""

    q: str = ""
    category: str = ""  # Term slug of the category list
    topic: str = ""  # Term slug of the topic list
    target_group: str = ""  # Term slug of the target group list
    language: str = ""  # Language code
    city: str = ""  # a Location.city
    district: str = ""  # a District value
    channel: str = ""  # one of CHANNELS
    free: bool = False  # free of charge only
    sort: str = "relevance"  # one of SORTS; "distance" needs near
    near: tuple[float, float] | None = None  # (latitude, longitude) for sort=distance
    page: int = 1
    page_size: int = PAGE_SIZE  # the search page's 20; the API's pages are larger
    # This network's own offers only, without those imported from neighbours (the open data API).
    local_only: bool = False


@dataclass(frozen=True)
class FacetValue:
    value: str  # what goes into the URL
    label: str  # shown, in the current language
    count: int
    selected: bool


@dataclass
class SearchResult:
    # of Offer, with organisation, locations, terms and languages loaded; with `near`, each
    # offer has `distance_km`, the distance of its nearest place with coordinates (or None)
    page: Page
    total: int
    # facet name ("category", "topic", "target_group", "language", "city", "district",
    # "channel", "free") -> its values with counts within the current results
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    sort: str = "relevance"  # the order used: "relevance" needs words, "distance" needs near


def matching(params: SearchParams) -> QuerySet[Offer]:
    """The public offers that match the text and the filters (unordered)."""
    sql, args = _hits(params)
    return Offer.objects.filter(pk__in=RawSQL(sql, args))  # noqa: S611 - see the top of the module


def search(params: SearchParams, facets: bool = True) -> SearchResult:
    """The page of offers that `params` asks for, with the number of all results and, if
    `facets`, every facet value's count within them (the API shows none)."""
    sort = _sort(params)
    filters = _filters(params)

    bitmaps, out_of_date, version = index.read_bitmaps()
    listed = bitmaps.get(index.ALL, 0) & ~out_of_date
    hits = listed
    for facet, value in filters:
        hits &= bitmaps.get(f"{facet}:{value}", 0)
    if params.local_only:
        hits &= ~bitmaps.get(":".join(index.IMPORTED), 0)
    titled = None
    if index.query_words(params.q):
        found = text.answer(params.q, filters, version, ranked_titles=sort == "relevance")
        hits &= found.matches
        titled = found.titled
    total = hits.bit_count()

    # The page as the Paginator numbers it: past the last page, the last page.
    size = min(max(params.page_size, 1), MAX_PAGE_SIZE)
    paginator = Paginator(_Results(total), size)
    number = paginator.validate_number(min(max(params.page, 1), paginator.num_pages))
    offset = (number - 1) * size
    if total == 0:
        ids = []
    elif sort == "relevance":
        ids = _page_by_relevance(params, filters, offset, size, hits, titled)
    else:
        # Few matches: sort them. Many: read along the titles' index or the places nearest first
        # until the page is full, as far as the share of offers that match says it should be.
        reach = math.ceil((offset + size) * listed.bit_count() / total)
        ids = None
        if sort == "name" and reach <= WALK:
            ids = _page_along_titles(hits, offset, size, 2 * reach + 200)
        elif sort == "distance" and total > NEAR_MANY:
            ids = _page_nearest_places(params, hits, offset, size, 3 * reach + 200)
        if ids is None:
            ids = _page_sorted(params, sort, offset, size)

    # Only offers imported from neighbours have one; the API shows none of them.
    offers = results.load(ids, version, neighbours=not params.local_only)
    if near := _near(params):
        for offer in offers:
            offer.distance_km = _distance_km(offer, near)
    paginator.object_list.offers = offers
    counted = {}
    if facets:
        counts = {key: (hits & bitmap).bit_count() for key, bitmap in bitmaps.items() if key != index.ALL}
        counted = _facets(params, counts, results.Lists.current(version))
    return SearchResult(page=paginator.page(number), total=total, facets=counted, sort=sort)


class _Results:
    """What the Paginator pages: as long as all results, holding the offers of one page."""

    def __init__(self, total: int) -> None:
        self.total, self.offers = total, []

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, items: slice) -> list[Offer]:
        return self.offers  # the offers of the page the Paginator shows: search() loads only those


def _sort(params: SearchParams) -> str:
    """The order asked for, if it can be had: distance needs a place, relevance needs words.
    Otherwise by relevance, and without words by name."""
    if params.sort == "distance" and _near(params):
        return "distance"
    if params.sort == "name" or not index.query_words(params.q):
        return "name"
    return "relevance"


def _filters(params: SearchParams) -> list[tuple[str, str]]:
    """The chosen filters as (facet, value), as the index has them."""
    chosen = [(facet, getattr(params, facet)) for facet in FACETS[:6] if getattr(params, facet)]
    if params.channel in CHANNELS:
        chosen.append(("channel", params.channel))
    if params.free:
        chosen.append(("free", "1"))
    return chosen


def _near(params: SearchParams) -> tuple[float, float] | None:
    if params.near is None:
        return None
    latitude, longitude = params.near
    if math.isfinite(latitude) and math.isfinite(longitude) and abs(latitude) <= 90 and abs(longitude) <= 180:
        return float(latitude), float(longitude)
    return None


def _distance_km(offer: Offer, near: tuple[float, float]) -> float | None:
    distances = [
        _equirectangular_km(near, (float(place.latitude), float(place.longitude)))
        for place in results.related(offer, "locations")
        if place.latitude is not None and place.longitude is not None
    ]
    return min(distances, default=None)


def _equirectangular_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Exact enough for a region: a few metres off over 50 km."""
    dx = (b[1] - a[1]) * math.cos(math.radians(a[0]))
    return KM_PER_DEGREE * math.hypot(b[0] - a[0], dx)


# Counting ---------------------------------------------------------------------------------------


def _out_of_date_sql() -> tuple[str, list]:
    today = timezone.localdate()
    return "(valid_from > %s OR valid_until < %s)", [today, today]


def _current_sql(alias: str) -> tuple[str, list]:
    today = timezone.localdate()
    return (
        f"({alias}.valid_from IS NULL OR {alias}.valid_from <= %s)"
        f" AND ({alias}.valid_until IS NULL OR {alias}.valid_until >= %s)",
        [today, today],
    )


# The page ---------------------------------------------------------------------------------------


def _page_by_relevance(
    params: SearchParams,
    filters: list[tuple[str, str]],
    offset: int,
    size: int,
    hits: int,
    titled: Iterable[int],
) -> list[int]:
    """Offers with every word in a title first (`titled`, ranked by the text index), then the
    others, ranked only when the page reaches them (one query)."""
    first = _ids_in(hits, titled)  # those listed today, in their order
    page = first[offset : offset + size]
    wanted, skip = size - len(page), max(0, offset - len(first))
    if wanted == 0 or hits.bit_count() == len(first):
        return page
    q = params.q
    if connection.vendor == "sqlite":
        # bm25() needs the MATCH: the others as an FTS5 query, less those not listed today.
        current, current_args = _out_of_date_sql()
        sql = (
            "SELECT rowid FROM offers_search WHERE offers_search MATCH %s"
            f" AND rowid NOT IN (SELECT offer_id FROM {index.ENTRY_TABLE} WHERE {current})"
            f"{_IMPORTED_LEFT_OUT.format(id='rowid') if params.local_only else ''}"
            f" ORDER BY {text.BM25}, rowid LIMIT %s OFFSET %s"
        )
        others = f"({index.fts5_query(q, filters)}) NOT ({index.fts5_query(q, titles=True)})"
        return page + _ids(sql, [others, *current_args, wanted, skip])
    query, args = text.tsquery(q, filters)
    sql = (
        f"SELECT offer_id FROM offers_search_index i, (SELECT {query} AS query) q"
        " WHERE i.offer_id = ANY(%s)"
        " ORDER BY ts_rank(i.vector, q.query) DESC, offer_id LIMIT %s OFFSET %s"
    )
    others = index.ids_of(hits & ~index.bitmap_of(first))
    return page + _ids(sql, [*args, others, wanted, skip])


def _ids_in(bitmap: int, ids: list[int]) -> list[int]:
    """Those of the ids whose bits are set."""
    bits = bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")
    return [pk for pk in ids if pk >> 3 < len(bits) and bits[pk >> 3] >> (pk & 7) & 1]


def _page_along_titles(hits: int, offset: int, size: int, expected: int) -> list[int] | None:
    """Sorted by name, when many offers match: read the listed offers in the order of their
    titles, as many as should hold the page's (`expected`, with room to spare), and keep those
    that match. None if they did not hold them all (rare)."""
    wanted = offset + size
    matched = hits.to_bytes((hits.bit_length() + 7) // 8, "little")
    found = []
    sql = f"SELECT offer_id FROM {index.NAME_TABLE} WHERE language = %s ORDER BY name, offer_id LIMIT %s"
    for (pk,) in _rows(sql, [_name_language(), expected]):
        if pk >> 3 < len(matched) and matched[pk >> 3] >> (pk & 7) & 1:
            found.append(pk)
            if len(found) == wanted:
                return found[offset:]
    return found[offset:] if len(found) == hits.bit_count() else None


def _page_nearest_places(
    params: SearchParams, hits: int, offset: int, size: int, expected: int
) -> list[int] | None:
    """Sorted by distance, when many offers match: read the places nearest first, as many as
    should hold the page's offers (`expected`), and keep the offers that match. None if they
    did not hold them all."""
    wanted = offset + size
    matched = hits.to_bytes((hits.bit_length() + 7) // 8, "little")
    distance, args = _distance_sql(params)
    sql = (
        f"SELECT l.offer_id FROM offers_location l WHERE l.latitude IS NOT NULL AND l.longitude IS NOT NULL"
        f" ORDER BY {distance}, l.offer_id LIMIT %s"
    )
    found: dict[int, None] = {}
    for (pk,) in _rows(sql, [*args, expected]):
        if pk >> 3 < len(matched) and matched[pk >> 3] >> (pk & 7) & 1:
            found[pk] = None
            if len(found) == wanted:
                return list(found)[offset:]
    return list(found)[offset:] if len(found) == hits.bit_count() else None


def _page_sorted(params: SearchParams, sort: str, offset: int, size: int) -> list[int]:
    """Sorted by name or distance when few offers match: the matching offers, sorted."""
    hits, args = _hits(params)
    if sort == "name":
        sql = (
            f"SELECT hits.id FROM ({hits}) hits JOIN {index.NAME_TABLE} n"
            " ON n.language = %s AND n.offer_id = hits.id"
            f" ORDER BY n.name, hits.id LIMIT {size} OFFSET {offset}"
        )
        return _ids(sql, [*args, _name_language()])
    # The nearest place with coordinates; offers without any come last.
    distance, distance_args = _distance_sql(params)
    sql = (
        f"SELECT hits.id FROM ({hits}) hits LEFT JOIN offers_location l ON l.offer_id = hits.id"
        " AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL GROUP BY hits.id"
        f" ORDER BY CASE WHEN MIN({distance}) IS NULL THEN 1 ELSE 0 END, MIN({distance}), hits.id"
        f" LIMIT {size} OFFSET {offset}"
    )
    return _ids(sql, [*args, *distance_args, *distance_args])


def _distance_sql(params: SearchParams) -> tuple[str, list]:
    """How far a place `l` is from params.near: equirectangular, in degrees of latitude, squared
    (no square root needed to sort)."""
    latitude, longitude = _near(params)
    stretch = math.cos(math.radians(latitude)) ** 2
    if connection.vendor == "sqlite":
        lat, lng = "l.latitude", "l.longitude"
    else:  # numeric is slow to compute with
        lat, lng = "CAST(l.latitude AS DOUBLE PRECISION)", "CAST(l.longitude AS DOUBLE PRECISION)"
    return (
        f"(({lat} - %s) * ({lat} - %s) + ({lng} - %s) * ({lng} - %s) * %s)",
        [latitude, latitude, longitude, longitude, stretch],
    )


def _ids(sql: str, args: list) -> list[int]:
    return [pk for (pk,) in _rows(sql, args)]


def _rows(sql: str, args: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return cursor.fetchall()


def _name_language() -> str:
    """The language whose titles a search sorts by: the current one (German if not a language
    of the site)."""
    language = get_language()
    return language if language in AVAILABLE_LANGUAGES else DEFAULT_LANGUAGE


def _matches(params: SearchParams) -> tuple[str, list]:
    """A table expression of the offers (offer_id) that the text index finds for the words and
    filters, or "" without any."""
    filters = _filters(params)
    if not index.query_words(params.q) and not filters:
        return "", []
    if connection.vendor == "sqlite":
        return (
            "(SELECT rowid AS offer_id FROM offers_search WHERE offers_search MATCH %s) matches",
            [index.fts5_query(params.q, filters)],
        )
    query, args = text.tsquery(params.q, filters)
    return f"offers_search_matches({query}) matches", args


def _hits(params: SearchParams) -> tuple[str, list]:
    """SELECT id of the offers that match and are valid today."""
    text, args = _matches(params)
    source = (
        f"{text} JOIN {index.ENTRY_TABLE} e ON e.offer_id = matches.offer_id"
        if text
        else f"{index.ENTRY_TABLE} e"
    )
    current, current_args = _current_sql("e")
    if params.local_only:
        current += _IMPORTED_LEFT_OUT.format(id="e.offer_id")
    return f"SELECT e.offer_id AS id FROM {source} WHERE {current}", [*args, *current_args]


_IMPORTED_LEFT_OUT = " AND {id} NOT IN (SELECT id FROM offers_offer WHERE neighbour_id IS NOT NULL)"


# Facets -----------------------------------------------------------------------------------------


def _facets(
    params: SearchParams, counts: dict[str, int], lists: results.Lists
) -> dict[str, list[FacetValue]]:
    """The facet values with a count, or chosen; labels in the current language."""
    facets: dict[str, list[FacetValue]] = {name: [] for name in FACETS}

    def add(facet: str, value: str, label: str) -> None:
        count = counts.get(f"{facet}:{value}", 0)
        selected = (params.free and value == "1") if facet == "free" else value == getattr(params, facet)
        if count or selected:
            facets[facet].append(FacetValue(value, str(label), count, selected))

    for term in lists.terms.values():  # in the lists' order
        if facet := index.FACET_OF_TAXONOMY.get(term.taxonomy):
            add(facet, term.slug, term.name)
    for language in lists.languages.values():
        add("language", language.code, language.name)
    cities = {key.split(":", 1)[1] for key, count in counts.items() if key.startswith("city:") and count}
    for city in sorted(cities | ({params.city} if params.city else set())):
        add("city", city, city)
    for district in District:
        add("district", district.value, district.label)
    for channel in CHANNELS:
        add("channel", channel, Offer._meta.get_field(channel).verbose_name)
    add("free", "1", _("free of charge"))
    return facets

"""The offers of a page of search results (offers/search.py), loaded with what the search page
and the API show of them: organisation, places, entries of the lists and languages.

A page has 20 to 100 offers, and its time goes into making objects more than into the
queries, so each object is made once: the offers without the long texts that no list shows
and their places, each by one plain query, and the organisations, the entries of the lists and
the languages, shared by all offers and kept in the process (`Organisations`, `Lists`) for as
long as the index's version stays. Three queries, whatever the number of offers: the offers,
their places, their links to the lists' entries and to languages; one more for the
neighbouring networks of offers imported from one, one for organisations the process has not
made since the version changed, two more when the version has changed.
"""

# SQL here is built from the tables' names and placeholders only.
# ruff: noqa: S608

from collections import defaultdict
from collections.abc import Iterable
from typing import Self

from django.db import connection
from django.db.models import Field, Model, QuerySet
from django.db.models.sql import Query
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from members.models import Organisation

from .models import Language, Location, Offer, Term
from .translation import OFFER_TEXTS


def load(ids: list[int], version: bytes, neighbours: bool = True) -> list[Offer]:
    """The offers of `ids`, in that order, with their places and, if `neighbours`, the
    neighbouring network of those imported from one; with their organisations, entries of the
    lists and languages as kept for the index's `version` (`Organisations`, `Lists`), as
    `offer.organisation`, `offer.locations.all()`, `offer.terms.all()` and
    `offer.languages.all()` give them."""
    positions = {pk: position for position, pk in enumerate(ids)}
    offers = sorted(_rows(Offer, OFFER_FIELDS, "id", ids), key=lambda offer: positions[offer.pk])
    places: dict[int, list[Location]] = {pk: [] for pk in positions}
    for place in _rows(Location, Location._meta.concrete_fields, "offer_id", ids):
        places[place.offer_id].append(place)
    for offer in offers:
        _prefetched(offer, "locations", places[offer.pk])
    if neighbours:
        _attach_neighbours(offers)
    Organisations.current(version).attach(offers)
    Lists.current(version).attach(offers)
    return offers


def _rows(model: type[Model], fields: Iterable[Field], column: str, values: list) -> list[Model]:
    """The rows of `model` whose `column` is one of `values`, as instances with these fields
    (the others deferred): one plain query, its values converted as Django converts them.
    Through a queryset, Django took as long to write the query for fifty ids as the database
    took to answer it."""
    if not values:
        return []
    fields = list(fields)
    table = model._meta.db_table
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {', '.join(quote(field.column) for field in fields)} FROM {quote(table)}"
        f" WHERE {quote(column)} IN ({', '.join(['%s'] * len(values))})"
    )
    compiler = Query(model).get_compiler(connection=connection)
    converters = compiler.get_converters([field.get_col(table) for field in fields])
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        rows = cursor.fetchall()
    if converters:
        rows = compiler.apply_converters(rows, converters)
    names = [field.attname for field in fields]
    return [model.from_db(connection.alias, names, row) for row in rows]


def _attach_neighbours(offers: list[Offer]) -> None:
    """`offer.neighbour` of each offer: a query only if some of them were imported."""
    field = Offer._meta.get_field("neighbour")
    found = {}
    if wanted := {offer.neighbour_id for offer in offers} - {None}:
        found = {neighbour.pk: neighbour for neighbour in QuerySet(field.related_model).filter(pk__in=wanted)}
    for offer in offers:
        field.set_cached_value(offer, found.get(offer.neighbour_id))


# What a page of results does not show of its offers: their texts but the title, in every
# language, two thirds of their columns. (Offer.from_db() makes leaving them out cheaper than
# reading them.)
LONG_TEXTS = [
    name
    for field in OFFER_TEXTS
    if field != "title"
    for name in (field, *(build_localized_fieldname(field, language) for language in AVAILABLE_LANGUAGES))
]
OFFER_FIELDS = [field for field in Offer._meta.concrete_fields if field.attname not in LONG_TEXTS]
_kept: dict[tuple, "Kept"] = {}


class Kept:
    """What a process keeps per database for the index's version (index.read_bitmaps()), and
    makes again for a new one: every change to the index, to the lists and languages and to the
    organisations writes a new version (offers/signals.py)."""

    def __init__(self, version: bytes) -> None:
        self.version = version

    @classmethod
    def current(cls, version: bytes) -> Self:
        key = (cls, connection.alias, connection.settings_dict["NAME"])
        kept = _kept.get(key)
        if kept is None or kept.version != version:
            kept = _kept[key] = cls(version)
        return kept


class Organisations(Kept):
    """The offers' organisations, each made once: a page's offers are of a few of the network's
    organisations, and making them anew for each page was a fifth of loading it."""

    def __init__(self, version: bytes) -> None:
        super().__init__(version)
        self.organisations: dict[int, Organisation] = {}

    def attach(self, offers: list[Offer]) -> None:
        """Each offer's organisation, as `offer.organisation` gives it: a query for those that
        this process has not made since the version changed."""
        if missing := {offer.organisation_id for offer in offers} - self.organisations.keys():
            self.organisations.update(
                (organisation.pk, organisation)
                for organisation in QuerySet(Organisation).filter(pk__in=missing)
            )
        field = Offer._meta.get_field("organisation")
        for offer in offers:
            field.set_cached_value(offer, self.organisations[offer.organisation_id])


class Lists(Kept):
    """The entries of the lists and the languages, in the lists' order, as shared objects: a page
    of fifty offers would otherwise make three hundred instances of the same forty entries."""

    def __init__(self, version: bytes) -> None:
        super().__init__(version)
        self._read()

    def _read(self) -> None:
        # Plain querysets, in the lists' order (modeltranslation's cost as much again).
        self.terms = {term.pk: term for term in QuerySet(Term)}
        self.languages = {language.pk: language for language in QuerySet(Language)}

    def attach(self, offers: list[Offer]) -> None:
        """Each offer's terms and languages, from the offers' links to them: one query."""
        links = _links([offer.pk for offer in offers])
        if not self._knows(links):
            self._read()  # entries written without signals (bulk_create): read them again
        for name, items in (("terms", self.terms), ("languages", self.languages)):
            order = {pk: position for position, pk in enumerate(items)}
            chosen = links[name]
            for offer in offers:
                pks = sorted(chosen.get(offer.pk, ()), key=order.__getitem__)
                _prefetched(offer, name, [items[pk] for pk in pks])

    def _knows(self, links: dict[str, dict[int, list]]) -> bool:
        return all(pk in self.terms for pks in links["terms"].values() for pk in pks) and all(
            pk in self.languages for pks in links["languages"].values() for pk in pks
        )


def _links(ids: list[int]) -> dict[str, dict[int, list]]:
    """For "terms" and "languages": offer id -> the keys of its entries of the lists or of its
    languages. One plain query of both tables of links: through the ORM, two took as long as
    the rest of attaching them."""
    terms: dict[int, list] = defaultdict(list)
    languages: dict[int, list] = defaultdict(list)
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        # A column for each kind of key: an entry's is a number, a language's its code.
        sql = (
            f"SELECT offer_id, term_id, NULL FROM {Offer.terms.through._meta.db_table}"
            f" WHERE offer_id IN ({marks}) UNION ALL"
            f" SELECT offer_id, NULL, language_id FROM {Offer.languages.through._meta.db_table}"
            f" WHERE offer_id IN ({marks})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*ids, *ids])
            for offer_id, term, language in cursor.fetchall():
                if term is None:
                    languages[offer_id].append(language)
                else:
                    terms[offer_id].append(term)
    return {"terms": terms, "languages": languages}


def related(offer: Offer, name: str) -> list[Model]:
    """`offer.<name>.all()` ("terms", "languages", "locations") as load() or prefetch_related()
    left it, without the related manager that `offer.<name>` makes anew each time: 7 µs each,
    and a page of fifty offers asks for 150."""
    cached = getattr(offer, "_prefetched_objects_cache", {}).get(name)
    return cached._result_cache if cached is not None else list(getattr(offer, name).all())


def _prefetched(offer: Offer, name: str, objects: list[Model]) -> None:
    """`offer.<name>.all()` gives `objects`, without a query (as prefetch_related() leaves it)."""
    cached = QuerySet(Offer._meta.get_field(name).related_model)
    cached._result_cache = objects
    cached._prefetch_done = True
    if not hasattr(offer, "_prefetched_objects_cache"):
        offer._prefetched_objects_cache = {}
    offer._prefetched_objects_cache[name] = cached

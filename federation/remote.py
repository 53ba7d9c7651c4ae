"""What a neighbour's open data API says: its offers and their organisations, read and
checked before anything here changes (federation/importer.py then applies them).

The list of offers (`/api/v1/offers/?page_size=100`, all pages) holds what is cheap to
compare: lists, languages, places, channels and the time of the offer's last change. An
offer's texts and details are read (`/api/v1/offers/<id>/`, in each language this portal
and the neighbour share) only when it is new or changed since the last import, so that an
import of thousands of offers that did not change costs a few dozen requests.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from offers.index import CHANNELS
from offers.models import Offer, Term
from offers.translation import OFFER_TEXTS

from .client import FetchError, get_json, with_query
from .reader import Reader

PAGE_SIZE = 100
MAX_PAGES = 2000
TAXONOMIES = {
    "categories": Term.Taxonomy.CATEGORY,
    "topics": Term.Taxonomy.TOPIC,
    "target_groups": Term.Taxonomy.TARGET_GROUP,
}


def _max(model_field: str) -> int | None:
    return Offer._meta.get_field(model_field).max_length


@dataclass
class RemoteOrganisation:
    slug: str
    name: str
    descriptions: dict[str, str]  # language -> Markdown
    website: str
    email: str
    phone: str
    street: str
    postcode: str
    city: str
    page_url: str


@dataclass
class RemoteOffer:
    remote_id: str
    organisation: str  # its slug there
    updated_at: datetime.datetime
    page_url: str
    api_url: str
    terms: list[tuple[str, str]]  # (taxonomy, slug)
    languages: list[str]  # codes
    channels: dict[str, bool]
    free_of_charge: bool | None
    # (name, street, postcode, city, latitude, longitude, step_free)
    places: list[tuple[str, str, str, str, Decimal | None, Decimal | None, bool]]
    # Read only for new and changed offers: field -> language -> text, and the other fields.
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)


@dataclass
class Snapshot:
    name: str
    languages: list[str]
    offers: list[RemoteOffer]
    organisations: dict[str, RemoteOrganisation]


def read_index(api_url: str) -> Reader:
    """The API's index, if it answers like a Netzwerkportal API."""
    index = Reader(get_json(api_url, api_url), api_url)
    try:
        index.text("name")
        index.url("offers")
        index.url("organisations")
        languages = index.items("languages")
    except FetchError as error:
        raise FetchError(
            _("%(url)s does not answer like the open data API of a Netzwerkportal (%(error)s)")
            % {"url": api_url, "error": error}
        ) from None
    if settings.LANGUAGE_CODE not in languages:
        raise FetchError(_("The API at %(url)s has no texts in German.") % {"url": api_url})
    return index


def read_neighbour(api_url: str, known: dict[str, datetime.datetime]) -> Snapshot:
    """All its offers and their organisations; texts and details of those whose time of last
    change is not the one in `known` (remote id -> time)."""
    index = read_index(api_url)
    # German first: the organisations' other languages are added to what German made.
    shared = [code for code in settings.PORTAL_LANGUAGES if code in index.items("languages")]
    languages = [settings.LANGUAGE_CODE, *(code for code in shared if code != settings.LANGUAGE_CODE)]
    offers = [
        _summary(item) for item in _pages(with_query(index.url("offers"), page_size=PAGE_SIZE), api_url)
    ]
    ids = [offer.remote_id for offer in offers]
    if len(set(ids)) != len(ids):
        raise FetchError(_("The API at %(url)s lists an offer twice.") % {"url": api_url})
    for offer in offers:
        if known.get(offer.remote_id) != offer.updated_at:
            _read_details(offer, api_url, languages)
    wanted = {offer.organisation for offer in offers}
    return Snapshot(
        name=index.text("name"),
        languages=languages,
        offers=offers,
        organisations=_organisations(index.url("organisations"), api_url, languages, wanted),
    )


def _pages(url: str, base: str):  # noqa: ANN202
    for _number in range(MAX_PAGES):
        page = Reader(get_json(url, base), url)
        yield from page.objects("results")
        url = page.url("next", null=True)
        if not url:
            return
    raise FetchError(
        _("The API at %(url)s has more than %(pages)s pages.") % {"url": base, "pages": MAX_PAGES}
    )


def _summary(item: Reader) -> RemoteOffer:
    item.where = _("offer %(id)s") % {"id": item.data.get("id")}
    remote_id = item._get("id", int, _("a whole number"), False)
    organisation = item.object("organisation")
    urls = item.object("urls")
    terms = [
        (taxonomy, term.text("slug", max_length=60))
        for key, taxonomy in TAXONOMIES.items()
        for term in item.objects(key)
    ]
    channels = {channel.text("value") for channel in item.objects("channels")}
    return RemoteOffer(
        remote_id=str(remote_id),
        organisation=organisation.text("slug", max_length=200),
        updated_at=item.moment("updated_at"),
        page_url=urls.url("page"),
        api_url=urls.url("api"),
        terms=terms,
        languages=[language.text("code", max_length=10) for language in item.objects("languages")],
        channels={name: name in channels for name in CHANNELS},
        free_of_charge=item.boolean("free_of_charge", null=True),
        places=[_place(place) for place in item.objects("places")],
    )


def _place(place: Reader) -> tuple:
    return (
        place.text("name", max_length=200),
        place.text("street", max_length=200),
        place.text("postcode", max_length=10),
        place.text("city", max_length=100),
        place.coordinate("latitude", 90),
        place.coordinate("longitude", 180),
        bool(place.boolean("step_free")),
    )


def _read_details(offer: RemoteOffer, base: str, languages: list[str]) -> None:
    for language in languages:
        detail = Reader(get_json(with_query(offer.api_url, lang=language), base), offer.api_url)
        detail.where = _("offer %(id)s") % {"id": offer.remote_id}
        for name in OFFER_TEXTS:
            offer.texts.setdefault(name, {})[language] = detail.text(name, max_length=_max(name))
        if language != settings.LANGUAGE_CODE:
            continue
        offer.updated_at = detail.moment("updated_at")
        offer.details = {
            "by_appointment": detail.boolean("by_appointment"),
            "minimum_age": detail.integer("minimum_age"),
            "maximum_age": detail.integer("maximum_age"),
            "interpreting": detail.boolean("interpreting"),
            "interpreting_note": detail.text("interpreting_note", max_length=_max("interpreting_note")),
            "url": detail.url("website"),
            "email": detail.email("email"),
            "phone": detail.text("phone", max_length=_max("phone")),
            "valid_from": detail.date("valid_from"),
            "valid_until": detail.date("valid_until"),
            "last_confirmed_on": detail.date("last_confirmed_on"),
        }


def _organisations(
    url: str, base: str, languages: list[str], wanted: set[str]
) -> dict[str, RemoteOrganisation]:
    found: dict[str, RemoteOrganisation] = {}
    for language in languages:
        for item in _pages(with_query(url, page_size=PAGE_SIZE, lang=language), base):
            slug = item.text("slug", max_length=200)
            if slug not in wanted:
                continue
            item.where = _("organisation %(slug)s") % {"slug": slug}
            if language == settings.LANGUAGE_CODE:
                address = item.object("address")
                found[slug] = RemoteOrganisation(
                    slug=slug,
                    name=item.text("name", max_length=200),
                    descriptions={},
                    website=item.url("website"),
                    email=item.email("email"),
                    phone=item.text("phone", max_length=50),
                    street=address.text("street", max_length=200),
                    postcode=address.text("postcode", max_length=10),
                    city=address.text("city", max_length=100),
                    page_url=item.object("urls").url("page"),
                )
            if slug in found:
                found[slug].descriptions[language] = item.text("description")
    if missing := sorted(wanted - set(found)):
        raise FetchError(
            _("The API at %(url)s does not list the organisation of some of its offers: %(slugs)s.")
            % {"url": base, "slugs": ", ".join(missing[:5])}
        )
    return found

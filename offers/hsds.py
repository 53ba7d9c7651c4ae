"""Offers and organisations as Open Referral HSDS 3.0 JSON (Human Services Data
Specification; the schemas are in ../shared/standards/hsds-3/schema/).

`service(offer)` and `organization(organisation)` give one object each,
`service_list(...)` and `organization_list(...)` a paginated list response (the
standard's API: total_items, total_pages, page_number, size, first_page,
last_page, empty, contents). The views (views/hsds.py) and the command
`export_hsds` use them. Texts are in the active language, falling back to German.

Only public data: the offers the public directory shows (`Offer.objects.public()`)
and the organisations' public fields. Contact people are never exported.

Identifiers are UUIDs (version 5) made from the portal's address and the object's
primary key, so the same object always has the same id — as long as SITE_URL
stays the same.

Settings:
- SITE_URL: the portal's address; the ids and the links in the data come from it.
- HSDS_STATE_PROVINCE (default "Niedersachsen"): HSDS requires the state of every
  address; the portal stores none, so all addresses are taken to lie in this one.
- HSDS_COUNTRY (default "DE"): the ISO 3166-1 country code of every address.
"""

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from members.models import Organisation

from .models import Location, Offer, Term

# The search page's URL parameter of each list: a term's URI is its search.
SEARCH_PARAMETER = {
    Term.Taxonomy.CATEGORY: "category",
    Term.Taxonomy.TOPIC: "topic",
    Term.Taxonomy.TARGET_GROUP: "target_group",
}


def state_province() -> str:
    return getattr(settings, "HSDS_STATE_PROVINCE", "Niedersachsen")


def country() -> str:
    return getattr(settings, "HSDS_COUNTRY", "DE")


def hsds_id(*parts: object) -> str:
    """A stable UUID for the object named by `parts`, e.g. hsds_id("service", 12)."""
    name = "/".join([settings.SITE_URL, "hsds", *(str(part) for part in parts)])
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _compact(data: dict[str, Any], keep: Iterable[str] = ()) -> dict[str, Any]:
    """Leaves out what is unknown (None or empty text): HSDS has no null values.
    Lists stay, empty or not; `keep` names fields the standard requires."""
    keep = set(keep)
    return {key: value for key, value in data.items() if key in keep or value not in (None, "")}


# -- Querysets ---------------------------------------------------------------------------------


def public_services() -> QuerySet[Offer]:
    """The offers the public directory shows, with all that `service()` reads (fixed number of queries)."""
    return (
        Offer.objects.public()
        .local()
        .select_related("organisation")
        .prefetch_related("terms", "languages", "locations")
        .order_by("pk")
    )


def public_organizations() -> QuerySet[Organisation]:
    """The current members, and the umbrella organisations of those that are units of one,
    so that every parent_organization_id in the data can be looked up too."""
    current = Q(is_member=True, left_on__isnull=True)
    local = Organisation.objects.local()  # not those imported from neighbouring networks
    parents = local.filter(current, parent__isnull=False).values("parent")
    return local.filter(current | Q(pk__in=parents)).order_by("pk")


def organizations_with_services(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Organisations with their public offers loaded, for `organization(..., with_services=True)`."""
    offers = public_services().select_related(None)
    return organisations.prefetch_related(Prefetch("offers", queryset=offers, to_attr="public_offers"))


# -- Objects -----------------------------------------------------------------------------------


def service(offer: Offer, *, with_organization: bool = False) -> dict[str, Any]:
    """An HSDS service. `with_organization` nests the organisation (without its services)."""
    service_id = hsds_id("service", offer.pk)
    data = _compact(
        {
            "id": service_id,
            "organization_id": hsds_id("organization", offer.organisation_id),
            "name": offer.title,
            "description": offer.description,
            "url": offer.url,
            "email": offer.email,
            "status": offer.status,
            "interpretation_services": _interpretation(offer),
            "application_process": offer.application_process,
            "fees_description": offer.fees_description,
            "eligibility_description": offer.eligibility,
            "minimum_age": offer.minimum_age,
            "maximum_age": offer.maximum_age,
            # The day the offer's editors last confirmed it: unknown until they do.
            "assured_date": _date(offer.last_confirmed_on),
            "last_modified": offer.updated_at.isoformat() if offer.updated_at else None,
            "phones": [
                {"id": hsds_id("service", offer.pk, "phone"), "service_id": service_id, "number": offer.phone}
            ]
            if offer.phone
            else [],
            "schedules": _schedules(offer, service_id),
            "service_at_locations": [
                _service_at_location(location, service_id) for location in offer.locations.all()
            ],
            "languages": [
                _compact(
                    {
                        "id": hsds_id("service", offer.pk, "language", language.code),
                        "service_id": service_id,
                        "name": language.name,
                        "code": language.code,
                    }
                )
                for language in offer.languages.all()
            ],
            "cost_options": _cost_options(offer, service_id),
            "required_documents": [
                {
                    "id": hsds_id("service", offer.pk, "required_document"),
                    "service_id": service_id,
                    "document": offer.required_documents,
                }
            ]
            if offer.required_documents
            else [],
            "attributes": [_attribute(term, service_id) for term in offer.terms.all()],
        },
        keep=("name",),
    )
    if with_organization:
        data["organization"] = organization(offer.organisation)
    return data


def organization(organisation: Organisation, *, with_services: bool = False) -> dict[str, Any]:
    """An HSDS organization from the organisation's public fields. `with_services` adds its
    public offers, loaded by `organizations_with_services()` (or one query more)."""
    organization_id = hsds_id("organization", organisation.pk)
    data = _compact(
        {
            "id": organization_id,
            "name": organisation.name,
            "description": organisation.description,
            "email": organisation.email,
            "website": organisation.website,
            # Its page in the portal: the address under which the network knows it.
            "uri": _absolute(organisation.get_absolute_url()),
            "logo": _absolute(reverse("members:logo", args=[organisation.slug]))
            if organisation.logo
            else None,
            "parent_organization_id": hsds_id("organization", organisation.parent_id)
            if organisation.parent_id
            else None,
            "phones": [
                {
                    "id": hsds_id("organization", organisation.pk, "phone"),
                    "organization_id": organization_id,
                    "number": organisation.phone,
                }
            ]
            if organisation.phone
            else [],
            "locations": [_organization_location(organisation, organization_id)]
            if organisation.street or organisation.city
            else [],
        },
        keep=("name", "description"),
    )
    if with_services:
        offers = getattr(organisation, "public_offers", None)
        if offers is None:
            offers = public_services().filter(organisation=organisation)
        data["services"] = [service(offer) for offer in offers]
    return data


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _interpretation(offer: Offer) -> str:
    if offer.interpreting_note:
        return offer.interpreting_note
    return _("Interpreting is available.") if offer.interpreting else ""


def _channels(offer: Offer) -> list[str]:
    labels = {
        "in_person": _("In person"),
        "by_phone": _("By phone"),
        "by_video": _("By video call"),
        "by_email": _("By e-mail"),
        "by_chat": _("By chat"),
    }
    return [label for field, label in labels.items() if getattr(offer, field)]


def _schedules(offer: Offer, service_id: str) -> list[dict[str, Any]]:
    """One schedule: the opening hours, whether by appointment, how to attend, and the
    dates between which the offer is valid."""
    schedule = _compact(
        {
            "description": offer.opening_hours,
            "notes": _("By appointment") if offer.by_appointment else "",
            "attending_type": ", ".join(_channels(offer)),
            "valid_from": _date(offer.valid_from),
            "valid_to": _date(offer.valid_until),
        }
    )
    if not schedule:
        return []
    return [{"id": hsds_id("service", offer.pk, "schedule"), "service_id": service_id, **schedule}]


def _cost_options(offer: Offer, service_id: str) -> list[dict[str, Any]]:
    """What it costs, if known: nothing is said when the offer does not say."""
    cost = {"id": hsds_id("service", offer.pk, "cost_option"), "service_id": service_id, "currency": "EUR"}
    if offer.free_of_charge:
        return [{**cost, "option": "free", "amount": 0}]
    if offer.free_of_charge is False or offer.fees_description:
        return [_compact({**cost, "option": "fee", "amount_description": offer.fees_description})]
    return []


def _address(key: tuple, location_id: str, street: str, postcode: str, city: str) -> dict[str, Any]:
    return {
        "id": hsds_id(*key, "address"),
        "location_id": location_id,
        # Required by the standard; empty where the portal does not know it.
        "address_1": street,
        "city": city,
        "state_province": state_province(),
        "postal_code": postcode,
        "country": country(),
        "address_type": "physical",
    }


def _service_at_location(location: Location, service_id: str) -> dict[str, Any]:
    location_id = hsds_id("location", location.pk)
    place = _compact(
        {
            "id": location_id,
            "location_type": "physical",
            "name": location.name,
            "latitude": float(location.latitude) if location.latitude is not None else None,
            "longitude": float(location.longitude) if location.longitude is not None else None,
            "addresses": [
                _address(
                    ("location", location.pk), location_id, location.street, location.postcode, location.city
                )
            ],
            "accessibility": [
                {
                    "id": hsds_id("location", location.pk, "accessibility"),
                    "location_id": location_id,
                    "description": _("Step-free access"),
                }
            ]
            if location.step_free
            else [],
        }
    )
    return {
        "id": hsds_id("service_at_location", location.pk),
        "service_id": service_id,
        "location_id": location_id,
        "location": place,
    }


def _organization_location(organisation: Organisation, organization_id: str) -> dict[str, Any]:
    location_id = hsds_id("organization", organisation.pk, "location")
    return {
        "id": location_id,
        "location_type": "physical",
        "organization_id": organization_id,
        "addresses": [
            _address(
                ("organization", organisation.pk),
                location_id,
                organisation.street,
                organisation.postcode,
                organisation.city,
            )
        ],
    }


def _attribute(term: Term, service_id: str) -> dict[str, Any]:
    """A category, topic or target group: a term of one of three taxonomies, linked to the service."""
    term_id = hsds_id("taxonomy_term", term.pk)
    taxonomy = Term.Taxonomy(term.taxonomy)
    search = reverse("offers:search") + f"?{SEARCH_PARAMETER[taxonomy]}={term.slug}"
    return {
        "id": hsds_id("attribute", service_id, term.pk),
        "link_id": service_id,
        "taxonomy_term_id": term_id,
        "link_type": taxonomy.value,
        "link_entity": "service",
        "taxonomy_term": {
            "id": term_id,
            "code": term.slug,
            "name": term.name,
            "description": f"{taxonomy.label}: {term.name}",
            "taxonomy": str(taxonomy.label),
            "taxonomy_id": hsds_id("taxonomy", taxonomy.value),
            "language": get_language() or settings.LANGUAGE_CODE,
            # The public directory's search for this term.
            "term_uri": _absolute(search),
        },
    }


# -- Lists -------------------------------------------------------------------------------------


def _page(
    objects: QuerySet | list, to_dict: Callable[[Any], dict], page: int | str | None, per_page: int | None
) -> dict[str, Any]:
    """An HSDS list response. `per_page` None puts everything on one page."""
    if per_page is None:
        per_page = max(len(objects) if isinstance(objects, list) else objects.count(), 1)
    current = Paginator(objects, per_page).get_page(page)
    contents = [to_dict(item) for item in current.object_list]
    return {
        "total_items": current.paginator.count,
        "total_pages": current.paginator.num_pages,
        "page_number": current.number,
        "size": len(contents),
        "first_page": current.number == 1,
        "last_page": not current.has_next(),
        "empty": current.paginator.count == 0,
        "contents": contents,
    }


def service_list(
    offers: QuerySet[Offer] | list[Offer], *, page: int | str | None = 1, per_page: int | None = None
) -> dict[str, Any]:
    """A page of services; `page` as a URL gives it (a wrong one gives the first or last page)."""
    return _page(offers, service, page, per_page)


def organization_list(
    organisations: QuerySet[Organisation] | list[Organisation],
    *,
    page: int | str | None = 1,
    per_page: int | None = None,
) -> dict[str, Any]:
    """A page of organizations, without their services."""
    return _page(organisations, organization, page, per_page)

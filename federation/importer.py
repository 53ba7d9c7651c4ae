"""Importing a neighbouring network's offers (docs/federation.md).

`import_neighbour(neighbour)` reads the neighbour's open data API first (federation/remote.py:
all requests, before anything here changes), then applies what it read in one transaction:
its organisations and offers are created, updated where something changed, and deleted
where they are gone there. Any error leaves everything as it was and is kept in
`neighbour.last_error`.

The API serves only the neighbour's own offers (api/offers.py: Offer.objects.local()), so
offers imported there are never imported here again, and two networks that import each
other's offers do not send them round in circles.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.models import Organisation
from offers import index
from offers.models import Language, Location, Offer, Term
from offers.translation import OFFER_TEXTS

from .client import FetchError
from .models import Neighbour
from .remote import RemoteOffer, RemoteOrganisation, Snapshot, read_neighbour

logger = logging.getLogger(__name__)
BATCH = 500
# What the summary in the list of offers decides, every time; the rest comes with the texts.
SUMMARY_FIELDS = ("organisation_id", "free_of_charge", *index.CHANNELS)
DETAIL_FIELDS = (
    "by_appointment",
    "minimum_age",
    "maximum_age",
    "interpreting",
    "interpreting_note",
    "url",
    "email",
    "phone",
    "valid_from",
    "valid_until",
    "last_confirmed_on",
)
ORGANISATION_FIELDS = (
    "name",
    "slug",
    "website",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "remote_url",
)
PLACE_FIELDS = ("name", "street", "postcode", "city", "latitude", "longitude", "step_free")


class ImportFailed(Exception):
    """The import changed nothing; the message says why (it is also the neighbour's last_error)."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped_terms: int = 0  # list entries and languages this portal does not have

    def __str__(self) -> str:
        return _(
            "%(created)s new, %(updated)s updated, %(deleted)s deleted, %(unchanged)s unchanged offers; "
            "%(skipped)s unknown list entries or languages left out."
        ) % {
            "created": self.created,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "skipped": self.skipped_terms,
        }


def import_neighbour(neighbour: Neighbour) -> ImportResult:
    """Imports its offers; raises ImportFailed (after saving last_error) if anything goes wrong."""
    # Its messages are kept: in the network's language.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            known = dict(Offer.objects.filter(neighbour=neighbour).values_list("remote_id", "updated_at"))
            snapshot = read_neighbour(neighbour.api_url, known)
            result = _apply(neighbour, snapshot)
        except FetchError as error:
            message = str(error)
        except Exception as error:  # a bug or a database error: the import still changes nothing
            logger.exception("import of neighbouring network %s failed", neighbour.slug)
            message = f"{type(error).__name__}: {error}"
        else:
            return result
    Neighbour.objects.filter(pk=neighbour.pk).update(last_error=message[:2000])
    neighbour.last_error = message[:2000]
    raise ImportFailed(message)


def _apply(neighbour: Neighbour, snapshot: Snapshot) -> ImportResult:
    result = ImportResult()
    # Texts are written field by field (title_de, title_en, …); the plain field follows German.
    with transaction.atomic(), index.deferred(), translation.override(settings.LANGUAGE_CODE):
        # One import of a neighbour at a time (the button and the schedule may meet).
        Neighbour.objects.select_for_update().filter(pk=neighbour.pk).first()
        organisations, renamed = _organisations(neighbour, snapshot.organisations)
        existing = {offer.remote_id: offer for offer in Offer.objects.filter(neighbour=neighbour)}
        terms = {(term.taxonomy, term.slug): term.pk for term in Term.objects.all()}
        languages = set(Language.objects.values_list("code", flat=True))
        links = _links(existing.values())
        touched, created = [], []
        for remote in snapshot.offers:
            offer = existing.pop(remote.remote_id, None)
            wanted = _wanted_links(remote, terms, languages, result)
            if offer is None:
                offer = Offer(neighbour=neighbour, remote_id=remote.remote_id, status=Offer.Status.ACTIVE)
                _set_fields(offer, remote, organisations)
                created.append((offer, wanted))
            elif _set_fields(offer, remote, organisations) or links.get(offer.pk) != wanted:
                touched.append((offer, wanted))
            else:
                result.unchanged += 1
        _save(created, touched)
        result.created, result.updated = len(created), len(touched)
        result.deleted = len(existing)
        Offer.objects.filter(pk__in=[offer.pk for offer in existing.values()]).delete()
        Organisation.objects.filter(neighbour=neighbour).exclude(pk__in=organisations.values()).delete()
        changed = [offer.pk for offer, _wanted in created + touched]
        changed += Offer.objects.filter(organisation__in=renamed).values_list("pk", flat=True)
        index.reindex(changed)
        Neighbour.objects.filter(pk=neighbour.pk).update(imported_at=timezone.now(), last_error="")
    neighbour.refresh_from_db(fields=["imported_at", "last_error"])
    return result


def _organisations(
    neighbour: Neighbour, remote: dict[str, RemoteOrganisation]
) -> tuple[dict[str, int], list[int]]:
    """Its organisations here, created or updated: remote slug -> pk, and the pks of those renamed."""
    existing = {each.remote_id: each for each in Organisation.objects.filter(neighbour=neighbour)}
    names = {slug: each.name for slug, each in remote.items()}
    suffixed = {slug: f"{name} ({neighbour.name})"[:200] for slug, name in names.items()}
    others = Organisation.objects.exclude(neighbour=neighbour)
    taken_names = set(
        others.filter(name__in=[*names.values(), *suffixed.values()]).values_list("name", flat=True)
    )
    slugs = {slug: slugify(f"{neighbour.slug}-{slug}")[:200] for slug in remote}
    taken_slugs = set(others.filter(slug__in=slugs.values()).values_list("slug", flat=True))
    new, changed, renamed = [], [], []
    for slug, data in remote.items():
        organisation = existing.get(slug) or Organisation(neighbour=neighbour, remote_id=slug, is_member=True)
        values = {
            "name": names[slug] if names[slug] not in taken_names else suffixed[slug],
            "slug": slugs[slug] if slugs[slug] not in taken_slugs else f"{slugs[slug][:190]}-{neighbour.pk}",
            "website": data.website,
            "email": data.email,
            "phone": data.phone,
            "street": data.street,
            "postcode": data.postcode,
            "city": data.city,
            "remote_url": data.page_url,
            **{f"description_{code}": _own_text(data.descriptions, code) for code in data.descriptions},
        }
        if organisation.pk is None:
            _assign(organisation, values)
            new.append(organisation)
        elif _assign(organisation, values):
            changed.append(organisation)
            renamed.append(organisation.pk)
    Organisation.objects.bulk_create(new, batch_size=BATCH)
    fields = [*ORGANISATION_FIELDS, "description", *(f"description_{code}" for code in _languages(remote))]
    Organisation.objects.bulk_update(changed, fields, batch_size=BATCH)
    return {
        each.remote_id: each.pk for each in [*new, *existing.values()] if each.remote_id in remote
    }, renamed


def _languages(remote: dict[str, RemoteOrganisation]) -> set[str]:
    return {code for each in remote.values() for code in each.descriptions}


def _own_text(texts: dict[str, str], code: str) -> str:
    """The text in `code`, or "" where the API gave the German one for want of a translation
    (so that this portal says it shows German, as for its own offers)."""
    text = texts.get(code, "")
    return "" if code != "de" and text == texts.get("de") else text


def _assign(obj: object, values: dict[str, object]) -> bool:
    """Sets the values; True if any was different."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _set_fields(offer: Offer, remote: RemoteOffer, organisations: dict[str, int]) -> bool:
    values: dict[str, object] = {
        "organisation_id": organisations[remote.organisation],
        "free_of_charge": remote.free_of_charge,
        "remote_url": remote.page_url,
        **remote.channels,
    }
    if remote.texts:  # new or changed there: its texts and details were read
        for name in OFFER_TEXTS:
            for code in remote.texts[name]:
                values[f"{name}_{code}"] = _own_text(remote.texts[name], code)
        values.update(remote.details)
        values["updated_at"] = remote.updated_at
    return _assign(offer, values)


def _wanted_links(remote: RemoteOffer, terms: dict, languages: set[str], result: ImportResult) -> tuple:
    """(term pks, language codes, places) as this portal has them; unknown entries left out."""
    term_ids = {terms[key] for key in remote.terms if key in terms}
    codes = {code for code in remote.languages if code in languages}
    result.skipped_terms += len(set(remote.terms)) - len(term_ids) + len(set(remote.languages)) - len(codes)
    return frozenset(term_ids), frozenset(codes), tuple(remote.places)


def _links(offers) -> dict[int, tuple]:  # noqa: ANN001
    """What the offers have now, as _wanted_links() says it (three queries)."""
    ids = [offer.pk for offer in offers]
    terms, codes, places = {}, {}, {}
    for offer_id, term_id in Offer.terms.through.objects.filter(offer_id__in=ids).values_list(
        "offer_id", "term_id"
    ):
        terms.setdefault(offer_id, set()).add(term_id)
    for offer_id, code in Offer.languages.through.objects.filter(offer_id__in=ids).values_list(
        "offer_id", "language_id"
    ):
        codes.setdefault(offer_id, set()).add(code)
    rows = (
        Location.objects.filter(offer_id__in=ids)
        .order_by("offer_id", "pk")
        .values_list("offer_id", *PLACE_FIELDS)
    )
    for offer_id, *place in rows:
        places.setdefault(offer_id, []).append(tuple(place))
    return {
        pk: (frozenset(terms.get(pk, ())), frozenset(codes.get(pk, ())), tuple(places.get(pk, ())))
        for pk in ids
    }


def _save(created: list[tuple[Offer, tuple]], touched: list[tuple[Offer, tuple]]) -> None:
    """Writes the offers in bulk (no signals: the caller reindexes them)."""
    times = {id(offer): offer.updated_at for offer, _wanted in created}
    Offer.objects.bulk_create([offer for offer, _wanted in created], batch_size=BATCH)
    for offer, _wanted in created:  # bulk_create set the time of now: the neighbour's it is
        offer.updated_at = times[id(offer)]
    Offer.objects.bulk_update([offer for offer, _wanted in created], ["updated_at"], batch_size=BATCH)
    fields = [f.name for f in Offer._meta.concrete_fields if f.name not in ("id", "neighbour", "created_at")]
    Offer.objects.bulk_update([offer for offer, _wanted in touched], fields, batch_size=BATCH)
    ids = [offer.pk for offer, _wanted in touched]
    Offer.terms.through.objects.filter(offer_id__in=ids).delete()
    Offer.languages.through.objects.filter(offer_id__in=ids).delete()
    Location.objects.filter(offer_id__in=ids).delete()
    term_rows, language_rows, place_rows = [], [], []
    for offer, (term_ids, codes, places) in created + touched:
        term_rows += [Offer.terms.through(offer_id=offer.pk, term_id=pk) for pk in term_ids]
        language_rows += [Offer.languages.through(offer_id=offer.pk, language_id=code) for code in codes]
        place_rows += [
            Location(offer_id=offer.pk, **dict(zip(PLACE_FIELDS, place, strict=True))) for place in places
        ]
    Offer.terms.through.objects.bulk_create(term_rows, batch_size=BATCH)
    Offer.languages.through.objects.bulk_create(language_rows, batch_size=BATCH)
    Location.objects.bulk_create(place_rows, batch_size=BATCH)

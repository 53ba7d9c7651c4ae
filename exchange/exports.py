"""The exports: this network's organisations, offers and meetings as CSV, XLSX or JSON.

Only the network's own data (neighbours' imported organisations and offers are left out).
Contact people are personal data: they are in the organisations' export only when the
caller asks for them (`with_contacts`), and only members may ask (exchange/views.py).

Each export reads its objects with a fixed number of queries, whatever their number, and
writes the file row by row.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from members.models import Affiliation, Organisation
from offers.models import Location, Offer, Term
from offers.translation import OFFER_TEXTS

from .columns import LANGUAGE_CODES, Column, columns_of
from .models import Kind
from .spreadsheets import csv_chunks, xlsx_bytes

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
TERM_COLUMNS = {
    Term.Taxonomy.CATEGORY: "categories",
    Term.Taxonomy.TOPIC: "topics",
    Term.Taxonomy.TARGET_GROUP: "target_groups",
}


# Organisations ---------------------------------------------------------------------------------


def organisations(with_contacts: bool = False) -> list[Organisation]:
    queryset = Organisation.objects.local().select_related("parent", "kind").order_by("slug")
    if with_contacts:
        current = (
            Affiliation.objects.current()
            .filter(person__anonymised_at__isnull=True)
            .select_related("person")
            .order_by("person__name", "pk")
        )
        queryset = queryset.prefetch_related(Prefetch("affiliations", current, to_attr="current_contacts"))
    return list(queryset)


def organisation_row(organisation: Organisation, with_contacts: bool = False) -> dict[str, object]:
    row: dict[str, object] = {
        "slug": organisation.slug,
        "name": organisation.name,
        "parent": organisation.parent.slug if organisation.parent else "",
        "kind": organisation.kind.slug if organisation.kind else "",
    }
    for name in ("is_member", "joined_on", "left_on", "district", "street", "postcode", "city"):
        row[name] = getattr(organisation, name)
    for name in ("website", "email", "phone"):
        row[name] = getattr(organisation, name)
    for code in LANGUAGE_CODES:
        row[f"description_{code}"] = getattr(organisation, f"description_{code}") or ""
    if with_contacts:
        row["contacts"] = [
            {
                "name": affiliation.person.name,
                "function": affiliation.function,
                "role": affiliation.role,
                "email": affiliation.person.email,
                "phone": affiliation.person.phone,
            }
            for affiliation in organisation.current_contacts
        ]
    return row


# Offers ----------------------------------------------------------------------------------------

OFFER_FIELDS = (
    "status",
    "in_person",
    "by_phone",
    "by_video",
    "by_email",
    "by_chat",
    "url",
    "email",
    "phone",
    "by_appointment",
    "free_of_charge",
    "minimum_age",
    "maximum_age",
    "interpreting",
    "interpreting_note",
    "valid_from",
    "valid_until",
    "last_confirmed_on",
)
LOCATION_FIELDS = ("name", "street", "postcode", "city", "district", "latitude", "longitude", "step_free")


def offer_queryset():
    return (
        Offer.objects.local()
        .select_related("organisation")
        .prefetch_related("terms", "languages", Prefetch("locations", Location.objects.order_by("pk")))
        .order_by("pk")
    )


def offers(with_contacts: bool = False) -> list[Offer]:
    return list(offer_queryset())


def offer_row(offer: Offer, with_contacts: bool = False) -> dict[str, object]:
    row: dict[str, object] = {"id": offer.pk, "organisation": offer.organisation.slug}
    for name in OFFER_FIELDS:
        row[name] = getattr(offer, name)
    for name in OFFER_TEXTS:
        for code in LANGUAGE_CODES:
            row[f"{name}_{code}"] = getattr(offer, f"{name}_{code}") or ""
    for column in TERM_COLUMNS.values():
        row[column] = []
    for term in offer.terms.all():
        row[TERM_COLUMNS[term.taxonomy]].append(term.slug)
    row["languages"] = [language.code for language in offer.languages.all()]
    places = offer.locations.all()
    place = places[0] if places else None
    for name in LOCATION_FIELDS:
        row[f"location_{name}"] = getattr(place, name) if place else None
    return row


# Meetings --------------------------------------------------------------------------------------


def meetings(with_contacts: bool = False) -> list[Meeting]:
    items = AgendaItem.objects.order_by("position", "pk")
    return list(
        Meeting.objects.select_related("place")
        .prefetch_related(Prefetch("agenda_items", items))
        .order_by("starts_at", "pk")
    )


def meeting_row(meeting: Meeting, with_contacts: bool = False) -> dict[str, object]:
    row: dict[str, object] = {
        "id": meeting.pk,
        "kind": meeting.kind,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "cancelled": meeting.is_cancelled,
        "place": meeting.place.name if meeting.place else "",
        "room": meeting.place.room if meeting.place else "",
        "address": meeting.place.address if meeting.place else "",
        "online_url": meeting.online_url,
        "agenda": [item.title for item in meeting.agenda_items.all()],
    }
    for code in LANGUAGE_CODES:
        row[f"topic_{code}"] = getattr(meeting, f"topic_{code}") or ""
    return row


# Files -----------------------------------------------------------------------------------------

READERS: dict[str, tuple[Callable[[bool], list], Callable[..., dict[str, object]]]] = {
    Kind.ORGANISATIONS: (organisations, organisation_row),
    Kind.OFFERS: (offers, offer_row),
    Kind.MEETINGS: (meetings, meeting_row),
}


@dataclass
class ExportFile:
    filename: str
    content_type: str
    chunks: Iterable[str | bytes]


def export_rows(kind: str, with_contacts: bool = False) -> Iterator[dict[str, object]]:
    """The rows of the export; the objects are read when this is called, the rows made on demand."""
    read, row = READERS[kind]
    objects = read(with_contacts)
    return (row(obj, with_contacts) for obj in objects)


def json_chunks(kind: str, columns: list[Column], rows: Iterable[dict]) -> Iterator[str]:
    head = {"kind": kind, "exported_at": timezone.now().isoformat(timespec="seconds")}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "items": ['
    separator = "\n"
    for row in rows:
        item = {column.name: row.get(column.name) for column in columns}
        yield separator + json.dumps(item, ensure_ascii=False, cls=DjangoJSONEncoder)
        separator = ",\n"
    yield "\n]}\n"


def build(kind: str, format: str, with_contacts: bool = False, header_only: bool = False) -> ExportFile:
    """The export of `kind` in `format`; `header_only`: the empty template of an import file."""
    columns = columns_of(kind, with_contacts)
    rows = iter(()) if header_only else export_rows(kind, with_contacts)
    day = timezone.localdate().isoformat()
    filename = f"{kind}-template.{format}" if header_only else f"{kind}-{day}.{format}"
    if format == "csv":
        chunks: Iterable[str | bytes] = csv_chunks(columns, rows)
    elif format == "xlsx":
        chunks = [xlsx_bytes(columns, rows, title=kind)]
    elif format == "json":
        chunks = json_chunks(kind, columns, rows)
    else:
        raise ValueError(format)
    return ExportFile(filename=filename, content_type=FORMATS[format], chunks=chunks)

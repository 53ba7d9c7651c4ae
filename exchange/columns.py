"""The columns of the files: stable English keys, so that a file can be exported, edited
and imported again. docs/exchange.md describes each.

A column's type says how its cells are written and read:
- text, int, decimal: as they are;
- bool: true or false (read also: yes/no, ja/nein, 1/0, x/empty);
- nullbool: true, false or empty for "not known";
- date: YYYY-MM-DD (read also: DD.MM.YYYY and a spreadsheet's dates);
- datetime: YYYY-MM-DD HH:MM in the network's time zone;
- list: values joined by "|" (list entries by their short names, languages by ISO code);
- contacts: the contact people, one a line (export only).
"""

from dataclasses import dataclass

from django.conf import settings

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "text"
    # False: written by the export, ignored by the import (it is not kept by hand).
    imported: bool = True


def _translated(name: str) -> list[Column]:
    return [Column(f"{name}_{code}") for code in LANGUAGE_CODES]


ORGANISATION_COLUMNS = [
    Column("slug"),
    Column("name"),
    Column("parent"),
    Column("kind"),
    Column("is_member", "bool"),
    Column("joined_on", "date"),
    Column("left_on", "date"),
    Column("district"),
    Column("street"),
    Column("postcode"),
    Column("city"),
    Column("website"),
    Column("email"),
    Column("phone"),
    *_translated("description"),
]
CONTACTS_COLUMN = Column("contacts", "contacts", imported=False)

# The first place of an offer: location_<field of offers.models.Location>.
LOCATION_COLUMNS = [
    Column("location_name"),
    Column("location_street"),
    Column("location_postcode"),
    Column("location_city"),
    Column("location_district"),
    Column("location_latitude", "decimal"),
    Column("location_longitude", "decimal"),
    Column("location_step_free", "bool"),
]
LOCATION_PREFIX = "location_"

OFFER_COLUMNS = [
    Column("id", "int"),
    Column("organisation"),
    Column("status"),
    *_translated("title"),
    Column("categories", "list"),
    Column("topics", "list"),
    Column("target_groups", "list"),
    Column("languages", "list"),
    Column("in_person", "bool"),
    Column("by_phone", "bool"),
    Column("by_video", "bool"),
    Column("by_email", "bool"),
    Column("by_chat", "bool"),
    Column("url"),
    Column("email"),
    Column("phone"),
    Column("by_appointment", "bool"),
    Column("free_of_charge", "nullbool"),
    Column("minimum_age", "int"),
    Column("maximum_age", "int"),
    Column("interpreting", "bool"),
    Column("interpreting_note"),
    Column("valid_from", "date"),
    Column("valid_until", "date"),
    *LOCATION_COLUMNS,
    Column("last_confirmed_on", "date", imported=False),
    *_translated("description"),
    *_translated("opening_hours"),
    *_translated("fees_description"),
    *_translated("eligibility"),
    *_translated("application_process"),
    *_translated("required_documents"),
]

MEETING_COLUMNS = [
    Column("id", "int"),
    Column("kind"),
    *[Column(f"topic_{code}") for code in settings.PORTAL_LANGUAGES],
    Column("starts_at", "datetime"),
    Column("ends_at", "datetime"),
    Column("cancelled", "bool"),
    Column("place"),
    Column("room"),
    Column("address"),
    Column("online_url"),
    Column("agenda", "list"),
]


def columns_of(kind: str, with_contacts: bool = False) -> list[Column]:
    if kind == "organisations":
        return ORGANISATION_COLUMNS + ([CONTACTS_COLUMN] if with_contacts else [])
    if kind == "offers":
        return OFFER_COLUMNS
    if kind == "meetings":
        return MEETING_COLUMNS
    raise ValueError(kind)


def by_name(kind: str) -> dict[str, Column]:
    """Every column a file of this kind may have, by name (the contacts too)."""
    return {column.name: column for column in columns_of(kind, with_contacts=True)}

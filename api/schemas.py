"""What the open data API answers: the OpenAPI schema (/api/v1/openapi.json) is made from these.

Texts marked Markdown are as their authors wrote them; translated texts are in the
language of the answer, or in German where no translation exists. Only what the public
pages show: never contact people, online links of meetings, attachments or members-only
minutes.
"""

import datetime
from typing import Any

# Plain pydantic models, not ninja's Schema: the views build the answers themselves, and
# ninja's Schema reads every value through a Django-aware getter, a third of a list's time.
from pydantic import BaseModel as Schema
from pydantic import Field

from members.models import District

from .pagination import Page

# -- Shared parts --------------------------------------------------------------------------------


class Message(Schema):
    detail: str = Field(examples=["Not Found"])


class ValidationErrors(Schema):
    detail: list[dict[str, Any]] = Field(description="What is wrong with which parameter.")


# What every operation may answer besides its 200; a detail also 404.
LIST = {304: None, 422: ValidationErrors, 429: Message}
DETAIL = {**LIST, 404: Message}


class Choice(Schema):
    """A value of a fixed list, with its label in the language of the answer."""

    value: str
    label: str


def district(value: str) -> Choice | None:
    """City, district or elsewhere (members.models.District), or None where it is not known."""
    return Choice(value=value, label=str(District(value).label)) if value in District.values else None


class Term(Schema):
    """An entry of one of the lists the coordinators keep (a category, topic or target group)."""

    slug: str
    name: str


class Language(Schema):
    code: str = Field(description="ISO 639 code.")
    name: str


class OrganisationRef(Schema):
    slug: str
    name: str
    api: str = Field(description="Its address in this API.")


class Address(Schema):
    street: str
    postcode: str
    city: str
    district: Choice | None = Field(description="The network's city, the district around it, or elsewhere.")


# -- Organisations -------------------------------------------------------------------------------


class OrganisationUrls(Schema):
    page: str = Field(description="Its page in the portal.")
    api: str
    hsds: str = Field(description="As an Open Referral HSDS 3.0 organization, with its services.")
    logo: str | None


class Organisation(Schema):
    slug: str
    name: str
    kind: Term | None
    member: bool = Field(description="False for an umbrella organisation listed for its member units.")
    member_since: datetime.date | None
    parent: OrganisationRef | None = Field(description="The organisation it is a unit of.")
    units: list[OrganisationRef] = Field(description="Its units that are members.")
    description: str = Field(description="Markdown.")
    website: str
    email: str
    phone: str
    address: Address
    updated_at: datetime.datetime
    urls: OrganisationUrls


# -- Offers --------------------------------------------------------------------------------------


class Place(Schema):
    name: str
    street: str
    postcode: str
    city: str
    district: Choice | None
    latitude: float | None
    longitude: float | None
    step_free: bool


class OfferUrls(Schema):
    page: str
    api: str
    hsds: str = Field(description="As an Open Referral HSDS 3.0 service.")


class OfferSummary(Schema):
    id: int
    title: str
    organisation: OrganisationRef
    categories: list[Term]
    topics: list[Term]
    target_groups: list[Term]
    languages: list[Language] = Field(description="The languages spoken.")
    channels: list[Choice] = Field(description="How to reach it: in person, by phone, …")
    free_of_charge: bool | None = Field(description="null: not known.")
    places: list[Place]
    needs_confirmation: bool = Field(
        description="Not confirmed by its organisation for a long time: it may be out of date."
    )
    distance_km: float | None = Field(
        None, description="From lat/lng, to its nearest place; only in a search with lat and lng."
    )
    updated_at: datetime.datetime
    urls: OfferUrls


class Offer(OfferSummary):
    description: str = Field(description="Markdown.")
    opening_hours: str
    by_appointment: bool
    fees_description: str
    eligibility: str = Field(description="Who may use it.")
    application_process: str = Field(description="How to apply.")
    required_documents: str = Field(description="What to bring.")
    minimum_age: int | None
    maximum_age: int | None
    interpreting: bool
    interpreting_note: str
    website: str
    email: str
    phone: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    last_confirmed_on: datetime.date | None


class OfferPage(Page[OfferSummary]):
    sort: str = Field(description="The order used: distance needs lat and lng, relevance needs q.")


# -- Meetings ------------------------------------------------------------------------------------


class MeetingPlace(Schema):
    name: str
    room: str
    address: str


class MeetingUrls(Schema):
    page: str
    calendar: str = Field(description="The meeting as an iCalendar file.")
    api: str


class MeetingSummary(Schema):
    id: int
    kind: Choice
    topic: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: MeetingPlace | None
    cancelled: bool
    urls: MeetingUrls


class Presenter(Schema):
    person: str | None = Field(description="Named only with their consent.")
    organisation: OrganisationRef | None


class AgendaItem(Schema):
    number: int
    title: str
    presenter: Presenter | None
    duration_minutes: int | None
    notes: str = Field(description="Markdown.")
    proposed_by_member: bool


class MinutesRef(Schema):
    id: int
    title: str
    api: str


class Meeting(MeetingSummary):
    description: str = Field(description="Markdown.")
    agenda: list[AgendaItem]
    minutes: list[MinutesRef] = Field(description="Its public minutes, once approved.")


# -- Minutes -------------------------------------------------------------------------------------


class MeetingRef(Schema):
    id: int
    api: str


class MinutesUrls(Schema):
    page: str
    api: str
    document: str | None = Field(description="The minutes as a PDF, if there is one.")


class MinutesSummary(Schema):
    id: int
    title: str
    year: int
    held_on: datetime.date | None
    meeting: MeetingRef | None
    approved_at: datetime.datetime | None
    urls: MinutesUrls


class MinutesItem(Schema):
    number: int
    title: str
    discussion: str = Field(description="Markdown.")
    decisions: str = Field(description="Markdown.")


class Minutes(MinutesSummary):
    text: str = Field(description="Markdown.")
    items: list[MinutesItem]


# -- The index -----------------------------------------------------------------------------------


class Index(Schema):
    name: str = Field(description="The network's name.")
    language: str = Field(description="The language of this answer.")
    languages: list[str] = Field(description="The languages ?lang= takes.")
    organisations: str
    offers: str
    meetings: str
    minutes: str
    openapi: str
    docs: str = Field(description="Interactive documentation of the API.")
    hsds_services: str = Field(description="The offers as Open Referral HSDS 3.0 services.")
    hsds_organizations: str = Field(description="The organisations as Open Referral HSDS 3.0.")
    feed: str = Field(description="Atom feed of meetings and public minutes.")
    calendar: str = Field(description="iCalendar feed of the meetings.")

"""A small synthetic network for the API's tests: what the public may read, and next to it
what it must never read (contact people, expired and inactive offers, former members,
online links, attachments, members-only and unapproved minutes)."""

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from meetings.models import AgendaAttachment, AgendaItem, Meeting, Minutes, MinutesItem, Place
from members.models import Affiliation, Organisation, OrganisationKind, Person
from network.models import Network
from offers.models import Language, Location, Offer, Term

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
# Words that must never appear in any answer of the API. (Paula Öffentlich agreed to be
# shown: she may be named as a presenter, but not as a contact person: test_api_organisations.)
SECRETS = (
    "paula@example.org",
    "Peter Intern",
    "peter@example.org",
    "video.example.org",
    "Vertrauliche Anlage",
    "Internes Beispielprotokoll",
    "Entwurf Beispielprotokoll",
    "Korrekturfassung Beispielprotokoll",
    "Abgelaufenes Beispielangebot",
    "Ruhendes Beispielangebot",
    "Künftiges Beispielangebot",
    "Angebot eines ehemaligen Mitglieds",
    "Ehemaliger Beispielverein",
)


@dataclass
class World:
    north: Organisation
    umbrella: Organisation
    unit: Organisation
    former: Organisation
    offer: Offer
    hidden_offers: list[Offer]
    counselling: Term
    housing: Term
    arabic: Language
    upcoming: Meeting
    past: Meeting
    minutes: Minutes
    hidden_minutes: list[Minutes]


def offer_of(organisation: Organisation, title: str, **fields) -> Offer:
    return Offer.objects.create(organisation=organisation, title_de=title, **fields)


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    Network.objects.create(name="Beispielnetzwerk")
    kind = OrganisationKind.objects.create(slug="beispielart", name_de="Beispielart", name_en="Example kind")
    north = Organisation.objects.create(
        name="Beispielverein Nord",
        slug="beispielverein-nord",
        kind=kind,
        joined_on=datetime.date(2010, 5, 1),
        description_de="Ein erfundener Verein.",
        description_en="A made-up association.",
        website="https://nord.example.org/",
        email="info@nord.example.org",
        phone="0551 000000",
        street="Beispielweg 1",
        postcode="37000",
        city="Beispielstadt",
        district="city",
    )
    umbrella = Organisation.objects.create(
        name="Beispieldachverband", slug="beispieldachverband", is_member=False
    )
    unit = Organisation.objects.create(
        name="Beispieldachverband Jugend", slug="beispieldachverband-jugend", parent=umbrella
    )
    former = Organisation.objects.create(
        name="Ehemaliger Beispielverein", slug="ehemaliger-beispielverein", left_on=TODAY - 30 * DAY
    )
    for name, email, consent in (
        ("Paula Öffentlich", "paula@example.org", True),
        ("Peter Intern", "peter@example.org", False),
    ):
        person = Person.objects.create(name=name, email=email, public_consent=consent)
        Affiliation.objects.create(person=person, organisation=north)

    counselling = Term.objects.create(
        taxonomy=Term.Taxonomy.CATEGORY,
        slug="beispielberatung",
        name_de="Beispielberatung",
        name_en="Example counselling",
    )
    housing = Term.objects.create(
        taxonomy=Term.Taxonomy.TOPIC,
        slug="beispielwohnen",
        name_de="Beispielwohnen",
        name_en="Example housing",
    )
    arabic, _ = Language.objects.update_or_create(
        code="ar", defaults={"name_de": "Arabisch", "name_en": "Arabic"}
    )
    offer = offer_of(
        north,
        "Beispielberatung Wohnen",
        title_en="Example housing advice",
        description_de="Hilfe bei der Wohnungssuche.",
        in_person=True,
        by_phone=True,
        free_of_charge=True,
        email="wohnen@nord.example.org",
        last_confirmed_on=TODAY,
    )
    offer.terms.set([counselling, housing])
    offer.languages.set([arabic])
    Location.objects.create(
        offer=offer,
        city="Beispielstadt",
        district="city",
        latitude=Decimal("51.533000"),
        longitude=Decimal("9.935000"),
        step_free=True,
    )
    unit_offer = offer_of(unit, "Beispieltreff Jugend", by_chat=True, free_of_charge=False)
    Location.objects.create(offer=unit_offer, city="Beispieldorf", district="county")
    hidden_offers = [
        offer_of(north, "Abgelaufenes Beispielangebot", valid_until=TODAY - DAY),
        offer_of(north, "Künftiges Beispielangebot", valid_from=TODAY + DAY),
        offer_of(north, "Ruhendes Beispielangebot", status=Offer.Status.INACTIVE),
        offer_of(former, "Angebot eines ehemaligen Mitglieds"),
    ]

    now = timezone.now().replace(microsecond=0)
    place = Place.objects.create(
        name="Beispielhaus", room="Saal 2", address="Beispielweg 1, 37000 Beispielstadt"
    )
    upcoming = Meeting.objects.create(
        topic_de="Wohnen",
        topic_en="Housing",
        starts_at=now + 7 * DAY,
        ends_at=now + 7 * DAY + datetime.timedelta(hours=2),
        place=place,
        online_url="https://video.example.org/geheim",
    )
    intern = Person.objects.get(name="Peter Intern")
    public = Person.objects.get(name="Paula Öffentlich")
    hidden_presenter = AgendaItem.objects.create(
        meeting=upcoming,
        position=1,
        title="Bericht aus der Beratung",
        presenter_person=intern,
        presenter_organisation=north,
        duration_minutes=20,
        notes="Kurzer Bericht.",
    )
    AgendaItem.objects.create(meeting=upcoming, position=2, title="Vorstellung", presenter_person=public)
    attachment = AgendaAttachment(item=hidden_presenter, title="Vertrauliche Anlage")
    attachment.file.save("anlage.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    past = Meeting.objects.create(
        starts_at=now - 30 * DAY, ends_at=now - 30 * DAY + datetime.timedelta(hours=2)
    )

    minutes = Minutes.objects.create(
        title="Öffentliches Beispielprotokoll",
        year=TODAY.year - 1,
        held_on=datetime.date(TODAY.year - 1, 3, 4),
        meeting=past,
        visibility=Minutes.Visibility.PUBLIC,
        status=Minutes.Status.APPROVED,
        approved_at=now - DAY,
        body="Die Sitzung begann pünktlich.",
    )
    MinutesItem.objects.create(
        minutes=minutes, position=1, title="Begrüßung", discussion="Alle sind da.", decisions="Keine."
    )
    hidden_minutes = [
        Minutes.objects.create(
            title=title, year=TODAY.year - 1, meeting=past, visibility=visibility, status=status
        )
        for title, visibility, status in (
            ("Internes Beispielprotokoll", Minutes.Visibility.MEMBERS, Minutes.Status.APPROVED),
            ("Entwurf Beispielprotokoll", Minutes.Visibility.PUBLIC, Minutes.Status.DRAFT),
            ("Korrekturfassung Beispielprotokoll", Minutes.Visibility.PUBLIC, Minutes.Status.SENT),
        )
    ]
    return World(
        north=north,
        umbrella=umbrella,
        unit=unit,
        former=former,
        offer=offer,
        hidden_offers=hidden_offers,
        counselling=counselling,
        housing=housing,
        arabic=arabic,
        upcoming=upcoming,
        past=past,
        minutes=minutes,
        hidden_minutes=hidden_minutes,
    )


@pytest.fixture
def get(client: Client):
    """GET an API address; the answer must be 200 JSON that names none of the SECRETS."""

    def get_(path: str, **extra) -> dict:
        response = client.get(path, **extra)
        assert response.status_code == 200, (path, response.status_code, response.content[:500])
        assert response["Content-Type"] == "application/json; charset=utf-8"
        data = response.json()
        text = json.dumps(data, ensure_ascii=False)
        assert not [secret for secret in SECRETS if secret in text], path
        return data

    return get_

"""schema.org JSON-LD on organisation, offer and meeting pages: what the page shows, no more."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from meetings.models import Meeting, Place
from members.models import Affiliation, Organisation, Person
from network.models import Network
from offers.models import Location
from offers.tests.manage_sample import make_offer_sample

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(client: Client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    found = LD.findall(response.content.decode())
    assert len(found) == 1
    return json.loads(found[0])


@pytest.fixture
def network(db) -> Network:
    return Network.objects.create(name="Beispielnetzwerk")


@pytest.fixture
def organisations(network) -> tuple[Organisation, Organisation]:
    parent = Organisation.objects.create(name="Beispielverband", slug="beispielverband", is_member=True)
    unit = Organisation.objects.create(
        name="Beispielverband/Beratungsstelle",
        slug="beispielverband-beratung",
        parent=parent,
        is_member=True,
        description="Eine erfundene Beratungsstelle </script><script>alert(1)</script>",
        description_en="A made-up counselling service",
        street="Beispielweg 1",
        postcode="37073",
        city="Göttingen",
        email="beratung@example.org",
    )
    return parent, unit


def test_an_organisation_is_described_without_its_contact_people(client: Client, organisations) -> None:
    parent, unit = organisations
    person = Person.objects.create(name="Erika Beispiel", email="erika@example.org")
    Affiliation.objects.create(person=person, organisation=unit)

    data = json_ld(client, unit.get_absolute_url())

    assert data["@type"] == "Organization"
    assert data["name"] == "Beispielverband/Beratungsstelle"
    assert data["address"]["postalCode"] == "37073"
    assert data["parentOrganization"]["name"] == "Beispielverband"
    assert data["memberOf"]["name"] == "Beispielnetzwerk"
    assert "Erika" not in json.dumps(data)


def test_nothing_in_the_data_ends_the_script_element(client: Client, organisations) -> None:
    _parent, unit = organisations
    html = client.get(unit.get_absolute_url()).content.decode()

    assert "alert(1)</script>" not in html
    assert json_ld(client, unit.get_absolute_url())["description"].endswith("<script>alert(1)</script>")


def test_the_description_is_in_the_pages_language(client: Client, organisations) -> None:
    _parent, unit = organisations

    data = json_ld(client, f"/en/members/{unit.slug}/")

    assert data["description"] == "A made-up counselling service"


def test_an_offer_is_a_service_of_its_organisation(client: Client, organisations) -> None:
    parent, unit = organisations
    offers = make_offer_sample(unit, parent)
    offer = offers.offer["A"]
    offer.free_of_charge = True
    offer.save()
    Location.objects.filter(offer=offer).update(latitude="51.533000", longitude="9.935000")

    data = json_ld(client, offer.get_absolute_url())

    assert data["@type"] == "Service"
    assert data["name"] == "Beispielangebot A"
    assert data["provider"]["name"] == unit.name
    assert data["isAccessibleForFree"] is True
    assert data["availableLanguage"] == [{"@type": "Language", "alternateName": "eo", "name": "Esperanto"}]
    assert data["category"] == ["Beispielthema"]
    assert data["availableChannel"][0]["serviceLocation"]["geo"]["latitude"] == 51.533


def test_unknown_costs_are_left_out(client: Client, organisations) -> None:
    parent, unit = organisations
    offer = make_offer_sample(unit, parent).offer["A"]

    assert "isAccessibleForFree" not in json_ld(client, offer.get_absolute_url())


def test_a_meeting_is_an_event_without_its_online_link(client: Client, network) -> None:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    meeting = Meeting.objects.create(
        topic="Wohnen",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place=Place.objects.create(name="Beispielhaus", address="Beispielweg 1, 37073 Göttingen"),
        online_url="https://video.example.org/geheim",
    )

    data = json_ld(client, meeting.get_absolute_url())

    assert data["@type"] == "Event"
    assert data["name"].endswith(": Wohnen")
    assert data["startDate"] == timezone.localtime(starts).isoformat()
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["name"] == "Beispielhaus"
    assert data["organizer"]["name"] == "Beispielnetzwerk"
    assert "video.example.org" not in json.dumps(data)


def test_a_cancelled_meeting_says_so(client: Client, network) -> None:
    starts = timezone.now() + datetime.timedelta(days=7)
    meeting = Meeting.objects.create(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), is_cancelled=True
    )

    assert json_ld(client, meeting.get_absolute_url())["eventStatus"] == "https://schema.org/EventCancelled"

import pytest
from django.test import Client
from django.utils import translation

from members.models import Affiliation, Organisation, Person, User


@pytest.fixture(autouse=True)
def english() -> None:
    """The pages in English (reverse() gives /en/ addresses): their words are the msgids."""
    translation.activate("en")


@pytest.fixture
def coordinator(demo) -> User:
    return User.objects.create_user(email="koordination@example.org", password=None, is_coordinator=True)


@pytest.fixture
def coordinator_client(coordinator: User) -> Client:
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def contact(demo) -> Person:
    """A made-up contact person of a demo organisation."""
    person = Person.objects.create(name="Anna Beispiel", email="anna@example.org", phone="0551 000000")
    organisation = Organisation.objects.get(slug="awo-kreisverband-gottingen")
    Affiliation.objects.create(person=person, organisation=organisation, function="Beratung")
    return person

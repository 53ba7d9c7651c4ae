import pytest
from django.utils import translation

from members.models import Affiliation, Organisation, Person, User


@pytest.fixture(autouse=True)
def english() -> None:
    """The pages in English (reverse() gives /en/ addresses): their words are the msgids."""
    translation.activate("en")


@pytest.fixture
def coordinator(demo, coordinator: User) -> User:
    """The root conftest's coordinator, in the Göttingen demo."""
    return coordinator


@pytest.fixture
def contact(demo) -> Person:
    """A made-up contact person of a demo organisation."""
    person = Person.objects.create(name="Anna Beispiel", email="anna@example.org", phone="0551 000000")
    organisation = Organisation.objects.get(slug="awo-kreisverband-gottingen")
    Affiliation.objects.create(person=person, organisation=organisation, function="Beratung")
    return person

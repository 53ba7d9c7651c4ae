"""Obviously made-up organisations and offers for the directory's tests (test_public.py,
test_hsds.py): one way to make them, whatever a test module adds by default."""

from decimal import Decimal

from django.utils.text import slugify

from members.models import Organisation
from offers.models import Language, Location, Offer, Term

# Somewhere near Göttingen; the street, the postcode and the town are made up.
SAMPLE_PLACE = {
    "street": "Testweg 1",
    "postcode": "37000",
    "district": "county",
    "latitude": Decimal("51.500000"),
    "longitude": Decimal("9.900000"),
    "step_free": True,
}


def make_organisation(name: str = "Beispielverein e. V.", **fields) -> Organisation:
    return Organisation.objects.create(name=name, slug=slugify(name), **fields)


def make_offer(
    organisation: Organisation,
    title: str = "Beispielberatung",
    *,
    terms: list[Term] | tuple = (),
    languages: list[Language] | tuple = (),
    city: str = "",
    **fields,
) -> Offer:
    """An offer with its German title, its lists and languages spoken, and, given a `city`, a
    place there (SAMPLE_PLACE: with an address and coordinates)."""
    offer = Offer.objects.create(organisation=organisation, title_de=title, **fields)
    if terms:
        offer.terms.set(terms)
    if languages:
        offer.languages.set(languages)
    if city:
        make_place(offer, city, **SAMPLE_PLACE)
    return offer


def make_place(offer: Offer, city: str, **fields) -> Location:
    return Location.objects.create(offer=offer, city=city, **fields)

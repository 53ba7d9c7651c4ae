"""Obviously made-up offers for the access tests (members/tests/test_access.py): an offer of
organisation A and one of B, a list entry and a language."""

import datetime
from dataclasses import dataclass

from members.models import Organisation
from offers.models import Language, Location, Offer, Term


@dataclass
class OfferSample:
    offer: dict[str, Offer]  # by organisation: "A", "B"
    term: Term
    language: Language


def make_offer_sample(a: Organisation, b: Organisation) -> OfferSample:
    term, _ = Term.objects.get_or_create(
        taxonomy=Term.Taxonomy.TOPIC, slug="beispielthema", defaults={"name_de": "Beispielthema"}
    )
    language, _ = Language.objects.get_or_create(code="eo", defaults={"name_de": "Esperanto"})
    offers = {}
    for key, organisation in (("A", a), ("B", b)):
        offer = Offer.objects.create(
            organisation=organisation,
            title_de=f"Beispielangebot {key}",
            description_de="Ein erfundenes Angebot für die Tests.",
            # Confirmed long ago: confirming it changes something.
            last_confirmed_on=datetime.date(2024, 1, 15),
        )
        offer.terms.add(term)
        offer.languages.add(language)
        Location.objects.create(offer=offer, name="Beispielhaus", city="Beispielstadt")
        offers[key] = offer
    return OfferSample(offer=offers, term=term, language=language)

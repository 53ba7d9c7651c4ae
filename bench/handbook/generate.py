"""Synthetic members and offers for the handbook benchmark: obviously fake, never shown anywhere.

    DATABASE_URL=... .venv/bin/python bench/handbook/generate.py --organisations 1000 --offers 5000

Writes N organisations ("Testorganisation 0042"; one in ten a unit of another,
"Testorganisation 0042 – Testeinheit 3"), each with a German description and
most with an English one, an address, one or two contact people of whom half
agreed to be shown publicly ("Testperson 00421", @example.org), and M offers
spread over them, with topics, target groups, languages spoken, a place and
descriptions in German and (mostly) English. Texts are strings of words from a
small list. The same seed gives the same data. Meant for an empty, migrated
database of its own.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from synthetic import LANGUAGES, TERMS, text  # noqa: E402

KINDS = [
    ("testart-beratung", "Testart Beratung", "Test kind counselling"),
    ("testart-verein", "Testart Verein", "Test kind association"),
]
BATCH = 1000


def generate(organisations: int, offers: int, seed: int = 1) -> dict[str, int]:
    from django.db import transaction

    from members.models import Affiliation, Organisation, OrganisationKind, Person
    from offers.models import Language, Location, Offer, Term

    rng = random.Random(seed)  # noqa: S311 - synthetic data, no secret
    with transaction.atomic():
        kinds = OrganisationKind.objects.bulk_create(
            OrganisationKind(slug=slug, name_de=de, name_en=en, position=position)
            for position, (slug, de, en) in enumerate(KINDS)
        )
        topics = Term.objects.bulk_create(
            Term(taxonomy=Term.Taxonomy.TOPIC, slug=slug, name_de=de, name_en=en)
            for slug, de, en in TERMS["topic"]
        )
        groups = Term.objects.bulk_create(
            Term(taxonomy=Term.Taxonomy.TARGET_GROUP, slug=slug, name_de=de, name_en=en)
            for slug, de, en in TERMS["target-group"]
        )
        Language.objects.bulk_create(
            Language(code=code, name_de=de, name_en=en, native_name=native, position=position)
            for position, (code, de, en, native) in enumerate(LANGUAGES)
        )
        codes = [code for code, *_ in LANGUAGES]

        # Nine in ten stand on their own; every tenth is a unit of one of those.
        def organisation(number: int, parent=None):
            name = f"Testorganisation {number:04d}"
            if parent is not None:
                name = f"{parent.name} – Testeinheit {number:04d}"
            description = {"description_de": f"Testbeschreibung. {text(rng, 'de', rng.randint(20, 60))}."}
            if rng.random() < 0.7:
                description["description_en"] = f"Test description. {text(rng, 'en', rng.randint(20, 60))}."
            return Organisation(
                name=name,
                slug=f"testorganisation-{number:04d}",
                parent=parent,
                kind=rng.choice(kinds),
                street=f"Teststraße {rng.randint(1, 200)}",
                postcode=f"{rng.randint(0, 99999):05d}",
                city=f"Testort {rng.randint(1, 40):02d}",
                website=f"https://testorganisation-{number:04d}.example.org",
                email=f"info@testorganisation-{number:04d}.example.org",
                phone=f"0000 {number:06d}",
                **description,
            )

        numbers = range(organisations)
        made = Organisation.objects.bulk_create(
            (organisation(number) for number in numbers if number % 10 != 9), batch_size=BATCH
        )
        made += Organisation.objects.bulk_create(
            (organisation(number, rng.choice(made)) for number in numbers if number % 10 == 9),
            batch_size=BATCH,
        )

        people, affiliations = [], []
        for organisation in made:
            for count in range(rng.randint(1, 2)):
                serial = f"{organisation.pk:04d}{count}"
                person = Person(
                    name=f"Testperson {serial}",
                    email=f"testperson-{serial}@example.org",
                    public_consent=rng.random() < 0.5,
                )
                people.append(person)
                affiliations.append((person, organisation))
        Person.objects.bulk_create(people, batch_size=BATCH)
        Affiliation.objects.bulk_create(
            (Affiliation(person=person, organisation=organisation) for person, organisation in affiliations),
            batch_size=BATCH,
        )

        for start in range(0, offers, BATCH):
            batch = []
            for number in range(start, min(start + BATCH, offers)):
                serial = 10000 + number
                fields = {
                    "title_de": f"Testangebot {serial} – {text(rng, 'de', 2)}",
                    "description_de": f"Testangebot {serial}. {text(rng, 'de', rng.randint(15, 40))}.",
                }
                if rng.random() < 0.7:
                    fields["title_en"] = f"Test offer {serial} – {text(rng, 'en', 2)}"
                    fields["description_en"] = f"Test offer {serial}. {text(rng, 'en', rng.randint(15, 40))}."
                batch.append(
                    Offer(
                        organisation=rng.choice(made),
                        in_person=rng.random() < 0.8,
                        by_phone=rng.random() < 0.5,
                        by_email=rng.random() < 0.4,
                        free_of_charge=rng.random() < 0.85,
                        opening_hours_de="Mo–Fr 9–12 Uhr (Testzeiten)",
                        phone=f"0000 {number:06d}",
                        **fields,
                    )
                )
            created = Offer.objects.bulk_create(batch)
            terms, spoken, places = [], [], []
            for offer in created:
                chosen = rng.sample(topics, rng.randint(1, 3)) + rng.sample(groups, rng.randint(1, 2))
                terms += [Offer.terms.through(offer_id=offer.pk, term_id=term.pk) for term in chosen]
                languages = {"de"} | set(rng.sample(codes, rng.randint(0, 2)))
                spoken += [Offer.languages.through(offer_id=offer.pk, language_id=code) for code in languages]
                places.append(
                    Location(
                        offer=offer,
                        street=f"Teststraße {rng.randint(1, 200)}",
                        postcode=f"{rng.randint(0, 99999):05d}",
                        city=f"Testort {rng.randint(1, 40):02d}",
                    )
                )
            Offer.terms.through.objects.bulk_create(terms)
            Offer.languages.through.objects.bulk_create(spoken)
            Location.objects.bulk_create(places)
    return {"organisations": organisations, "offers": offers, "people": len(people)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--offers", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    arguments = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
    import django

    django.setup()
    started = time.perf_counter()
    result = generate(arguments.organisations, arguments.offers, arguments.seed)
    if arguments.json:
        print(json.dumps(result))
    else:
        print(f"{result} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()

"""Synthetic offers for the search benchmark: obviously fake, never shown anywhere.

    DATABASE_URL=... .venv/bin/python bench/offers/generate.py --offers 100000

Writes N offers of N/50 organisations ("Testorganisation 0042", "Testangebot 48213 –
Beratung Familie") with bulk_create in batches, then rebuilds the search index.
Texts are strings of words from a small list per language, in every language the
Offer model has translation fields for (offers/translation.py) among the seven of
the directory: de, en, ar, fa, tr, ru, uk. Content words are equally likely, so
that "Beratung" (with its compounds: "Beratungsstelle") is in about half of the
offers, as it would be in a directory of counselling; languages spoken and towns
are drawn with Zipf-like weights (German everywhere, a big town first). The
same seed gives the same data. Meant for an empty database of its own.
"""

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from synthetic import LANGUAGES, OFFER, TERMS, WORDS, text  # noqa: E402

# Obviously fake towns around a point near Göttingen; the first is the "city".
TOWNS = 40
CENTRE = (51.54, 9.93)
BATCH = 2000


def zipf_weights(n: int) -> list[float]:
    return [1 / (rank + 1) for rank in range(n)]


def generate(offers: int, seed: int = 1) -> dict[str, int]:
    """Writes the lists, the languages, offers/50 organisations and the offers; indexes them."""
    from django.db import transaction
    from modeltranslation.settings import AVAILABLE_LANGUAGES

    from members.models import District, Organisation
    from offers.index import reindex
    from offers.models import Language, Location, Offer, Term

    rng = random.Random(seed)  # noqa: S311 - synthetic data, no secret
    languages = [language for language in AVAILABLE_LANGUAGES if language in WORDS]
    today = datetime.date.today()
    with transaction.atomic():
        terms = {}
        for taxonomy, entries in TERMS.items():
            made = Term.objects.bulk_create(
                Term(taxonomy=taxonomy, slug=slug, name_de=de, name_en=en, position=position)
                for position, (slug, de, en) in enumerate(entries)
            )
            terms[taxonomy] = [term.pk for term in made]
        Language.objects.bulk_create(
            Language(code=code, name_de=de, name_en=en, native_name=native, position=position)
            for position, (code, de, en, native) in enumerate(LANGUAGES)
        )
        codes = [code for code, *_ in LANGUAGES]

        count = max(offers // 50, 1)
        organisations = Organisation.objects.bulk_create(
            (
                Organisation(
                    name=f"Testorganisation {number:04d}",
                    slug=f"testorganisation-{number:04d}",
                    # One in fifty has left the network: its offers are not public.
                    left_on=today - datetime.timedelta(days=30) if number % 50 == 49 else None,
                )
                for number in range(count)
            ),
            batch_size=BATCH,
        )
        towns = [
            (f"Testort {number:02d}", CENTRE[0] + rng.uniform(-0.4, 0.4), CENTRE[1] + rng.uniform(-0.6, 0.6))
            for number in range(TOWNS)
        ]

        for start in range(0, offers, BATCH):
            batch = [
                _offer(rng, number, languages, organisations, today)
                for number in range(start, min(start + BATCH, offers))
            ]
            made = Offer.objects.bulk_create(batch)
            offer_terms, offer_languages, places = [], [], []
            for offer in made:
                chosen = (
                    rng.sample(terms["category"], rng.choice((1, 1, 1, 2)))
                    + rng.sample(terms["topic"], rng.randint(1, 3))
                    + rng.sample(terms["target-group"], rng.randint(1, 2))
                )
                offer_terms += [Offer.terms.through(offer_id=offer.pk, term_id=term) for term in chosen]
                spoken = {"de"} | set(
                    rng.choices(codes, weights=zipf_weights(len(codes)), k=rng.randint(0, 3))
                )
                offer_languages += [
                    Offer.languages.through(offer_id=offer.pk, language_id=code) for code in spoken
                ]
                for _place in range(rng.choice((1, 1, 1, 2))):
                    town, latitude, longitude = rng.choices(towns, weights=zipf_weights(TOWNS))[0]
                    places.append(
                        Location(
                            offer=offer,
                            street=f"Teststraße {rng.randint(1, 200)}",
                            postcode=f"{rng.randint(0, 99999):05d}",
                            city=town,
                            district=District.CITY
                            if town == towns[0][0]
                            else rng.choice((District.COUNTY, District.COUNTY, District.ELSEWHERE)),
                            latitude=round(latitude + rng.uniform(-0.02, 0.02), 6),
                            longitude=round(longitude + rng.uniform(-0.03, 0.03), 6),
                        )
                    )
            Offer.terms.through.objects.bulk_create(offer_terms)
            Offer.languages.through.objects.bulk_create(offer_languages)
            Location.objects.bulk_create(places)
    analyze()  # statistics for the planner, as after any bulk load
    started = time.perf_counter()
    indexed = reindex()
    # As a database is between bulk loads: on PostgreSQL, VACUUM sets the visibility map and
    # the rows' hint bits, which the first reads would otherwise write while being measured,
    # racing autovacuum.
    analyze(vacuum=True)
    return {
        "offers": offers,
        "organisations": count,
        "listed": indexed,
        "index_seconds": time.perf_counter() - started,
    }


def analyze(vacuum: bool = False) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum and connection.vendor == "postgresql" else "ANALYZE")


def _offer(rng: random.Random, number: int, languages: list[str], organisations: list, today: datetime.date):
    from offers.models import Offer

    fields = {}
    serial = 10000 + number
    for language in languages:
        # Not every offer is translated into every language: German always, others often.
        if language != "de" and rng.random() < 0.3:
            continue
        fields[f"title_{language}"] = (
            f"{OFFER[language]} {serial} – {text(rng, language, rng.randint(2, 4), fillers=False)}"
        )
        fields[f"description_{language}"] = (
            f"{OFFER[language]} {serial}. {text(rng, language, rng.randint(15, 40))}"
        )
    roll = rng.random()
    return Offer(
        organisation=rng.choice(organisations),
        # 3 % inactive, 3 % expired, 1 % not yet valid.
        status=Offer.Status.INACTIVE if roll < 0.03 else Offer.Status.ACTIVE,
        valid_until=today - datetime.timedelta(days=10) if 0.03 <= roll < 0.06 else None,
        valid_from=today + datetime.timedelta(days=10) if 0.06 <= roll < 0.07 else None,
        in_person=rng.random() < 0.8,
        by_phone=rng.random() < 0.5,
        by_video=rng.random() < 0.2,
        by_email=rng.random() < 0.4,
        by_chat=rng.random() < 0.05,
        free_of_charge=rng.random() < 0.85,
        last_confirmed_on=today - datetime.timedelta(days=rng.randint(0, 500)),
        **fields,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    arguments = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")
    import django

    django.setup()
    started = time.perf_counter()
    result = generate(arguments.offers, arguments.seed)
    if arguments.json:
        print(json.dumps(result))
    else:
        print(f"{result} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

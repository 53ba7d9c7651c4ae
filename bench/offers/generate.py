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

# Word lists: the first words are the most frequent. Letters only, no punctuation.
WORDS = {
    "de": (
        "Beratung Unterstützung Hilfe Familie Kinder Sprachkurs Deutschkurs Frauen Jugendliche "
        "Aufenthaltsrecht Beratungsstelle Gesundheit Arbeit Wohnung Schule Ausbildung Begleitung "
        "Integrationskurs Asylverfahren Anerkennung Sprechstunde Treffpunkt Freizeit Sport Eltern "
        "Hausaufgabenhilfe Nachhilfe Bewerbung Migrationsberatung Sozialberatung Rechtsberatung "
        "Dolmetscher Übersetzung Behörden Anträge Formulare Elterncafé Krankenversicherung Pflege "
        "Senioren Nachbarschaft Ehrenamt Patenschaften Gruppe Kurs Workshop offene kostenlose "
        "wöchentlich Termine Studium Berufsorientierung Schuldnerberatung Wohnungssuche Kita "
        "Gewaltschutz Traumaberatung Frauenberatung Jugendberatung Aufenthalt Einbürgerung Praktikum"
    ).split(),
    "en": (
        "counselling support help family children language course women young people residence "
        "advice health work housing school training accompaniment integration asylum recognition "
        "consultation meeting leisure sports parents homework tutoring application migration social "
        "legal interpreter translation authorities forms insurance care seniors neighbourhood "
        "volunteering mentoring group workshop open free weekly appointments studies career debt"
    ).split(),
    "ar": (
        "استشارة دعم مساعدة عائلة أطفال دورة لغة نساء شباب إقامة صحة عمل سكن مدرسة تدريب مرافقة "
        "اندماج لجوء اعتراف موعد لقاء رياضة أهل واجبات طلب هجرة قانون ترجمة مترجم استمارات تأمين "
        "رعاية مسنين جيران تطوع مجموعة ورشة مفتوح مجاني أسبوعي دراسة مهنة"
    ).split(),
    "fa": (
        "مشاوره پشتیبانی کمک خانواده کودکان دوره زبان زنان جوانان اقامت سلامت کار مسکن مدرسه "
        "آموزش همراهی ادغام پناهندگی وقت دیدار ورزش والدین تکالیف درخواست مهاجرت قانون ترجمه "
        "مترجم فرم بیمه مراقبت سالمندان همسایگی داوطلب گروه کارگاه رایگان هفتگی"
    ).split(),
    "tr": (
        "danışmanlık destek yardım aile çocuklar dil kursu kadınlar gençler oturum sağlık iş konut "
        "okul eğitim refakat uyum iltica tanınma randevu buluşma spor ebeveynler ödev başvuru göç "
        "hukuk tercüme tercüman formlar sigorta bakım yaşlılar komşuluk gönüllü grup atölye ücretsiz"
    ).split(),
    "ru": (
        "консультация поддержка помощь семья дети курс языка женщины молодёжь проживание здоровье "
        "работа жильё школа обучение сопровождение интеграция убежище признание запись встреча "
        "спорт родители домашние задания заявление миграция право перевод переводчик формы "
        "страховка уход пожилые соседи волонтёры группа мастерская бесплатно еженедельно"
    ).split(),
    "uk": (
        "консультація підтримка допомога родина діти курс мови жінки молодь проживання медицина "
        "робота житло школа навчання супровід інтеграція притулок визнання запис зустріч спорт "
        "батьки домашні завдання заява міграція право переклад перекладач форми страхування "
        "догляд літні сусіди волонтери група майстерня безкоштовно щотижня"
    ).split(),
}
# Short words between them, as in sentences.
FILLERS = {
    "de": "und für die der mit im bei von zu auf in".split(),
    "en": "and for the with in at of to on".split(),
    "ar": "و في من مع على إلى".split(),
    "fa": "و در از با به برای".split(),
    "tr": "ve için ile de bir".split(),
    "ru": "и для с в на по".split(),
    "uk": "і для з в на по".split(),
}
OFFER = {"de": "Testangebot", "en": "Test offer", "ar": "عرض تجريبي", "fa": "پیشنهاد آزمایشی"}
OFFER |= {"tr": "Test teklifi", "ru": "Тестовое предложение", "uk": "Тестова пропозиція"}

# The lists: taxonomy -> (slug, German name, English name).
TERMS = {
    "category": [
        ("beratung", "Beratung", "Counselling"),
        ("bildung", "Bildung", "Education"),
        ("betreuung", "Betreuung", "Care"),
        ("sprachkurs", "Sprachkurs", "Language course"),
        ("jugend", "Jugend", "Youth"),
        ("freizeit", "Freizeit", "Leisure"),
        ("gesundheit", "Gesundheit", "Health"),
        ("arbeit", "Arbeit", "Work"),
    ],
    "topic": [
        ("aufenthaltsrecht", "Aufenthaltsrecht", "Residence law"),
        ("asylverfahren", "Asylverfahren", "Asylum procedure"),
        ("arbeit-anerkennung", "Arbeit und Anerkennung", "Work and recognition"),
        ("sprache", "Sprache", "Language"),
        ("gesundheit", "Gesundheit", "Health"),
        ("familie", "Familie", "Family"),
        ("wohnen", "Wohnen", "Housing"),
        ("schule", "Schule", "School"),
        ("ausbildung", "Ausbildung", "Vocational training"),
        ("studium", "Studium", "Studies"),
        ("schulden", "Schulden", "Debt"),
        ("gewaltschutz", "Gewaltschutz", "Protection from violence"),
        ("freizeit-sport", "Freizeit und Sport", "Leisure and sports"),
        ("ehrenamt", "Ehrenamt", "Volunteering"),
        ("behoerden", "Behörden", "Authorities"),
    ],
    "target-group": [
        ("gefluechtete", "Geflüchtete", "Refugees"),
        ("spaetaussiedler", "Spätaussiedler", "Late repatriates"),
        ("frauen", "Frauen", "Women"),
        ("kinder-jugendliche", "Kinder und Jugendliche", "Children and young people"),
        ("eu-buerger", "EU-Bürger", "EU citizens"),
        ("familien", "Familien", "Families"),
        ("senioren", "Senioren", "Older people"),
        ("alle", "Alle", "Everyone"),
    ],
}
LANGUAGES = [
    ("de", "Deutsch", "German", "Deutsch"),
    ("en", "Englisch", "English", "English"),
    ("ar", "Arabisch", "Arabic", "العربية"),
    ("fa", "Persisch", "Persian", "فارسی"),
    ("tr", "Türkisch", "Turkish", "Türkçe"),
    ("ru", "Russisch", "Russian", "Русский"),
    ("uk", "Ukrainisch", "Ukrainian", "Українська"),
    ("fr", "Französisch", "French", "Français"),
    ("ku", "Kurdisch", "Kurdish", "Kurdî"),
    ("ti", "Tigrinya", "Tigrinya", "ትግርኛ"),
    ("ps", "Paschtu", "Pashto", "پښتو"),
    ("es", "Spanisch", "Spanish", "Español"),
]
# Obviously fake towns around a point near Göttingen; the first is the "city".
TOWNS = 40
CENTRE = (51.54, 9.93)
BATCH = 2000


def zipf_weights(n: int) -> list[float]:
    return [1 / (rank + 1) for rank in range(n)]


def text(rng: random.Random, language: str, length: int, fillers: bool = True) -> str:
    """Words of the language's list, each equally likely, with short words between them."""
    words = WORDS[language]
    chosen = []
    for _word in range(length):
        if fillers and rng.random() < 0.4:
            chosen.append(rng.choice(FILLERS[language]))
        else:
            chosen.append(rng.choice(words))
    return " ".join(chosen)


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

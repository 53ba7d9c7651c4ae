"""The offers of the demo network: the lists coordinators keep, the languages, and
the offers that the network's own page names (demo/source/netzwerk-migration-goettingen.txt).

Nothing is invented. An offer here is a member (or a unit of one) whose name on
the page is itself a service: a counselling office, a youth club, a helpline,
the courses of an adult education centre. It gets only what its name says or
what is plainly public about a federal programme of that name (the
Jugendmigrationsdienst is for young migrants from 12 to 27). No address, phone
number, opening hours, languages or description that the page does not give;
a town only where the organisation's name gives one. `last_confirmed_on` stays
empty, so the directory says honestly that nobody has confirmed them yet.

`load(result)` is called by demo/loader.py once the organisations exist. Rows
are found by natural keys (a list's slug, a language's code, an offer's
organisation and German title), so loading twice changes nothing.
"""

from typing import Any, Protocol

from django.db import models
from django.utils.text import slugify

from members.models import District, Organisation

from .models import Language, Location, Offer, Term


class Result(Protocol):
    """What the demo loader passes in (demo.loader.LoadResult)."""

    refresh: bool

    def count(self, label: str, created: bool) -> None: ...


CATEGORY, TOPIC, TARGET_GROUP = Term.Taxonomy.CATEGORY, Term.Taxonomy.TOPIC, Term.Taxonomy.TARGET_GROUP

# The lists, in their order: taxonomy -> (slug, German, English, Arabic).
TERMS: dict[str, list[tuple[str, str, str, str]]] = {
    CATEGORY: [
        ("beratung", "Beratung", "Counselling", "الاستشارة"),
        ("bildung", "Bildung", "Education", "التعليم"),
        ("betreuung", "Betreuung", "Care", "الرعاية"),
        ("sprachkurs", "Sprachkurs", "Language course", "دورة لغة"),
        ("jugend", "Jugend", "Youth", "الشباب"),
        ("freizeit", "Freizeit", "Leisure", "أوقات الفراغ"),
    ],
    TOPIC: [
        ("aufenthaltsrecht", "Aufenthaltsrecht", "Residence law", "قانون الإقامة"),
        ("asylverfahren", "Asylverfahren", "Asylum procedure", "إجراءات اللجوء"),
        (
            "arbeit-anerkennung",
            "Arbeit und Anerkennung",
            "Work and recognition of qualifications",
            "العمل والاعتراف بالمؤهلات",
        ),
        ("sprache", "Sprache", "Language", "اللغة"),
        ("gesundheit", "Gesundheit", "Health", "الصحة"),
        ("familie", "Familie", "Family", "الأسرة"),
        ("wohnen", "Wohnen", "Housing", "السكن"),
        ("schule", "Schule", "School", "المدرسة"),
        ("sucht", "Sucht", "Addiction", "الإدمان"),
    ],
    TARGET_GROUP: [
        ("gefluechtete", "Geflüchtete", "Refugees", "اللاجئون واللاجئات"),
        (
            "spaetaussiedler",
            "Spätaussiedler*innen",
            "Late repatriates (ethnic German resettlers)",
            "العائدون من أصل ألماني (Spätaussiedler)",
        ),
        ("frauen", "Frauen", "Women", "النساء"),
        ("kinder-jugendliche", "Kinder und Jugendliche", "Children and young people", "الأطفال والشباب"),
        ("eu-buerger", "EU-Bürger*innen", "EU citizens", "مواطنو الاتحاد الأوروبي"),
        ("alle-zugewanderten", "Alle Zugewanderten", "All migrants", "جميع المهاجرين والمهاجرات"),
    ],
}

# Languages an offer may be spoken in: ISO 639-1 where there is a code, ISO 639-3
# otherwise (Dari: prs). (code, name in the language itself, German, English, Arabic)
LANGUAGES: list[tuple[str, str, str, str, str]] = [
    ("de", "Deutsch", "Deutsch", "German", "الألمانية"),
    ("en", "English", "Englisch", "English", "الإنجليزية"),
    ("ar", "العربية", "Arabisch", "Arabic", "العربية"),
    ("fa", "فارسی", "Persisch (Farsi)", "Persian (Farsi)", "الفارسية"),
    ("prs", "دری", "Dari", "Dari", "الدرية"),
    ("ps", "پښتو", "Paschtu", "Pashto", "البشتوية"),
    ("tr", "Türkçe", "Türkisch", "Turkish", "التركية"),
    ("ku", "Kurdî", "Kurdisch", "Kurdish", "الكردية"),
    ("ru", "Русский", "Russisch", "Russian", "الروسية"),
    ("uk", "Українська", "Ukrainisch", "Ukrainian", "الأوكرانية"),
    ("pl", "Polski", "Polnisch", "Polish", "البولندية"),
    ("ro", "Română", "Rumänisch", "Romanian", "الرومانية"),
    ("bg", "Български", "Bulgarisch", "Bulgarian", "البلغارية"),
    ("el", "Ελληνικά", "Griechisch", "Greek", "اليونانية"),
    ("fr", "Français", "Französisch", "French", "الفرنسية"),
    ("ti", "ትግርኛ", "Tigrinya", "Tigrinya", "التغرينية"),
    ("so", "Soomaali", "Somali", "Somali", "الصومالية"),
]

# The offers: the organisation's name exactly as on the page, the title in German,
# English and Arabic, the list entries by slug, and only the fields that are known.
# `place` is a town named in the organisation's name.
OFFERS: list[dict[str, Any]] = [
    {
        "organisation": "AWO/Migrationserstberatung (MEB)",
        "title": {
            "de": "Migrationserstberatung (MEB)",
            "en": "Initial migration counselling (Migrationserstberatung, MEB)",
            "ar": "الاستشارة الأولى للمهاجرين (Migrationserstberatung)",
        },
        "terms": {CATEGORY: ["beratung"]},
    },
    {
        "organisation": "Internationaler Bund/Jugendmigrationsdienst",
        "title": {
            "de": "Jugendmigrationsdienst",
            "en": "Youth Migration Service (Jugendmigrationsdienst)",
            "ar": "خدمة هجرة الشباب (Jugendmigrationsdienst)",
        },
        "terms": {CATEGORY: ["beratung"], TARGET_GROUP: ["kinder-jugendliche"]},
        # The federal programme's age range, as the programme itself publishes it.
        "fields": {"minimum_age": 12, "maximum_age": 27},
    },
    {
        "organisation": "Caritas Migrationsdienst/Caritas Zentrum",
        "title": {
            "de": "Caritas Migrationsdienst",
            "en": "Caritas Migration Service (Caritas Migrationsdienst)",
            "ar": "خدمة الهجرة في كاريتاس (Caritas Migrationsdienst)",
        },
        "terms": {CATEGORY: ["beratung"]},
    },
    {
        "organisation": "Kinder- und Jugendtelefon Göttingen e. V.",
        "title": {
            "de": "Kinder- und Jugendtelefon",
            "en": "Helpline for children and young people (Kinder- und Jugendtelefon)",
            "ar": "هاتف الأطفال والشباب (Kinder- und Jugendtelefon)",
        },
        "terms": {CATEGORY: ["beratung"], TARGET_GROUP: ["kinder-jugendliche"]},
        # A telephone service: counselling by phone, not at a counter.
        "fields": {"in_person": False, "by_phone": True},
    },
    {
        "organisation": "Drogenberatungszentrum",
        "title": {
            "de": "Drogenberatungszentrum",
            "en": "Drug counselling centre (Drogenberatungszentrum)",
            "ar": "مركز الاستشارة بشأن المخدرات (Drogenberatungszentrum)",
        },
        "terms": {CATEGORY: ["beratung"], TOPIC: ["sucht"]},
    },
    {
        "organisation": "Beratungsstelle der Inneren Mission im GDL Friedland",
        "title": {
            "de": "Beratungsstelle der Inneren Mission im GDL Friedland",
            "en": "Counselling office of the Innere Mission at the Friedland transit camp (GDL)",
            "ar": "مكتب الاستشارة التابع لـ Innere Mission في مخيم العبور فريدلاند (GDL Friedland)",
        },
        "terms": {CATEGORY: ["beratung"]},
        "place": "Friedland",
    },
    {
        "organisation": "DRK-Beratungsstelle im GDL",
        "title": {
            "de": "DRK-Beratungsstelle im GDL",
            "en": "German Red Cross counselling office at the transit camp (DRK, GDL)",
            "ar": "مكتب الاستشارة التابع للصليب الأحمر الألماني في مخيم العبور (DRK, GDL)",
        },
        "terms": {CATEGORY: ["beratung"]},
    },
    {
        "organisation": "Diakonisches Werk – Kirchenkreissozialarbeit",
        "title": {
            "de": "Kirchenkreissozialarbeit",
            "en": "Social work of the church district (Kirchenkreissozialarbeit)",
            "ar": "العمل الاجتماعي في الدائرة الكنسية (Kirchenkreissozialarbeit)",
        },
        "terms": {CATEGORY: ["beratung"]},
    },
    {
        "organisation": "Caritas im GDL Friedland/Jugendclub Kakadu",
        "title": {
            "de": "Jugendclub Kakadu",
            "en": "Kakadu youth club (Jugendclub Kakadu)",
            "ar": "نادي الشباب كاكادو (Jugendclub Kakadu)",
        },
        "terms": {CATEGORY: ["jugend"], TARGET_GROUP: ["kinder-jugendliche"]},
        "place": "Friedland",
    },
    {
        "organisation": "Jugendhaus Holtenser Berg",
        "title": {
            "de": "Jugendhaus Holtenser Berg",
            "en": "Holtenser Berg youth centre (Jugendhaus Holtenser Berg)",
            "ar": "بيت الشباب هولتنزر بيرغ (Jugendhaus Holtenser Berg)",
        },
        "terms": {CATEGORY: ["jugend"], TARGET_GROUP: ["kinder-jugendliche"]},
    },
    {
        "organisation": "Kreisvolkshochschule Göttingen",
        "title": {
            "de": "Kurse der Kreisvolkshochschule Göttingen",
            "en": "Courses of the Kreisvolkshochschule Göttingen (district adult education centre)",
            "ar": "دورات Kreisvolkshochschule Göttingen (مركز تعليم الكبار في دائرة غوتينغن)",
        },
        "terms": {CATEGORY: ["bildung", "sprachkurs"], TOPIC: ["sprache"]},
        # Courses at a Volkshochschule are paid for; the page gives no prices.
        "fields": {"free_of_charge": False},
    },
    {
        "organisation": "Volkshochschule Göttingen e. V.",
        "title": {
            "de": "Kurse der Volkshochschule Göttingen",
            "en": "Courses of the Volkshochschule Göttingen (adult education centre)",
            "ar": "دورات Volkshochschule Göttingen (مركز تعليم الكبار في غوتينغن)",
        },
        "terms": {CATEGORY: ["bildung", "sprachkurs"], TOPIC: ["sprache"]},
        "fields": {"free_of_charge": False},
        "place": "Göttingen",
        "district": District.CITY,
    },
]


def _translated(name: str, texts: dict[str, str]) -> dict[str, str]:
    values = {f"{name}_{lang}": text for lang, text in texts.items()}
    values[name] = texts["de"]
    return values


def _sync(result: Result, model: type[models.Model], lookup: dict, values: dict) -> tuple[Any, bool]:
    """Creates the row if missing; with `result.refresh`, writes the values that differ."""
    values = {name: value for name, value in values.items() if name not in lookup}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    if result.refresh:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
    return obj, False


def load(result: Result) -> None:
    """Loads the lists, the languages and the offers; the organisations must exist."""
    terms = _load_terms(result)
    _load_languages(result)
    _load_offers(result, terms)


def _load_terms(result: Result) -> dict[tuple[str, str], Term]:
    terms = {}
    for taxonomy, entries in TERMS.items():
        for position, (slug, de, en, ar) in enumerate(entries, start=1):
            terms[taxonomy, slug], created = _sync(
                result,
                Term,
                {"taxonomy": taxonomy, "slug": slug},
                {"position": position, **_translated("name", {"de": de, "en": en, "ar": ar})},
            )
            result.count("list entries", created)
    return terms


def _load_languages(result: Result) -> None:
    for position, (code, native, de, en, ar) in enumerate(LANGUAGES, start=1):
        _, created = _sync(
            result,
            Language,
            {"code": code},
            {
                "native_name": native,
                "position": position * 10,
                **_translated("name", {"de": de, "en": en, "ar": ar}),
            },
        )
        result.count("languages", created)


def _load_offers(result: Result, terms: dict[tuple[str, str], Term]) -> None:
    for entry in OFFERS:
        # By address, as the loader keeps organisations: it stays when a name is corrected.
        organisation = Organisation.objects.filter(slug=slugify(entry["organisation"])).first()
        if organisation is None:  # a coordinator has removed it
            continue
        lookup = {"organisation": organisation, "title_de": entry["title"]["de"]}
        offer, created = _sync(
            result, Offer, lookup, {**_translated("title", entry["title"]), **entry.get("fields", {})}
        )
        result.count("offers", created)
        if created or result.refresh:
            wanted = {
                terms[taxonomy, slug].pk for taxonomy, slugs in entry["terms"].items() for slug in slugs
            }
            if set(offer.terms.values_list("pk", flat=True)) != wanted:
                offer.terms.set(wanted)
        if place := entry.get("place"):
            _, created = _sync(
                result,
                Location,
                {"offer": offer, "city": place},
                {"district": entry.get("district", "")},
            )
            result.count("places of offers", created)

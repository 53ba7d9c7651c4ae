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

# The lists, in their order: taxonomy -> (slug, name in German, English, Arabic, Farsi,
# Turkish, Russian, Ukrainian). A list entry's name is a word of the interface, translated.
TERM_LANGUAGES = ("de", "en", "ar", "fa", "tr", "ru", "uk")
TERMS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    CATEGORY: [
        (
            "beratung",
            ("Beratung", "Counselling", "الاستشارة", "مشاوره", "Danışmanlık", "Консультации", "Консультації"),
        ),
        ("bildung", ("Bildung", "Education", "التعليم", "آموزش", "Eğitim", "Образование", "Освіта")),
        (
            "betreuung",
            (
                "Betreuung",
                "Care",
                "الرعاية",
                "مراقبت و همراهی",
                "Bakım ve destek",
                "Уход и сопровождение",
                "Догляд і супровід",
            ),
        ),
        (
            "sprachkurs",
            (
                "Sprachkurs",
                "Language course",
                "دورة لغة",
                "دورهٔ زبان",
                "Dil kursu",
                "Языковые курсы",
                "Мовні курси",
            ),
        ),
        ("jugend", ("Jugend", "Youth", "الشباب", "جوانان", "Gençlik", "Молодёжь", "Молодь")),
        (
            "freizeit",
            ("Freizeit", "Leisure", "أوقات الفراغ", "اوقات فراغت", "Boş zaman", "Досуг", "Дозвілля"),
        ),
    ],
    TOPIC: [
        (
            "aufenthaltsrecht",
            (
                "Aufenthaltsrecht",
                "Residence law",
                "قانون الإقامة",
                "قانون اقامت",
                "Oturum hukuku",
                "Право пребывания",
                "Право перебування",
            ),
        ),
        (
            "asylverfahren",
            (
                "Asylverfahren",
                "Asylum procedure",
                "إجراءات اللجوء",
                "روند پناهندگی",
                "İltica süreci",
                "Процедура предоставления убежища",
                "Процедура надання притулку",
            ),
        ),
        (
            "arbeit-anerkennung",
            (
                "Arbeit und Anerkennung",
                "Work and recognition of qualifications",
                "العمل والاعتراف بالمؤهلات",
                "کار و ارزشیابی مدارک",
                "Çalışma ve diplomaların tanınması",
                "Работа и признание квалификации",
                "Робота та визнання кваліфікації",
            ),
        ),
        ("sprache", ("Sprache", "Language", "اللغة", "زبان", "Dil", "Язык", "Мова")),
        ("gesundheit", ("Gesundheit", "Health", "الصحة", "سلامت", "Sağlık", "Здоровье", "Здоров’я")),
        ("familie", ("Familie", "Family", "الأسرة", "خانواده", "Aile", "Семья", "Сім’я")),
        ("wohnen", ("Wohnen", "Housing", "السكن", "مسکن", "Konut", "Жильё", "Житло")),
        ("schule", ("Schule", "School", "المدرسة", "مدرسه", "Okul", "Школа", "Школа")),
        ("sucht", ("Sucht", "Addiction", "الإدمان", "اعتیاد", "Bağımlılık", "Зависимость", "Залежність")),
    ],
    TARGET_GROUP: [
        (
            "gefluechtete",
            (
                "Geflüchtete",
                "Refugees",
                "اللاجئون واللاجئات",
                "پناهندگان",
                "Mülteciler",
                "Беженцы",
                "Біженці",
            ),
        ),
        (
            "spaetaussiedler",
            (
                "Spätaussiedler*innen",
                "Late repatriates (ethnic German resettlers)",
                "العائدون من أصل ألماني (Spätaussiedler)",
                "بازگشتگان آلمانی‌تبار (Spätaussiedler)",
                "Alman kökenli geç göçmenler (Spätaussiedler)",
                "Поздние переселенцы (Spätaussiedler)",
                "Пізні переселенці (Spätaussiedler)",
            ),
        ),
        ("frauen", ("Frauen", "Women", "النساء", "زنان", "Kadınlar", "Женщины", "Жінки")),
        (
            "kinder-jugendliche",
            (
                "Kinder und Jugendliche",
                "Children and young people",
                "الأطفال والشباب",
                "کودکان و نوجوانان",
                "Çocuklar ve gençler",
                "Дети и молодёжь",
                "Діти та молодь",
            ),
        ),
        (
            "eu-buerger",
            (
                "EU-Bürger*innen",
                "EU citizens",
                "مواطنو الاتحاد الأوروبي",
                "شهروندان اتحادیهٔ اروپا",
                "AB vatandaşları",
                "Граждане ЕС",
                "Громадяни ЄС",
            ),
        ),
        (
            "alle-zugewanderten",
            (
                "Alle Zugewanderten",
                "All migrants",
                "جميع المهاجرين والمهاجرات",
                "همهٔ مهاجران",
                "Tüm göçmenler",
                "Все мигранты",
                "Усі мігранти",
            ),
        ),
    ],
}

# Languages an offer may be spoken in: ISO 639-1 where there is a code, ISO 639-3
# otherwise (Dari: prs). (code, name in the language itself, names in TERM_LANGUAGES)
LANGUAGES: list[tuple[str, str, tuple[str, ...]]] = [
    ("de", "Deutsch", ("Deutsch", "German", "الألمانية", "آلمانی", "Almanca", "Немецкий", "Німецька")),
    (
        "en",
        "English",
        ("Englisch", "English", "الإنجليزية", "انگلیسی", "İngilizce", "Английский", "Англійська"),
    ),
    ("ar", "العربية", ("Arabisch", "Arabic", "العربية", "عربی", "Arapça", "Арабский", "Арабська")),
    (
        "fa",
        "فارسی",
        (
            "Persisch (Farsi)",
            "Persian (Farsi)",
            "الفارسية",
            "فارسی",
            "Farsça",
            "Персидский (фарси)",
            "Перська (фарсі)",
        ),
    ),
    ("prs", "دری", ("Dari", "Dari", "الدرية", "دری", "Darice", "Дари", "Дарі")),
    ("ps", "پښتو", ("Paschtu", "Pashto", "البشتوية", "پشتو", "Peştuca", "Пушту", "Пушту")),
    ("tr", "Türkçe", ("Türkisch", "Turkish", "التركية", "ترکی", "Türkçe", "Турецкий", "Турецька")),
    ("ku", "Kurdî", ("Kurdisch", "Kurdish", "الكردية", "کردی", "Kürtçe", "Курдский", "Курдська")),
    ("ru", "Русский", ("Russisch", "Russian", "الروسية", "روسی", "Rusça", "Русский", "Російська")),
    (
        "uk",
        "Українська",
        ("Ukrainisch", "Ukrainian", "الأوكرانية", "اوکراینی", "Ukraynaca", "Украинский", "Українська"),
    ),
    ("pl", "Polski", ("Polnisch", "Polish", "البولندية", "لهستانی", "Lehçe", "Польский", "Польська")),
    (
        "ro",
        "Română",
        ("Rumänisch", "Romanian", "الرومانية", "رومانیایی", "Rumence", "Румынский", "Румунська"),
    ),
    (
        "bg",
        "Български",
        ("Bulgarisch", "Bulgarian", "البلغارية", "بلغاری", "Bulgarca", "Болгарский", "Болгарська"),
    ),
    ("el", "Ελληνικά", ("Griechisch", "Greek", "اليونانية", "یونانی", "Yunanca", "Греческий", "Грецька")),
    (
        "fr",
        "Français",
        ("Französisch", "French", "الفرنسية", "فرانسوی", "Fransızca", "Французский", "Французька"),
    ),
    ("ti", "ትግርኛ", ("Tigrinya", "Tigrinya", "التغرينية", "تیگرینیا", "Tigrinya", "Тигринья", "Тигринья")),
    (
        "so",
        "Soomaali",
        ("Somali", "Somali", "الصومالية", "سومالیایی", "Somalice", "Сомалийский", "Сомалійська"),
    ),
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


def _names(names: tuple[str, ...]) -> dict[str, str]:
    """A list entry's or a language's name in each of TERM_LANGUAGES."""
    return _translated("name", dict(zip(TERM_LANGUAGES, names, strict=True)))


def _load_terms(result: Result) -> dict[tuple[str, str], Term]:
    terms = {}
    for taxonomy, entries in TERMS.items():
        for position, (slug, names) in enumerate(entries, start=1):
            terms[taxonomy, slug], created = _sync(
                result,
                Term,
                {"taxonomy": taxonomy, "slug": slug},
                {"position": position, **_names(names)},
            )
            result.count("list entries", created)
    return terms


def _load_languages(result: Result) -> None:
    for position, (code, native, names) in enumerate(LANGUAGES, start=1):
        _, created = _sync(
            result,
            Language,
            {"code": code},
            {"native_name": native, "position": position * 10, **_names(names)},
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

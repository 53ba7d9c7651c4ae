"""The directory's search (offers/search.py) and its index (offers/index.py): stemming, filters,
facet counts, sorting, what is public, keeping the index current, a fixed number of queries.
Runs on SQLite and PostgreSQL alike (DATABASE_URL)."""

import datetime
from decimal import Decimal
from itertools import count

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from federation.models import Neighbour
from members.models import Organisation
from offers import index, results
from offers.models import Language, Location, Offer, Term
from offers.search import PAGE_SIZE, SearchParams, matching, search

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
_serial = count(1)


@pytest.fixture
def lists(db) -> dict:
    def term(taxonomy, slug, de, en):
        return Term.objects.create(taxonomy=taxonomy, slug=slug, name_de=de, name_en=en)

    def language(code, de, en):
        return Language.objects.update_or_create(code=code, defaults={"name_de": de, "name_en": en})[0]

    return {
        "counselling": term(Term.Taxonomy.CATEGORY, "test-beratung", "Testberatung", "Test counselling"),
        "course": term(Term.Taxonomy.CATEGORY, "test-kurs", "Testkurs", "Test course"),
        "residence": term(Term.Taxonomy.TOPIC, "test-aufenthalt", "Testaufenthaltsfragen", "Test residence"),
        "family": term(Term.Taxonomy.TOPIC, "test-familie", "Testfamilienfragen", "Test family"),
        "women": term(Term.Taxonomy.TARGET_GROUP, "test-frauen", "Testfrauen", "Test women"),
        "de": language("de", "Deutsch", "German"),
        "ar": language("ar", "Arabisch", "Arabic"),
        "fa": language("fa", "Persisch", "Persian"),
    }


@pytest.fixture
def organisation(db) -> Organisation:
    return Organisation.objects.create(name="Testorganisation Suche", slug="testorganisation-suche")


def make_offer(
    organisation: Organisation,
    title: str,
    terms=(),
    languages=(),
    city: str | None = "Teststadt",
    district: str = "county",
    at: tuple[str, str] | None = ("51.500000", "9.900000"),
    **fields,
) -> Offer:
    offer = Offer.objects.create(organisation=organisation, title_de=title, **fields)
    offer.terms.set(terms)
    offer.languages.set(languages)
    if city:
        latitude, longitude = (Decimal(at[0]), Decimal(at[1])) if at else (None, None)
        Location.objects.create(
            offer=offer, city=city, district=district, latitude=latitude, longitude=longitude
        )
    return offer


def found(**params) -> list[str]:
    """The German titles of what a search finds, in its order (all pages)."""
    titles, page = [], 1
    while True:
        result = search(SearchParams(**params, page=page))
        titles += [offer.title_de for offer in result.page]
        if not result.page.has_next():
            return titles
        page += 1


def facet(result, name: str) -> dict[str, int]:
    return {value.value: value.count for value in result.facets[name]}


# ---------------------------------------------------------------------------------------------
# Full text


@pytest.fixture
def texts(organisation, lists) -> dict[str, Offer]:
    return {
        "beratung": make_offer(
            organisation,
            "Testangebot Beratung für Familien",
            description_de="Wir helfen bei Fragen zum Aufenthaltsrecht.",
            title_en="Test offer counselling",
            title_ar="عرض تجريبي استشارة",
        ),
        "kurs": make_offer(
            organisation,
            "Testangebot Sprachkurs",
            description_de="Deutsch lernen in kleinen Gruppen.",
            terms=[lists["course"], lists["family"]],
            city="Testdorf",
        ),
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Beratungen", ["Testangebot Beratung für Familien"]),  # plural finds the singular
        ("beratung", ["Testangebot Beratung für Familien"]),  # any case
        ("Aufenthalt", ["Testangebot Beratung für Familien"]),  # a prefix of a compound
        ("Familie", ["Testangebot Beratung für Familien"]),
        ("counselling", ["Testangebot Beratung für Familien"]),  # the English title
        ("استشارة", ["Testangebot Beratung für Familien"]),  # the Arabic title
        ("Testfamilienfragen", ["Testangebot Sprachkurs"]),  # the name of a list entry
        ("Test family", ["Testangebot Sprachkurs"]),  # ... in English
        ("Testdorf", ["Testangebot Sprachkurs"]),  # the town of a place
        ("Testorganisation", ["Testangebot Beratung für Familien", "Testangebot Sprachkurs"]),
        ("lernen Gruppe", ["Testangebot Sprachkurs"]),
        ("Testangebot", ["Testangebot Beratung für Familien", "Testangebot Sprachkurs"]),
        ("Sprachkurse Familien", []),  # every word is required
        ("Beratung Deutsch", []),
        ("Zahnarzt", []),
    ],
)
def test_full_text_with_german_stemming(texts, q, expected):
    assert sorted(found(q=q)) == sorted(expected)


def test_english_title_found_in_any_language(texts):
    with translation.override("ar"):
        assert found(q="counselling") == ["Testangebot Beratung für Familien"]


ODD_QUERIES = [
    '"',
    '"Beratung',
    "*",
    "Beratung*",
    "**",
    "OR",
    "Beratung OR Sprachkurs",
    "AND",
    "NOT Beratung",
    "NEAR(Beratung Sprachkurs)",
    "NEAR",
    "(",
    ")",
    "(Beratung",
    "-",
    "-Beratung",
    "Beratung -Sprachkurs",
    "title:Beratung",
    "{title}: Beratung",
    "^Beratung",
    "'",
    "''",
    "Beratung'; DROP TABLE offers_offer; --",
    "\\",
    "a & b | !c",
    "beratung:*",
    "<->",
    "%",
    "_",
    "😀",
    "Beratung 😀",
    "\u200f\u202e",  # right-to-left marks
    "كَتَبَ",  # with Arabic diacritics
    "ß",
    "²",
    "İstanbul",
    "e\u0301",  # a combining accent
    "",
    "   ",
    "x" * 5000,
    " ".join(["Beratung"] * 500),
    "\x00",
    "Beratung\x00",
]


@pytest.mark.parametrize("q", ODD_QUERIES)
def test_odd_input_never_fails(texts, q):
    result = search(SearchParams(q=q))
    assert result.total == len(result.page.object_list) or result.total > PAGE_SIZE
    assert matching(SearchParams(q=q)).count() == result.total


@pytest.mark.parametrize("value", ["\x00", "'", '"', "a:b", "x" * 500, "😀", "-", "*"])
def test_odd_filter_values_find_nothing(texts, value):
    for name in ("category", "topic", "target_group", "language", "city", "district"):
        assert search(SearchParams(**{name: value})).total == 0
    # Unknown channels are no filter at all.
    assert search(SearchParams(channel=value)).total == 2


def test_punctuation_between_words_is_a_space(texts):
    assert found(q="(Beratung) -Familien!") == ["Testangebot Beratung für Familien"]
    assert found(q='"Sprachkurs"*') == ["Testangebot Sprachkurs"]


def test_words_that_are_nothing_but_punctuation_are_no_text(texts):
    assert search(SearchParams(q="*** ---")).total == 2


@pytest.mark.parametrize("q", ["die", "Die und der", "FÜR", "über, für & mit", "daß"])
def test_a_search_of_only_stop_words_is_a_search_without_words(texts, q):
    """PostgreSQL's german configuration drops stop words: both databases leave them out of the
    search, which then finds what a search without words finds, sorted by name."""
    assert index.query_words(q) == []
    result = search(SearchParams(q=q))
    assert result.total == 2
    assert result.sort == "name"
    assert found(q=q) == found()
    assert matching(SearchParams(q=q)).count() == 2


def test_stop_words_among_other_words_are_left_out(texts):
    assert index.query_words("Die Beratung für Familien") == ["beratung", "familien"]
    # "für" is only in the other offer's title, "die" in neither: neither is required.
    assert found(q="die Sprachkurs für") == ["Testangebot Sprachkurs"]
    assert found(q="Beratung für Familien") == ["Testangebot Beratung für Familien"]


def test_stop_words_are_not_in_the_index(organisation):
    """Not even as what a prefix finds: "wied" finds "Wiedereinstieg", not "wieder"."""
    make_offer(organisation, "Testangebot Rückkehr", description_de="Wir sind wieder da.")
    make_offer(organisation, "Testangebot Wiedereinstieg")
    assert found(q="wied") == ["Testangebot Wiedereinstieg"]
    assert found(q="Rückkehr wieder") == ["Testangebot Rückkehr"]  # "wieder" is left out


# ---------------------------------------------------------------------------------------------
# Filters and facet counts


@pytest.fixture
def directory(lists, organisation) -> dict[str, Offer]:
    """Four offers that differ in every filter."""
    return {
        "a": make_offer(
            organisation,
            "Testangebot A Beratung",
            terms=[lists["counselling"], lists["residence"], lists["women"]],
            languages=[lists["de"], lists["ar"]],
            city="Teststadt",
            district="city",
            in_person=True,
            by_phone=True,
            free_of_charge=True,
        ),
        "b": make_offer(
            organisation,
            "Testangebot B Beratung",
            terms=[lists["counselling"], lists["family"]],
            languages=[lists["de"], lists["fa"]],
            city="Testdorf",
            district="county",
            in_person=False,
            by_video=True,
            free_of_charge=False,
        ),
        "c": make_offer(
            organisation,
            "Testangebot C Kurs",
            terms=[lists["course"], lists["family"], lists["women"]],
            languages=[lists["de"], lists["ar"], lists["fa"]],
            city="Teststadt",
            district="city",
            in_person=True,
            by_phone=True,
            by_chat=True,
            free_of_charge=True,
        ),
        "d": make_offer(
            organisation,
            "Testangebot D Kurs",
            terms=[lists["course"]],
            languages=[lists["de"]],
            city="Testweiler",
            district="elsewhere",
            in_person=True,
            by_email=True,
            free_of_charge=True,
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "abcd"),
        ({"category": "test-beratung"}, "ab"),
        ({"category": "test-kurs"}, "cd"),
        ({"topic": "test-familie"}, "bc"),
        ({"target_group": "test-frauen"}, "ac"),
        ({"language": "ar"}, "ac"),
        ({"language": "fa"}, "bc"),
        ({"city": "Teststadt"}, "ac"),
        ({"district": "county"}, "b"),
        ({"district": "elsewhere"}, "d"),
        ({"channel": "in_person"}, "acd"),
        ({"channel": "by_phone"}, "ac"),
        ({"channel": "by_video"}, "b"),
        ({"channel": "by_email"}, "d"),
        ({"channel": "by_chat"}, "c"),
        ({"free": True}, "acd"),
        ({"category": "test-kurs", "topic": "test-familie"}, "c"),
        ({"topic": "test-familie", "language": "fa", "free": True}, "c"),
        ({"target_group": "test-frauen", "city": "Teststadt", "channel": "by_chat"}, "c"),
        ({"category": "test-beratung", "district": "elsewhere"}, ""),
        ({"q": "Kurs", "language": "ar"}, "c"),
        ({"q": "Beratung", "free": True, "topic": "test-aufenthalt"}, "a"),
        ({"q": "Testangebot", "city": "Testweiler"}, "d"),
        # A term's slug in another list is no match: "test-beratung" is a category.
        ({"topic": "test-beratung"}, ""),
        ({"category": "nothing-like-it"}, ""),
    ],
)
def test_filters_and_their_combinations(directory, params, expected):
    assert sorted(found(**params)) == sorted(directory[key].title_de for key in expected)


def test_facet_counts_within_the_results(directory):
    result = search(SearchParams())
    assert result.total == 4
    assert facet(result, "category") == {"test-beratung": 2, "test-kurs": 2}
    assert facet(result, "topic") == {"test-aufenthalt": 1, "test-familie": 2}
    assert facet(result, "target_group") == {"test-frauen": 2}
    assert facet(result, "language") == {"de": 4, "ar": 2, "fa": 2}
    assert facet(result, "city") == {"Testdorf": 1, "Teststadt": 2, "Testweiler": 1}
    assert facet(result, "district") == {"city": 2, "county": 1, "elsewhere": 1}
    assert facet(result, "channel") == {
        "in_person": 3,
        "by_phone": 2,
        "by_video": 1,
        "by_email": 1,
        "by_chat": 1,
    }
    assert facet(result, "free") == {"1": 3}
    assert not any(value.selected for values in result.facets.values() for value in values)

    result = search(SearchParams(q="Testangebot", topic="test-familie", free=True))
    assert result.total == 1
    assert facet(result, "category") == {"test-kurs": 1}
    assert facet(result, "topic") == {"test-familie": 1}
    assert facet(result, "language") == {"de": 1, "ar": 1, "fa": 1}
    assert facet(result, "channel") == {"in_person": 1, "by_phone": 1, "by_chat": 1}
    assert [(v.value, v.selected) for v in result.facets["topic"]] == [("test-familie", True)]
    assert [(v.value, v.selected) for v in result.facets["free"]] == [("1", True)]


def test_a_chosen_value_stays_in_its_facet_without_results(directory):
    result = search(SearchParams(city="Nirgendwo", channel="by_chat"))
    assert result.total == 0
    assert [(v.value, v.count, v.selected) for v in result.facets["city"]] == [("Nirgendwo", 0, True)]
    assert [(v.value, v.count, v.selected) for v in result.facets["channel"]] == [("by_chat", 0, True)]
    assert result.facets["category"] == []


def test_an_offer_with_two_places_in_one_town_counts_once(directory, organisation):
    offer = directory["a"]
    Location.objects.create(offer=offer, city="Teststadt", district="city")
    Location.objects.create(offer=offer, city="Testdorf", district="county")
    result = search(SearchParams())
    assert facet(result, "city") == {"Testdorf": 2, "Teststadt": 2, "Testweiler": 1}
    assert facet(result, "district") == {"city": 2, "county": 2, "elsewhere": 1}
    assert found(city="Testdorf") == ["Testangebot A Beratung", "Testangebot B Beratung"]


def test_facet_labels_in_the_current_language(directory):
    with translation.override("en"):
        result = search(SearchParams())
    labels = {name: [value.label for value in values] for name, values in result.facets.items()}
    assert labels["category"] == ["Test counselling", "Test course"]
    assert sorted(labels["language"]) == ["Arabic", "German", "Persian"]
    assert labels["district"] == ["City", "District", "Elsewhere"]
    assert "by phone" in labels["channel"]
    assert labels["free"] == ["free of charge"]
    with translation.override("de"):
        result = search(SearchParams())
    assert [value.label for value in result.facets["category"]] == ["Testberatung", "Testkurs"]


# ---------------------------------------------------------------------------------------------
# What is public


@pytest.mark.parametrize(
    ("fields", "public"),
    [
        ({}, True),
        ({"valid_until": TODAY}, True),
        ({"valid_from": TODAY}, True),
        ({"valid_from": TODAY - 30 * DAY, "valid_until": TODAY + 30 * DAY}, True),
        ({"valid_until": TODAY - DAY}, False),
        ({"valid_from": TODAY + DAY}, False),
        ({"status": Offer.Status.INACTIVE}, False),
        ({"status": Offer.Status.TEMPORARILY_CLOSED}, False),
    ],
)
def test_only_public_offers_are_found(organisation, fields, public):
    make_offer(organisation, "Testangebot Sichtbarkeit", **fields)
    expected = ["Testangebot Sichtbarkeit"] if public else []
    assert found() == expected
    assert found(q="Sichtbarkeit") == expected
    assert found(city="Teststadt") == expected
    assert list(matching(SearchParams(q="Sichtbarkeit")).values_list("title_de", flat=True)) == expected
    assert Offer.objects.public().count() == len(expected)


def test_offers_of_organisations_that_left_are_not_found(organisation):
    make_offer(organisation, "Testangebot Mitglied")
    gone = Organisation.objects.create(name="Testorganisation Weg", slug="weg", left_on=TODAY - DAY)
    make_offer(gone, "Testangebot Ausgetreten")
    umbrella = Organisation.objects.create(name="Testorganisation Dach", slug="dach", is_member=False)
    make_offer(umbrella, "Testangebot Dach")
    assert found() == ["Testangebot Mitglied"]
    assert found(q="Testangebot") == ["Testangebot Mitglied"]

    organisation.left_on = TODAY
    organisation.save()
    assert found(q="Testangebot") == []
    umbrella.is_member = True
    umbrella.save()
    assert found(q="Testangebot") == ["Testangebot Dach"]


def test_dates_are_checked_by_every_search(organisation, monkeypatch):
    """Offers expire and start overnight, without being saved."""
    make_offer(organisation, "Testangebot Ablauf", valid_until=TODAY + DAY)
    make_offer(organisation, "Testangebot Start", valid_from=TODAY + DAY)
    assert found(q="Testangebot") == ["Testangebot Ablauf"]
    monkeypatch.setattr(timezone, "localdate", lambda: TODAY + 2 * DAY)
    assert found(q="Testangebot") == ["Testangebot Start"]
    assert found() == ["Testangebot Start"]
    assert found(city="Teststadt") == ["Testangebot Start"]


# ---------------------------------------------------------------------------------------------
# Keeping the index current


def test_index_follows_saves_and_deletes(organisation, lists):
    offer = make_offer(organisation, "Testangebot Alt")
    assert found(q="Alt") == ["Testangebot Alt"]
    offer.title_de = "Testangebot Neu"
    offer.save()
    assert found(q="Alt") == []
    assert found(q="Neu") == ["Testangebot Neu"]

    offer.status = Offer.Status.INACTIVE
    offer.save()
    assert found(q="Neu") == []
    offer.status = Offer.Status.ACTIVE
    offer.save()
    assert found(q="Neu") == ["Testangebot Neu"]

    offer.delete()
    assert found(q="Neu") == []
    assert found() == []


def test_every_table_of_the_index_holds_the_listed_offers_only(organisation):
    """An offer's words leave each table with it, on a change and on a rebuild (PostgreSQL
    keeps the titles' words in a table of their own, migration 0008)."""
    listed = make_offer(organisation, "Testangebot Bleibt")
    left = make_offer(organisation, "Testangebot Geht")
    left.status = Offer.Status.INACTIVE
    left.save()
    make_offer(organisation, "Testangebot Weg").delete()
    if connection.vendor == "sqlite":
        tables = {index.TEXT_TABLE: "rowid"}
    else:
        tables = {index.VECTOR_TABLE: "offer_id", index.TITLES_TABLE: "offer_id"}
    tables[index.ENTRY_TABLE] = "offer_id"
    for rebuilt in (False, True):
        if rebuilt:
            index.reindex()
        for table, column in tables.items():
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 - our tables
                assert [pk for (pk,) in cursor.fetchall()] == [listed.pk], (table, rebuilt)
        if connection.vendor == "postgresql":
            assert words_bitmaps() == only(listed), rebuilt


def only(offer: Offer) -> dict[str, set[int]]:
    """The words' bitmaps when `offer` is the only one indexed: each of its words, with it."""
    return {word: {offer.pk} for word in index._words_of([offer.pk])[offer.pk]}


def words_bitmaps() -> dict[str, set[int]]:
    """PostgreSQL: the words' bitmaps (offers/index.py) as word -> the ids of its offers."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT word, offers FROM {index.WORDS_TABLE}")  # noqa: S608 - our table
        return {
            word: set(index.ids_of(int.from_bytes(offers, "little"))) for word, offers in cursor.fetchall()
        }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the words' bitmaps are PostgreSQL's")
def test_the_words_bitmaps_follow_every_change(organisation, lists):
    """Each offer is in the bitmap of every word of its vector and of no other, after a save
    that changes its words, a second offer with some of the same words, and a delete; a word
    that no offer has any longer leaves the table."""
    first = make_offer(organisation, "Testangebot Schwimmkurs")
    second = make_offer(organisation, "Testangebot Schwimmhalle")
    first.title_de = "Testangebot Malkurs"
    first.save()
    words = words_bitmaps()
    # As PostgreSQL stems them (German Snowball).
    assert words["malkur"] == {first.pk} and "schwimmkur" not in words
    assert words["schwimmhall"] == {second.pk} and words["testangebot"] == {first.pk, second.pk}
    second.delete()
    assert words_bitmaps() == only(first)
    assert found(q="Schwimm") == [] and found(q="Mal") == ["Testangebot Malkurs"]


def test_index_follows_lists_languages_and_places(organisation, lists):
    offer = make_offer(organisation, "Testangebot Listen")
    assert found(topic="test-familie") == []
    offer.terms.add(lists["family"])
    assert found(topic="test-familie") == ["Testangebot Listen"]
    assert found(q="Testfamilienfragen") == ["Testangebot Listen"]
    offer.terms.remove(lists["family"])
    assert found(topic="test-familie") == []
    lists["women"].offer_set.add(offer)  # from the other side
    assert found(target_group="test-frauen") == ["Testangebot Listen"]
    lists["women"].offer_set.clear()
    assert found(target_group="test-frauen") == []

    offer.languages.add(lists["fa"])
    assert found(language="fa") == ["Testangebot Listen"]
    offer.languages.clear()
    assert found(language="fa") == []

    place = offer.locations.get()
    place.city = "Testhausen"
    place.district = "elsewhere"
    place.save()
    assert found(city="Testhausen", district="elsewhere") == ["Testangebot Listen"]
    assert found(q="Testhausen") == ["Testangebot Listen"]
    assert found(city="Teststadt") == []
    place.delete()
    assert found(city="Testhausen") == []


def test_index_follows_renamed_and_deleted_list_entries(organisation, lists):
    make_offer(organisation, "Testangebot Umbenannt", terms=[lists["family"]])
    term = lists["family"]
    term.name_de = "Testverwandtschaft"
    term.save()
    assert found(q="Testverwandtschaft") == ["Testangebot Umbenannt"]
    assert found(q="Testfamilienfragen") == []
    term.slug = "test-verwandte"
    term.save()
    assert found(topic="test-verwandte") == ["Testangebot Umbenannt"]
    assert found(topic="test-familie") == []
    term.delete()
    assert found(q="Testverwandtschaft") == []
    assert found(topic="test-verwandte") == []
    assert found() == ["Testangebot Umbenannt"]


def test_index_follows_the_organisations_name(organisation):
    make_offer(organisation, "Testangebot Träger")
    organisation.name = "Testverein Umbenannt"
    organisation.save()
    assert found(q="Testverein") == ["Testangebot Träger"]
    assert found(q="Testorganisation") == []


def test_reindex_rebuilds_what_bulk_writes_left_out(organisation, lists):
    offer = make_offer(organisation, "Testangebot Massenweise", terms=[lists["course"]])
    Offer.objects.filter(pk=offer.pk).update(title_de="Testangebot Stapel")  # no signal
    assert found(q="Stapel") == []
    assert index.reindex() == 1
    assert found(q="Stapel") == ["Testangebot Stapel"]
    assert found(q="Massenweise") == []
    assert found(category="test-kurs") == ["Testangebot Stapel"]

    Offer.objects.filter(pk=offer.pk).update(title_de="Testangebot Befehl")
    call_command("reindex_offers", verbosity=0)
    assert found(q="Befehl") == ["Testangebot Befehl"]
    Offer.objects.filter(pk=offer.pk).update(title_de="Testangebot Einzeln")
    call_command("reindex_offers", str(offer.pk), verbosity=0)
    assert found(q="Einzeln") == ["Testangebot Einzeln"]


def test_deferred_indexes_each_offer_once_at_the_end(organisation, lists, monkeypatch):
    calls = []
    original = index._entries
    monkeypatch.setattr(index, "_entries", lambda ids: calls.append(ids) or original(ids))
    with index.deferred():
        offer = make_offer(
            organisation, "Testangebot Gesammelt", terms=[lists["course"]], languages=[lists["ar"]]
        )
        offer.terms.add(lists["family"])
        assert calls == []
    assert calls == [[offer.pk]]
    assert found(q="Gesammelt", topic="test-familie", language="ar") == ["Testangebot Gesammelt"]


# ---------------------------------------------------------------------------------------------
# Sorting and pages


def test_sort_by_name_in_the_current_language(organisation):
    make_offer(organisation, "Cäsar Testangebot")
    make_offer(organisation, "Anton Testangebot", title_en="Zulu test offer")
    make_offer(organisation, "Berta Testangebot")
    assert found(sort="name") == ["Anton Testangebot", "Berta Testangebot", "Cäsar Testangebot"]
    # Without text, relevance means nothing: by name.
    assert found() == ["Anton Testangebot", "Berta Testangebot", "Cäsar Testangebot"]
    with translation.override("en"):
        result = search(SearchParams(sort="name"))
        # English titles where there are, German ones where not.
        assert [offer.title for offer in result.page] == [
            "Berta Testangebot",
            "Cäsar Testangebot",
            "Zulu test offer",
        ]
    assert result.sort == "name"


def test_sort_by_name_ignores_case_and_accents(organisation):
    for title in ("Zeta Testangebot", "ärztliche Testberatung", "Beta Testangebot", "Alpha Testangebot"):
        make_offer(organisation, title)
    assert found(sort="name") == [
        "Alpha Testangebot",
        "ärztliche Testberatung",
        "Beta Testangebot",
        "Zeta Testangebot",
    ]


def test_sort_by_relevance(organisation):
    make_offer(organisation, "Testangebot Sprachcafé", description_de="Auch mit Beratung.")
    make_offer(organisation, "Testangebot Beratung Beratung", description_de="Beratung zu allem, Beratung.")
    make_offer(organisation, "Testangebot Beratung", description_de="Hier gibt es Rat.")
    result = search(SearchParams(q="Beratung"))
    assert result.sort == "relevance"
    titles = [offer.title_de for offer in result.page]
    assert titles[0] == "Testangebot Beratung Beratung"  # more often, and in the title
    assert titles[-1] == "Testangebot Sprachcafé"  # only once, in the description
    assert found(q="Beratung", sort="name") == sorted(titles)


def test_sort_by_distance(organisation):
    make_offer(organisation, "Testangebot Fern", at=("52.500000", "9.900000"))  # 111 km north
    make_offer(organisation, "Testangebot Ohne Ort", city=None)
    make_offer(organisation, "Testangebot Ohne Koordinaten", at=None)
    near = make_offer(organisation, "Testangebot Nah", at=("51.510000", "9.900000"))
    Location.objects.create(offer=near, city="Testdorf", latitude=Decimal("53.0"), longitude=Decimal("9.9"))
    make_offer(organisation, "Testangebot Mitte", at=("51.500000", "10.300000"))  # 27.7 km east

    result = search(SearchParams(sort="distance", near=(51.5, 9.9)))
    assert result.sort == "distance"
    titles = [offer.title_de for offer in result.page]
    assert titles[:3] == ["Testangebot Nah", "Testangebot Mitte", "Testangebot Fern"]
    assert sorted(titles[3:]) == ["Testangebot Ohne Koordinaten", "Testangebot Ohne Ort"]
    distances = [offer.distance_km for offer in result.page]
    assert distances[0] == pytest.approx(1.11, abs=0.01)  # the nearer of its two places
    assert distances[1] == pytest.approx(27.7, abs=0.2)
    assert distances[2] == pytest.approx(111.2, abs=0.2)
    assert distances[3:] == [None, None]
    # Without a place, or with a place that is none, distance is no order.
    assert search(SearchParams(sort="distance")).sort == "name"
    assert search(SearchParams(sort="distance", near=(float("nan"), 9.9))).sort == "name"
    assert search(SearchParams(sort="distance", near=(91.0, 9.9))).sort == "name"
    assert search(SearchParams(q="Testangebot", sort="distance")).sort == "relevance"
    assert search(SearchParams(sort="nonsense")).sort == "name"


@pytest.mark.parametrize("many", [False, True])
def test_both_ways_to_a_sorted_page_agree(organisation, lists, monkeypatch, many):
    """Many matches: a page sorted by name is read along the sorted titles, and one sorted by
    distance along the nearest places; few: the matches are sorted. The orders are the same."""
    from offers import search as engine

    monkeypatch.setattr(engine, "WALK", 10**9 if many else 0)
    monkeypatch.setattr(engine, "NEAR_MANY", 0 if many else 10**9)

    def title(number: int) -> str:
        return f"Testangebot {number * 7 % 30:02d}"

    for number in range(30):
        located = number % 5 != 0
        make_offer(
            organisation,
            title(number),
            terms=[lists["course"]] if number % 3 else [],
            city="Teststadt" if located else "Testdorf",
            at=(f"{51 + number / 100:.6f}", "9.900000") if located else None,
        )
    courses = [number for number in range(30) if number % 3]
    assert found(sort="name", category="test-kurs") == sorted(title(number) for number in courses)
    # Nearest first (the farther north, the farther), those without coordinates last (by id).
    expected = [title(n) for n in courses if n % 5] + [title(n) for n in courses if not n % 5]
    assert found(sort="distance", near=(51.0, 9.9), category="test-kurs") == expected
    nearby = found(sort="distance", near=(51.0, 9.9), city="Teststadt")
    assert nearby == [title(n) for n in range(30) if n % 5]


def test_pages(organisation):
    for number in range(PAGE_SIZE * 2 + 3):
        make_offer(organisation, f"Testangebot {number:03d}", city=None)
    first = search(SearchParams(sort="name"))
    assert first.total == PAGE_SIZE * 2 + 3
    assert first.page.number == 1
    assert first.page.paginator.num_pages == 3
    assert [offer.title_de for offer in first.page][:2] == ["Testangebot 000", "Testangebot 001"]
    third = search(SearchParams(sort="name", page=3))
    assert [offer.title_de for offer in third.page] == [f"Testangebot {n:03d}" for n in range(40, 43)]
    assert third.page.has_previous() and not third.page.has_next()
    # Past the end: the last page; before the start: the first.
    for number in (4, 999, 10**12):
        beyond = search(SearchParams(sort="name", page=number))
        assert beyond.page.number == 3
        assert [offer.title_de for offer in beyond.page] == [offer.title_de for offer in third.page]
    for number in (0, -5):
        assert search(SearchParams(sort="name", page=number)).page.number == 1
    assert search(SearchParams(q="Zahnarzt", page=7)).page.number == 1


# ---------------------------------------------------------------------------------------------
# The languages added later (fa, tr, ru, uk)


@pytest.fixture
def translated(organisation) -> dict[str, Offer]:
    return {
        "counselling": make_offer(
            organisation,
            "Testangebot Beratung",
            title_fa="مشاوره آزمایشی",
            title_tr="Test danışmanlığı",
            title_uk="Тестова консультація",
        ),
        "course": make_offer(
            organisation,
            "Testangebot Kurs",
            title_fa="آموزش آزمایشی",
            title_tr="Çocuk kursu deneme",
            title_ru="Тестовый курс",
        ),
        "german": make_offer(organisation, "Testangebot Nur Deutsch"),
    }


def test_titles_in_the_new_languages_are_found_in_any_language(translated):
    for language in ("de", "fa", "tr"):
        with translation.override(language):
            assert found(q="مشاوره") == ["Testangebot Beratung"]
            assert found(q="danış") == ["Testangebot Beratung"]  # a Turkish word's prefix
            assert found(q="çocuk") == ["Testangebot Kurs"]
            assert found(q="курс") == ["Testangebot Kurs"]
            assert found(q="Тестова") == ["Testangebot Beratung"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # Alef (ا) before Mim (م), the madda of آ left out; the German title where there is none.
        ("fa", ["Testangebot Nur Deutsch", "Testangebot Kurs", "Testangebot Beratung"]),
        # "Ç" among the C, before "T" (the German title sorts among the Turkish ones).
        ("tr", ["Testangebot Kurs", "Testangebot Beratung", "Testangebot Nur Deutsch"]),
        ("ru", ["Testangebot Beratung", "Testangebot Nur Deutsch", "Testangebot Kurs"]),
        ("uk", ["Testangebot Kurs", "Testangebot Nur Deutsch", "Testangebot Beratung"]),
    ],
)
def test_sort_by_name_in_the_new_languages(translated, language, expected):
    with translation.override(language):
        assert found(sort="name") == expected


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        # Farsi's own letters stand among Arabic's: گ after ک after ق, پ after ب, ی last; the
        # Arabic forms of ک and ی are the same letters; the madda of آ counts for nothing.
        ("fa", ["آزمون", "بیمه", "پناهندگی", "قانون", "كار", "کودک", "گفتگو", "مدرسه", "يادگيري"]),
        # ç, ğ, ı, ö, ş, ü are letters of their own; I is the capital of ı, İ that of i.
        (
            "tr",
            ["Cami", "Cumhuriyet", "Çocuk", "Dil", "Işık", "İzmir", "Okul", "Öğretmen", "Sağlık", "Şehir"],
        ),
        ("ru", ["Ель", "Ёлка", "Жильё", "Игра", "Йога", "Юрист"]),
        ("uk", ["Гарант", "Ґанок", "Евакуація", "Єдність", "Иній", "Інформація", "Їжа", "Йод", "Юрист"]),
    ],
)
def test_sort_by_name_follows_the_languages_alphabet(organisation, language, titles):
    for title in reversed(titles):
        make_offer(organisation, f"Testangebot {title}", **{f"title_{language}": title})
    with translation.override(language):
        assert found(sort="name") == [f"Testangebot {title}" for title in titles]
    assert [index.sort_key(title, language) for title in titles] == sorted(
        index.sort_key(title, language) for title in titles
    )


def test_migration_0009_rebuilds_an_index_written_before_the_new_languages(translated):
    """An index written before 0004 sorts only de, en and ar: sorted by name in another
    language, a search found nothing. Migration 0009 rebuilds it (0005 and 0008 did until then)."""
    from importlib import import_module

    from django.apps import apps

    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {index.NAME_TABLE} WHERE language NOT IN ('de', 'en', 'ar')"  # noqa: S608
        )
    with translation.override("tr"):
        assert found(sort="name") == []
    import_module("offers.migrations.0009_a_bitmap_per_word").rebuild_index(apps)
    with translation.override("tr"):
        assert found(sort="name") == ["Testangebot Kurs", "Testangebot Beratung", "Testangebot Nur Deutsch"]
        assert found(q="danış") == ["Testangebot Beratung"]


# ---------------------------------------------------------------------------------------------
# A fixed number of queries


@pytest.mark.parametrize(
    "params",
    [
        SearchParams(),
        SearchParams(q="Testangebot Beratung", topic="test-aufenthalt"),
        SearchParams(
            q="Beratung", language="ar", city="Teststadt", channel="by_phone", free=True, sort="name"
        ),
        SearchParams(category="test-beratung", sort="distance", near=(51.5, 9.9), page=2),
    ],
)
def test_fixed_number_of_queries(organisation, lists, params):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            result = search(params)
        assert result.total == total
        return len(captured)

    def add(n: int) -> None:
        for _ in range(n):
            make_offer(
                organisation,
                f"Testangebot Beratung {next(_serial)}",
                terms=[lists["counselling"], lists["residence"], lists["women"]],
                languages=[lists["de"], lists["ar"]],
                by_phone=True,
                free_of_charge=True,
            )

    add(1 if params.page == 1 else PAGE_SIZE + 1)
    total = Offer.objects.count()
    few = queries()
    add(50)
    total = Offer.objects.count()
    assert queries() == few
    # The first search after a change: it reads again what the process keeps for the index's
    # version (the offers out of date, the organisations, the lists' entries and languages).
    assert few <= 10


def test_a_page_of_offers_is_loaded_as_the_orm_loads_it(organisation, lists):
    """results.load() reads plain rows: each value as a queryset gives it (dates, times with
    their zone, decimals), the long texts left to be read when asked for."""
    neighbour = Neighbour.objects.create(
        name="Testnetz Laden", slug="testnetz-laden", api_url="https://t.test/api/v1/"
    )
    imported = make_offer(organisation, "Testangebot Geladen Fern", neighbour=neighbour, remote_id="1")
    own = make_offer(
        organisation,
        "Testangebot Geladen",
        terms=[lists["counselling"], lists["women"]],
        languages=[lists["ar"], lists["de"]],
        description_de="Ein langer Testtext.",
        valid_until=datetime.date(2099, 1, 1),
    )
    version = index.read_bitmaps()[2]
    loaded = results.load([own.pk, imported.pk], version)
    assert [offer.pk for offer in loaded] == [own.pk, imported.pk]
    for offer in loaded:
        stored = Offer.objects.get(pk=offer.pk)
        assert offer.get_deferred_fields() == set(results.LONG_TEXTS)
        for field in results.OFFER_FIELDS:
            value = getattr(offer, field.attname)
            assert value == getattr(stored, field.attname) and type(value) is type(
                getattr(stored, field.attname)
            )
        assert [place.pk for place in offer.locations.all()] == [place.pk for place in stored.locations.all()]
        assert offer.organisation == organisation
    place = loaded[0].locations.all()[0]
    assert (place.latitude, place.longitude) == (Decimal("51.500000"), Decimal("9.900000"))
    assert loaded[0].updated_at.tzinfo is not None
    assert [term.slug for term in loaded[0].terms.all()] == ["test-beratung", "test-frauen"]
    assert {language.code for language in loaded[0].languages.all()} == {"ar", "de"}
    with CaptureQueriesContext(connection) as captured:
        assert loaded[0].neighbour is None and loaded[1].neighbour == neighbour
        assert loaded[0].description_de == "Ein langer Testtext."  # deferred: read now
    assert len(captured) == 1


# ---------------------------------------------------------------------------------------------
# The text index's answers, kept in the process (offers/text.py)


def queries_of(params: SearchParams) -> tuple[list[str], int]:
    """The German titles of a search's page, and how many queries it made."""
    with CaptureQueriesContext(connection) as captured:
        result = search(params)
    return [offer.title_de for offer in result.page], len(captured)


def test_the_next_page_and_another_order_do_not_ask_the_text_index_again(organisation):
    for number in range(PAGE_SIZE + 5):
        make_offer(organisation, f"Testangebot Wiederholung {number:02}")
    search(SearchParams())  # the lists are read (and kept too)
    first, asked = queries_of(SearchParams(q="Wiederholung"))
    assert queries_of(SearchParams(q="Wiederholung")) == (first, asked - 2)  # both text queries
    second, _ = queries_of(SearchParams(q="Wiederholung", page=2))
    assert len(second) == 5 and not set(second) & set(first)
    by_name, _ = queries_of(SearchParams(q="wiederholung", sort="name"))  # the same words
    assert by_name == sorted(first)


def test_a_kept_answer_is_left_once_the_index_changes(organisation, lists):
    make_offer(organisation, "Testangebot Erinnerung Eins")
    assert found(q="Erinnerung") == ["Testangebot Erinnerung Eins"]
    make_offer(organisation, "Testangebot Erinnerung Zwei", terms=[lists["counselling"]])
    assert found(q="Erinnerung") == ["Testangebot Erinnerung Eins", "Testangebot Erinnerung Zwei"]
    assert found(q="Erinnerung", category="test-beratung") == ["Testangebot Erinnerung Zwei"]
    lists["counselling"].offer_set.clear()
    assert found(q="Erinnerung", category="test-beratung") == []


def test_only_the_last_answers_are_kept(organisation, monkeypatch):
    from offers import text

    monkeypatch.setattr(text, "KEPT", 2)
    make_offer(organisation, "Testangebot Apfel Birne Kirsche")
    search(SearchParams())  # the lists are read (and kept too)
    _, asked = queries_of(SearchParams(q="Apfel"))
    queries_of(SearchParams(q="Birne"))
    assert queries_of(SearchParams(q="Apfel"))[1] < asked  # still kept
    queries_of(SearchParams(q="Kirsche"))  # Birne goes
    assert queries_of(SearchParams(q="Apfel"))[1] < asked
    assert queries_of(SearchParams(q="Birne"))[1] == asked


def test_the_lists_kept_follow_renamed_and_new_entries(organisation, lists):
    offer = make_offer(organisation, "Testangebot Listen Behalten", terms=[lists["family"]])
    search(SearchParams())  # the lists are read and kept
    _, asked = queries_of(SearchParams())
    lists["family"].name_en = "Test kin"
    lists["family"].save()
    with translation.override("en"):
        result = search(SearchParams())
        assert [term.name for term in result.page[0].terms.all()] == ["Test kin"]
        assert facet(result, "topic") == {"test-familie": 1}
        assert [value.label for value in result.facets["topic"]] == ["Test kin"]
    assert queries_of(SearchParams())[1] == asked
    # Written without signals: read again when an offer has one the process does not know.
    new = Term(taxonomy=Term.Taxonomy.TOPIC, slug="test-neu", name_de="Testneu")
    Term.objects.bulk_create([new])
    Offer.terms.through.objects.bulk_create([Offer.terms.through(offer=offer, term=new)])
    result = search(SearchParams())  # not reindexed: the same version of the index
    assert [term.slug for term in result.page[0].terms.all()] == ["test-familie", "test-neu"]


def test_the_lists_kept_are_not_read_while_nothing_changes(organisation, lists):
    make_offer(organisation, "Testangebot Listen Gelesen", terms=[lists["family"]], languages=[lists["ar"]])
    _, first = queries_of(SearchParams())
    _, then = queries_of(SearchParams())
    assert then == first - 4  # the offers out of date, organisations, lists' entries, languages
    lists["ar"].save()
    assert queries_of(SearchParams())[1] == first


def test_the_organisations_kept_follow_their_changes(organisation):
    make_offer(organisation, "Testangebot Träger Behalten")
    assert search(SearchParams()).page[0].organisation.slug == "testorganisation-suche"
    organisation.slug = "testorganisation-umgezogen"  # not in the index, and yet shown at once
    organisation.save()
    assert search(SearchParams()).page[0].organisation.slug == "testorganisation-umgezogen"

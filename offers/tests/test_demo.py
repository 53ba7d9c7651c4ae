"""The demo offers against the seed, the network's own page, read here on its own:
every offer belongs to an organisation the page lists, and holds nothing the page does not say."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation

from demo.loader import LoadResult, load
from members.models import Organisation
from offers import demo as offers_demo
from offers.models import Language, Location, Offer, Term

SEED = Path(__file__).resolve().parents[2] / "demo" / "source" / "netzwerk-migration-goettingen.txt"


def seed_members() -> list[str]:
    """The page's member list: the lines between its heading and the minutes."""
    lines = [" ".join(line.split()) for line in SEED.read_text(encoding="utf-8").splitlines()]
    first = lines.index("Mitglieder des Netzwerkes Migration") + 1
    last = lines.index("Protokolle", first)
    return [line for line in lines[first:last] if line]


def _snapshot() -> dict[str, list[dict]]:
    """Every row of the offers app, the links between offers and lists included."""
    models = apps.get_app_config("offers").get_models(include_auto_created=True)
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


def test_the_seed_parses_as_expected():
    assert len(seed_members()) == 49
    assert "Drogenberatungszentrum" in seed_members()


def test_every_demo_offer_is_of_an_organisation_on_the_page(demo):
    members = set(seed_members())
    offers = Offer.objects.select_related("organisation")
    assert offers.count() == len(offers_demo.OFFERS) > 0
    for offer in offers:
        assert offer.organisation.name in members, offer.title
        assert offer.organisation.is_current_member, offer.title
    assert {entry["organisation"] for entry in offers_demo.OFFERS} <= members


def test_every_title_is_what_the_page_names(demo):
    """An offer's German title is (part of) its organisation's name on the page; the
    courses of the adult education centres are "Kurse der <the centre's name>"."""
    for offer in Offer.objects.select_related("organisation"):
        named = offer.title_de.removeprefix("Kurse der ")
        assert named in offer.organisation.name, (offer.title_de, offer.organisation.name)
        assert offer.title_en and offer.title_ar, offer.title_de


@pytest.mark.parametrize(
    ("title", "organisation"),
    [
        ("Migrationserstberatung (MEB)", "AWO/Migrationserstberatung (MEB)"),
        ("Jugendmigrationsdienst", "Internationaler Bund/Jugendmigrationsdienst"),
        ("Caritas Migrationsdienst", "Caritas Migrationsdienst/Caritas Zentrum"),
        ("Kinder- und Jugendtelefon", "Kinder- und Jugendtelefon Göttingen e. V."),
        ("Drogenberatungszentrum", "Drogenberatungszentrum"),
    ],
)
def test_the_offers_the_issue_names(demo, title, organisation):
    offer = Offer.objects.get(title_de=title)
    assert offer.organisation.name == organisation
    assert offer.terms.filter(taxonomy=Term.Taxonomy.CATEGORY, slug="beratung").exists()


def test_what_is_plainly_public_about_them(demo):
    drugs = Offer.objects.get(title_de="Drogenberatungszentrum")
    assert list(drugs.terms.filter(taxonomy=Term.Taxonomy.TOPIC).values_list("slug", flat=True)) == ["sucht"]
    youth = Offer.objects.get(title_de="Jugendmigrationsdienst")
    assert (youth.minimum_age, youth.maximum_age) == (12, 27)
    assert youth.terms.filter(slug="kinder-jugendliche").exists()
    helpline = Offer.objects.get(title_de="Kinder- und Jugendtelefon")
    assert helpline.by_phone and not helpline.in_person
    assert helpline.terms.filter(slug="kinder-jugendliche").exists()
    for courses in Offer.objects.filter(title_de__startswith="Kurse der "):
        slugs = set(courses.terms.values_list("slug", flat=True))
        assert {"bildung", "sprachkurs"} <= slugs, courses.title_de
    # Adult migrants are not a list entry: the MEB has no target group rather than a guessed one.
    meb = Offer.objects.get(title_de="Migrationserstberatung (MEB)")
    assert not meb.terms.filter(taxonomy=Term.Taxonomy.TARGET_GROUP).exists()


def test_nothing_invented(demo):
    for offer in Offer.objects.all():
        for field in (
            "description_de",
            "description_en",
            "description_ar",
            "url",
            "email",
            "phone",
            "opening_hours_de",
            "fees_description_de",
            "eligibility_de",
            "application_process_de",
            "required_documents_de",
            "interpreting_note",
        ):
            assert not getattr(offer, field), (offer.title_de, field)
        assert not offer.languages.exists(), offer.title_de
        assert not offer.interpreting and not offer.by_appointment, offer.title_de
        assert offer.valid_from is offer.valid_until is None, offer.title_de
        # Nobody has confirmed them: the directory says so.
        assert offer.last_confirmed_on is None and offer.needs_confirmation, offer.title_de
        assert offer.status == Offer.Status.ACTIVE
    for location in Location.objects.select_related("offer__organisation"):
        # A town only where the organisation's name gives it; nothing else about the place.
        assert location.city in location.offer.organisation.name, location
        assert not (location.street or location.postcode or location.name), location
        assert location.latitude is location.longitude is None, location
        assert not location.step_free, location


def test_the_demo_offers_are_public(demo):
    assert Offer.objects.public().count() == Offer.objects.count()


def test_the_lists_in_three_languages(demo):
    expected = {
        Term.Taxonomy.CATEGORY: ["Beratung", "Bildung", "Betreuung", "Sprachkurs", "Jugend", "Freizeit"],
        Term.Taxonomy.TOPIC: [
            "Aufenthaltsrecht",
            "Asylverfahren",
            "Arbeit und Anerkennung",
            "Sprache",
            "Gesundheit",
            "Familie",
            "Wohnen",
            "Schule",
            "Sucht",
        ],
        Term.Taxonomy.TARGET_GROUP: [
            "Geflüchtete",
            "Spätaussiedler*innen",
            "Frauen",
            "Kinder und Jugendliche",
            "EU-Bürger*innen",
            "Alle Zugewanderten",
        ],
    }
    for taxonomy, names in expected.items():
        terms = Term.objects.filter(taxonomy=taxonomy).order_by("position")
        assert [term.name_de for term in terms] == names
        assert all(term.name_en and term.name_ar for term in terms), taxonomy
    with translation.override("en"):
        assert Term.objects.get(slug="arbeit-anerkennung").name == "Work and recognition of qualifications"


def test_the_languages_by_iso_639_code(demo):
    codes = list(Language.objects.values_list("code", flat=True))
    for code in ("de", "en", "ar", "fa", "tr", "ru", "uk", "fr", "ku", "ti", "so", "ps", "prs"):
        assert code in codes
    for language in Language.objects.all():
        # ISO 639-1 where there is a code; Dari has none, so ISO 639-3.
        assert re.fullmatch(r"[a-z]{2}", language.code) or language.code == "prs", language.code
        assert language.native_name and language.name_de and language.name_en and language.name_ar
    assert Language.objects.get(code="fa").native_name == "فارسی"


def _changes(before: dict, after: dict) -> list:
    return [
        (label, row, new)
        for label, rows in before.items()
        for row, new in zip(rows, after[label], strict=True)
        if row != new
    ]


@pytest.mark.parametrize("refresh", [False, True])
def test_loading_twice_changes_nothing(db, refresh):
    load()
    before = _snapshot()
    assert before["offers.Offer"]
    result = load(refresh=refresh)
    after = _snapshot()
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    assert _changes(before, after) == []
    assert result.total_created == 0


def test_loading_the_offers_alone_twice_changes_nothing(demo):
    """By natural keys: the lists by slug, languages by code, offers by organisation and title."""
    before = _snapshot()
    result = LoadResult(refresh=True)
    offers_demo.load(result)
    assert sum(result.created.values()) == 0
    assert _snapshot() == before


def test_refresh_puts_the_shipped_texts_back_and_keeps_added_rows(demo):
    offer = Offer.objects.get(title_de="Drogenberatungszentrum")
    Offer.objects.filter(pk=offer.pk).update(title_en="Edited", phone="0000 12345")
    offer.terms.clear()
    Term.objects.filter(slug="sucht").update(name_en="Edited")
    added = Offer.objects.create(organisation=offer.organisation, title="Neues Beispielangebot")

    load()  # the network exists: nothing is touched
    offer.refresh_from_db()
    assert offer.title_en == "Edited"
    assert not offer.terms.exists()

    load(refresh=True)
    offer.refresh_from_db()
    assert offer.title_en == "Drug counselling centre (Drogenberatungszentrum)"
    assert set(offer.terms.values_list("slug", flat=True)) == {"beratung", "sucht"}
    assert Term.objects.get(slug="sucht").name_en == "Addiction"
    # What the demo does not set, a refresh leaves as it is; added offers stay.
    assert offer.phone == "0000 12345"
    assert Offer.objects.filter(pk=added.pk).exists()


def test_the_offers_of_a_missing_organisation_are_left_out(demo):
    Organisation.objects.filter(name="Drogenberatungszentrum").delete()
    offers_demo.load(LoadResult(refresh=True))
    assert not Offer.objects.filter(title_de="Drogenberatungszentrum").exists()
    assert Offer.objects.count() == len(offers_demo.OFFERS) - 1

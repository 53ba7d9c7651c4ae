"""The lists coordinators keep for the offers: categories, topics, target groups and languages."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from members.models import Affiliation, AuditEntry, Organisation, Person, User
from offers.forms.lists import LANGUAGE_ATTRS
from offers.models import Language, Offer, Term

LIST_URL = "offers:manage-terms"


@pytest.fixture
def people(db) -> dict[str, User]:
    a = Organisation.objects.create(name="Beispielverein A", slug="beispielverein-a")
    users = {}
    for key, role in (("member", "contact"), ("editor", "editor")):
        user = User.objects.create_user(email=f"{key}@example.org", password=None, name=key)
        Affiliation.objects.create(
            person=Person.objects.create(name=key, email=user.email, user=user), organisation=a, role=role
        )
        users[key] = user
    users["coordinator"] = User.objects.create_user(
        email="koordination@example.org", password=None, name="Cora", is_coordinator=True
    )
    return users


@pytest.fixture
def lists(db) -> dict[str, object]:
    housing = Term.objects.create(
        taxonomy="topic", slug="beispiel-wohnen", name_de="Beispiel Wohnen", position=2
    )
    health = Term.objects.create(
        taxonomy="topic", slug="beispiel-gesundheit", name_de="Beispiel Gesundheit", position=1
    )
    counselling = Term.objects.create(
        taxonomy="category", slug="beispiel-beratung", name_de="Beispiel Beratung"
    )
    esperanto = Language.objects.get_or_create(code="eo", defaults={"name_de": "Esperanto", "position": 99})[
        0
    ]
    organisation = Organisation.objects.create(name="Beispielverein L", slug="beispielverein-l")
    offer = Offer.objects.create(organisation=organisation, title_de="Beispielangebot")
    offer.terms.add(housing)
    offer.languages.add(esperanto)
    return {"housing": housing, "health": health, "counselling": counselling, "esperanto": esperanto}


def client_as(people: dict[str, User], role: str | None) -> Client:
    client = Client()
    if role:
        client.force_login(people[role])
    return client


def urls(lists) -> list[str]:
    return [
        reverse(LIST_URL),
        reverse("offers:manage-term-new", args=["topic"]),
        reverse("offers:manage-term", args=[lists["housing"].pk]),
        reverse("offers:manage-language-new"),
        reverse("offers:manage-language", args=[lists["esperanto"].code]),
    ]


def test_only_coordinators_keep_the_lists(people, lists):
    for url in urls(lists):
        response = Client().get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]
        assert client_as(people, "member").get(url).status_code == 403
        assert client_as(people, "editor").get(url).status_code == 403
        assert client_as(people, "coordinator").get(url).status_code == 200
    # Nor may editors change them.
    data = {"name_de": "Von der Redaktion", "slug": "redaktion"}
    assert client_as(people, "editor").post(urls(lists)[1], data).status_code == 403
    assert client_as(people, "editor").post(urls(lists)[2], data).status_code == 403
    language = {"code": "ia", "name_de": "Interlingua"}
    assert client_as(people, "editor").post(urls(lists)[3], language).status_code == 403
    assert not Term.objects.filter(slug="redaktion").exists()
    assert not Language.objects.filter(code="ia").exists()
    lists["housing"].refresh_from_db()
    assert lists["housing"].name_de == "Beispiel Wohnen"


def test_the_lists_in_order_with_their_use(people, lists):
    response = client_as(people, "coordinator").get(reverse(LIST_URL))
    sections = {section.id: section for section in response.context["sections"]}
    assert list(sections) == ["list-category", "list-topic", "list-target-group", "languages"]
    topics = sections["list-topic"].entries
    assert [t.slug for t in topics if t.slug.startswith("beispiel-")] == [
        "beispiel-gesundheit",
        "beispiel-wohnen",
    ]
    assert {t.slug: t.offer_count for t in topics}["beispiel-wohnen"] == 1
    languages = {language.code: language for language in sections["languages"].entries}
    assert languages["eo"].offer_count == 1
    page = response.content.decode()
    assert reverse("offers:manage-term-new", args=["target-group"]) in page
    assert reverse("offers:manage-language-new") in page
    assert reverse("offers:manage-language", args=["eo"]) in page
    assert reverse("offers:manage-term", args=[lists["housing"].pk]) in page
    assert "<code>beispiel-wohnen</code>" in page and "<code>eo</code>" in page


def test_the_lists_say_which_translations_are_missing(people, lists):
    term = lists["health"]
    term.name_en, term.name_ar, term.name_fa = "Example health", "صحة", "سلامت"
    term.save()
    response = client_as(people, "coordinator").get(reverse(LIST_URL))
    sections = {section.id: section for section in response.context["sections"]}
    topics = {t.slug: t for t in sections["list-topic"].entries}
    assert topics["beispiel-gesundheit"].missing == ["tr", "ru", "uk"]
    assert topics["beispiel-wohnen"].missing == ["en", "ar", "fa", "tr", "ru", "uk"]
    assert "tr, ru, uk" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["offers:manage-term-new", "offers:manage-term", "offers:manage-language-new", "offers:manage-language"],
)
def test_the_forms_have_a_name_in_every_language(people, lists, url):
    args = {
        "offers:manage-term-new": ["topic"],
        "offers:manage-term": [lists["housing"].pk],
        "offers:manage-language": ["eo"],
    }.get(url, [])
    response = client_as(people, "coordinator").get(reverse(url, args=args))
    html = response.content.decode()
    for code, direction in [
        ("de", "ltr"),
        ("en", "ltr"),
        ("ar", "rtl"),
        ("fa", "rtl"),
        ("tr", "ltr"),
        ("ru", "ltr"),
        ("uk", "ltr"),
    ]:
        tag = re.search(rf'<input[^>]*name="name_{code}"[^>]*>', html)[0]
        assert f'lang="{code}"' in tag and f'dir="{direction}"' in tag
    # The portal's languages first; the others in a group that opens, closed while they are empty.
    start = html.index('<details class="more-languages">')
    group = html[start : html.index("</details>", start)]
    assert all(f'name="name_{code}"' in group for code in ("fa", "tr", "ru", "uk"))
    assert not any(f'name="name_{code}"' in group for code in ("de", "en", "ar"))
    assert LANGUAGE_ATTRS.keys() == {"de", "en", "ar", "fa", "tr", "ru", "uk"}


def test_names_in_the_more_languages_are_saved_and_keep_their_group_open(people, lists):
    client = client_as(people, "coordinator")
    term = lists["housing"]
    url = reverse("offers:manage-term", args=[term.pk])
    data = {
        "name_de": term.name_de,
        "name_fa": "مسکن",
        "name_tr": "Konut",
        "slug": term.slug,
        "position": "2",
    }
    assert client.post(url, data).status_code == 302
    term.refresh_from_db()
    assert (term.name_fa, term.name_tr, term.name_ru) == ("مسکن", "Konut", None)
    assert '<details class="more-languages" open>' in client.get(url).content.decode()
    language = {"name_de": "Esperanto", "name_uk": "Есперанто", "native_name": "Esperanto"}
    assert client.post(reverse("offers:manage-language", args=["eo"]), language).status_code == 302
    assert Language.objects.get(code="eo").name_uk == "Есперанто"
    # An error in the group opens it.
    response = client.post(url, {**data, "name_ru": "x" * 200})
    assert response.status_code == 200 and "name_ru" in response.context["form"].errors
    assert '<details class="more-languages" open>' in response.content.decode()


def test_the_lists_page_makes_a_fixed_number_of_queries(people, lists, client, assert_fixed_query_count):
    client.force_login(people["coordinator"])

    def add_rows(n: int) -> None:
        start = Term.objects.count()
        for i in range(start, start + n):
            Term.objects.create(
                taxonomy=["topic", "category", "target-group"][i % 3], slug=f"z{i}", name_de=f"Z{i}"
            )
            Language.objects.create(code=f"q{i:02d}"[:3] if i < 100 else f"r{i}", name_de=f"Sprache {i}")

    assert_fixed_query_count(reverse(LIST_URL), add_rows)


def test_a_coordinator_adds_an_entry_and_the_short_name_is_made_from_the_name(people, lists):
    client = client_as(people, "coordinator")
    url = reverse("offers:manage-term-new", args=["target-group"])
    data = {
        "name_de": "Ältere Beispielmenschen",
        "name_en": "Older example people",
        "name_ar": "",
        "slug": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == reverse(LIST_URL)
    term = Term.objects.get(taxonomy="target-group", name_de="Ältere Beispielmenschen")
    assert term.slug == "altere-beispielmenschen"
    assert term.name_en == "Older example people"
    assert term.position == 0
    assert AuditEntry.objects.filter(
        action="create", object_type="offers.term", object_id=str(term.pk)
    ).exists()


def test_short_names_are_unique_within_a_list(people, lists):
    client = client_as(people, "coordinator")
    data = {"name_de": "Noch einmal Wohnen", "slug": "beispiel-wohnen"}
    response = client.post(reverse("offers:manage-term-new", args=["topic"]), data)
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    # In another list the same short name is fine.
    response = client.post(reverse("offers:manage-term-new", args=["category"]), data)
    assert response.status_code == 302
    assert Term.objects.filter(slug="beispiel-wohnen").count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"name_de": "", "slug": "leer"},
        {"name_de": "Falscher Kurzname", "slug": "nicht erlaubt!"},
        {"name_de": "Zu weit hinten", "slug": "hinten", "position": "99999"},
        {"name_de": "!!!", "slug": ""},  # nothing to make a short name from
    ],
)
def test_wrong_entries_are_refused(people, lists, data):
    before = Term.objects.count()
    response = client_as(people, "coordinator").post(reverse("offers:manage-term-new", args=["topic"]), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Term.objects.count() == before


def test_an_unknown_list_is_not_found(people):
    assert (
        client_as(people, "coordinator").get(reverse("offers:manage-term-new", args=["colours"])).status_code
        == 404
    )


def test_a_coordinator_renames_an_entry_and_it_stays_in_its_list(people, lists):
    term = lists["housing"]
    data = {"name_de": "Beispiel Wohnen und Miete", "name_ar": "سكن", "slug": term.slug, "position": "5"}
    response = client_as(people, "coordinator").post(reverse("offers:manage-term", args=[term.pk]), data)
    assert response.status_code == 302
    term.refresh_from_db()
    assert (term.taxonomy, term.name_de, term.name_ar, term.position) == (
        "topic",
        "Beispiel Wohnen und Miete",
        "سكن",
        5,
    )
    assert term.offer_set.count() == 1  # still used by its offer
    entry = AuditEntry.objects.get(action="update", object_type="offers.term")
    assert entry.changes["name_de"] == ["Beispiel Wohnen", "Beispiel Wohnen und Miete"]


def test_an_entry_keeps_its_short_name_against_others(people, lists):
    data = {"name_de": "Gesundheit", "slug": "beispiel-wohnen"}
    response = client_as(people, "coordinator").post(
        reverse("offers:manage-term", args=[lists["health"].pk]), data
    )
    assert response.status_code == 200 and "slug" in response.context["form"].errors
    # Its own short name is no clash.
    data = {"name_de": "Gesundheit", "slug": "beispiel-gesundheit"}
    response = client_as(people, "coordinator").post(
        reverse("offers:manage-term", args=[lists["health"].pk]), data
    )
    assert response.status_code == 302


def test_a_coordinator_adds_a_language(people, lists):
    client = client_as(people, "coordinator")
    data = {"code": "ia", "name_de": "Interlingua", "name_en": "Interlingua", "native_name": "interlingua"}
    response = client.post(reverse("offers:manage-language-new"), data)
    assert response.status_code == 302
    language = Language.objects.get(code="ia")
    assert (language.name_de, language.native_name, language.position) == ("Interlingua", "interlingua", 100)
    assert AuditEntry.objects.filter(action="create", object_type="offers.language", object_id="ia").exists()


@pytest.mark.parametrize("code", ["DE", "d", "deu1", "de-at", "eo", "", "ﻉﺭ"])
def test_language_codes_are_checked(people, lists, code):
    before = Language.objects.count()
    data = {"code": code, "name_de": "Eine Sprache"}
    response = client_as(people, "coordinator").post(reverse("offers:manage-language-new"), data)
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert Language.objects.count() == before


def test_a_languages_code_does_not_change(people, lists):
    url = reverse("offers:manage-language", args=["eo"])
    data = {"code": "xx", "name_de": "Esperanto (Plansprache)", "position": "3"}
    response = client_as(people, "coordinator").post(url, data)
    assert response.status_code == 302
    language = Language.objects.get(code="eo")
    assert (language.name_de, language.position) == ("Esperanto (Plansprache)", 3)
    assert not Language.objects.filter(code="xx").exists()
    assert language.offer_set.count() == 1


def test_an_unknown_language_is_not_found(people):
    url = reverse("offers:manage-language", args=["zzz"])
    assert client_as(people, "coordinator").get(url).status_code == 404

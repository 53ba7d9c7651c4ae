"""The public directory: the search page, an offer's page, and the offers on an organisation's page."""

import datetime
from decimal import Decimal
from functools import partial
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from members.models import Organisation
from netzwerk.middleware import tile_source
from offers import search as search_module
from offers.models import Language, Location, Offer, Term
from offers.search import FacetValue
from offers.views import public

from . import sample
from .sample import make_organisation

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _fresh_city_list():
    """The towns for "distance from" are cached for some minutes: each test starts without them."""
    cache.delete(public.CITIES_KEY)
    yield
    cache.delete(public.CITIES_KEY)


def url_in(lang: str, name: str, args: list | None = None, query: str = "") -> str:
    with translation.override(lang):
        return reverse(name, args=args or []) + query


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url.replace("&amp;", "&")).query)


@pytest.fixture
def lists(db) -> dict[str, Term | Language]:
    def term(taxonomy, slug, de, en, ar):
        return Term.objects.create(taxonomy=taxonomy, slug=slug, name_de=de, name_en=en, name_ar=ar)

    def language(code, native, de, en, ar):
        obj, _ = Language.objects.update_or_create(
            code=code, defaults={"native_name": native, "name_de": de, "name_en": en, "name_ar": ar}
        )
        return obj

    return {
        "counselling": term(
            Term.Taxonomy.CATEGORY, "test-beratung", "Testberatung", "Test counselling", "استشارة"
        ),
        "course": term(Term.Taxonomy.CATEGORY, "test-kurs", "Testkurs", "Test course", "دورة"),
        "residence": term(
            Term.Taxonomy.TOPIC, "test-aufenthalt", "Testaufenthalt", "Test residence", "إقامة"
        ),
        "women": term(Term.Taxonomy.TARGET_GROUP, "test-frauen", "Testfrauen", "Test women", "نساء"),
        "de": language("de", "Deutsch", "Deutsch", "German", "الألمانية"),
        "en": language("en", "English", "Englisch", "English", "الإنجليزية"),
        "ar": language("ar", "العربية", "Arabisch", "Arabic", "العربية"),
    }


@pytest.fixture
def organisation(db) -> Organisation:
    return make_organisation("Testorganisation Angebote")


# An offer as the directory lists it: confirmed today, with a place in Teststadt (city="": none).
make_offer = partial(sample.make_offer, city="Teststadt", last_confirmed_on=TODAY)


@pytest.fixture
def offer(organisation, lists) -> Offer:
    """A public offer with every field filled in, in German and English."""
    return make_offer(
        organisation,
        "Testangebot Beratung",
        terms=[lists["counselling"], lists["residence"], lists["women"]],
        languages=[lists["de"], lists["ar"]],
        title_en="Test offer counselling",
        description_de="Eine **Testbeschreibung** mit [Link](https://example.org/test).",
        description_en="A **test description**.",
        in_person=True,
        by_phone=True,
        by_email=True,
        phone="0551 123-456",
        email="beratung@example.org",
        url="https://example.org/testangebot",
        opening_hours_de="Mo 9–12 Uhr (Testzeiten)",
        by_appointment=True,
        free_of_charge=False,
        fees_description_de="5 Euro Testgebühr",
        minimum_age=16,
        maximum_age=27,
        eligibility_de="Nur zum Testen",
        application_process_de="Anruf genügt (Test)",
        required_documents_de="Testausweis",
        interpreting=True,
        interpreting_note="Testdolmetschen auf Anfrage",
        valid_from=datetime.date(2020, 1, 1),
        valid_until=TODAY + datetime.timedelta(days=400),
    )


# ---------------------------------------------------------------------------------------------
# The search page


@pytest.mark.parametrize(
    ("lang", "direction", "title", "heading"),
    [
        ("de", "ltr", "Testangebot Beratung", "1 Angebot gefunden"),
        ("en", "ltr", "Test offer counselling", "1 offer found"),
        ("ar", "rtl", "Testangebot Beratung", "تم العثور على عرض واحد"),
    ],
)
def test_search_page_renders_in_each_language(client, offer, lang, direction, title, heading):
    html = html_of(client.get(url_in(lang, "offers:search")))
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert title in html
    assert heading in html
    assert 'type="search"' in html and 'for="offer-q"' in html
    assert offer.get_absolute_url() in html or url_in(lang, "offers:detail", [offer.pk]) in html


def test_demo_search_page_renders_in_each_language(client, demo):
    for lang in ("de", "en", "ar"):
        html = html_of(client.get(url_in(lang, "offers:search")))
        assert "offer-result" in html, lang


def test_result_shows_what_a_searcher_needs(client, offer):
    html = html_of(client.get(url_in("en", "offers:search")))
    result = html.split('id="offer-list"', 1)[1]
    assert "Testorganisation Angebote" in result
    assert "Test counselling" in result  # the category, in English
    assert "German" in result and "Arabic" in result  # languages spoken
    assert "Teststadt" in result and "(District)" in result
    assert "step-free access" in result
    assert "In person, By phone, By e-mail" in result
    assert "Free of charge" not in result
    assert 'data-latitude="51.500000" data-longitude="9.900000"' in result
    assert "Not confirmed" not in result


def test_untranslated_title_falls_back_to_german_with_a_note(client, offer):
    html = html_of(client.get(url_in("ar", "offers:search")))
    assert "fallback-note" in html
    assert (
        f'<a href="{url_in("ar", "offers:detail", [offer.pk])}" lang="de" dir="ltr">Testangebot Beratung</a>'
        in html
    )
    english = html_of(client.get(url_in("en", "offers:search")))
    assert "fallback-note" not in english


def test_unconfirmed_offers_are_marked(client, organisation, settings):
    settings.OFFER_CONFIRMATION_DAYS = 365
    make_offer(organisation, "Testangebot Alt", last_confirmed_on=TODAY - datetime.timedelta(days=400))
    make_offer(organisation, "Testangebot Frisch", last_confirmed_on=TODAY - datetime.timedelta(days=10))
    make_offer(organisation, "Testangebot Nie", last_confirmed_on=None)
    html = html_of(client.get(url_in("en", "offers:search")))
    items = {
        title: item
        for item in html.split('class="offer-result"')[1:]
        for title in ("Alt", "Frisch", "Nie")
        if f"Testangebot {title}</a>" in item
    }
    assert "Not confirmed for over a year" in items["Alt"]
    assert "Not confirmed" not in items["Frisch"]
    assert "Not confirmed yet" in items["Nie"]


def test_search_finds_by_text(client, offer, organisation):
    make_offer(organisation, "Testangebot Sprachkurs")
    response = client.get(url_in("de", "offers:search", query="?q=Beratung"))
    assert [row.offer for row in response.context["rows"]] == [offer]
    assert 'value="Beratung"' in html_of(response)
    assert "„Beratung“" in html_of(response)  # in the window's title


def test_a_filter_can_be_removed_and_keeps_the_rest(client, offer, lists):
    url = url_in("en", "offers:search", query="?q=Test&category=test-beratung&free=1")
    response = client.get(url)
    chosen = {name: query_of(link) for name, value, link in response.context["chosen"]}
    assert chosen["Category"] == {"q": ["Test"], "free": ["1"]}
    assert chosen["Costs"] == {"q": ["Test"], "category": ["test-beratung"]}
    html = html_of(response)
    assert "Category: <bdi>Test counselling</bdi>" in html
    # The text search keeps the filters.
    assert '<input type="hidden" name="category" value="test-beratung">' in html
    assert '<input type="hidden" name="free" value="1">' in html


def test_unknown_filter_values_are_ignored(client, offer):
    response = client.get(
        url_in(
            "de",
            "offers:search",
            query="?category=keine&topic=&language=xx&district=mars&channel=brieftaube&sort=zufall&free=0",
        )
    )
    assert response.context["params"] == search_module.SearchParams()
    assert response.context["chosen"] == []
    assert [row.offer for row in response.context["rows"]] == [offer]


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=-3",
        "?page=0",
        "?page=99999999999999999999",
        "?page=1.5",
        "?lat=nan&lng=inf&sort=distance",
        "?lat=91&lng=9&sort=distance",
        "?lat=abc&lng=&sort=distance",
        "?near=Atlantis&sort=distance",
        "?q=%00Beratung%00",
        "?q=" + "x" * 5000,
        "?q=%22%27%29%28*%3A%5E-OR+AND+NEAR",
        "?category=%00&topic=%00&city=%00&language=%00",
        "?free=%00&channel=%00&district=%00",
        "?city=" + "Göttingen" * 50,
        "?category=a&category=b&page=2&page=x",
    ],
)
def test_bad_parameters_never_fail(client, offer, query):
    response = client.get(url_in("de", "offers:search", query=query))
    assert response.status_code == 200, query


def test_page_numbers_are_clamped(client, organisation):
    for number in range(search_module.PAGE_SIZE + 5):
        make_offer(organisation, f"Testangebot {number:02}", city="")
    assert client.get(url_in("de", "offers:search", query="?page=-4")).context["result"].page.number == 1
    last = client.get(url_in("de", "offers:search", query="?page=999"))
    assert last.context["result"].page.number == 2
    assert len(last.context["rows"]) == 5  # the last page, with its offers


def test_pagination_keeps_the_filters_and_filters_start_at_page_one(client, organisation, lists):
    for number in range(search_module.PAGE_SIZE + 5):
        make_offer(organisation, f"Testangebot {number:02}", terms=[lists["counselling"]], city="")
    make_offer(organisation, "Testangebot ohne Kategorie", city="")
    response = client.get(url_in("en", "offers:search", query="?category=test-beratung&q=Testangebot"))
    assert response.context["result"].total == search_module.PAGE_SIZE + 5
    assert query_of(response.context["next_url"]) == {
        "q": ["Testangebot"],
        "category": ["test-beratung"],
        "page": ["2"],
    }
    html = html_of(response)
    assert 'rel="next"' in html
    second = client.get(response.context["next_url"])
    assert query_of(second.context["previous_url"]) == {"q": ["Testangebot"], "category": ["test-beratung"]}
    # Removing a filter on page 2 goes back to page 1.
    for _name, _value, link in second.context["chosen"]:
        assert "page" not in query_of(link)
    assert '<ol class="offer-list" id="offer-list" start="21" hx-boost="false">' in html_of(second)


def test_facets_are_links_that_keep_the_other_filters(client, offer, monkeypatch):
    """The facet counts come from offers/search.py; the page makes each value a link."""

    def with_facets(params):
        result = search_module.search(params)
        result.facets = {
            "category": [
                FacetValue("test-beratung", "Test counselling", 1, params.category == "test-beratung"),
                FacetValue("test-kurs", "Test course", 0, False),
            ],
            "channel": [FacetValue("by_phone", "By phone", 1, params.channel == "by_phone")],
            "free": [],
        }
        return result

    monkeypatch.setattr(public, "search", with_facets)
    response = client.get(url_in("en", "offers:search", query="?q=Test&channel=by_phone&page=1"))
    html = html_of(response)
    groups = {group.name: group for group in response.context["groups"]}
    assert set(groups) == {"category", "channel"}  # a facet without values is left out
    counselling = groups["category"].links[0]
    assert query_of(counselling.url) == {
        "q": ["Test"],
        "category": ["test-beratung"],
        "channel": ["by_phone"],
    }
    assert 'Test counselling <span class="count">1</span>' in html
    phone = groups["channel"].links[0]
    assert phone.selected and query_of(phone.url) == {"q": ["Test"]}  # choosing it again removes it
    assert 'aria-current="true"' in html
    assert '<details class="facet" open>' in html


def test_my_language_link_only_when_the_interface_is_not_german(client, offer, lists):
    english = client.get(url_in("en", "offers:search", query="?q=Test"))
    assert query_of(english.context["my_language_url"]) == {"q": ["Test"], "language": ["en"]}
    assert "Only offers in my language (English)" in html_of(english)
    arabic = html_of(client.get(url_in("ar", "offers:search")))
    assert "?language=ar" in arabic
    german = client.get(url_in("de", "offers:search"))
    assert german.context["my_language"] is None
    assert 'class="my-language"' not in html_of(german)
    # Once chosen, the link is not offered again; the filter shows among the chosen ones.
    chosen = client.get(url_in("ar", "offers:search", query="?language=ar"))
    assert chosen.context["my_language"] is None
    assert [row.offer for row in chosen.context["rows"]] == [offer]
    assert client.get(url_in("en", "offers:search", query="?language=en")).context["rows"] == []


def test_sort_by_distance_from_a_town_uses_its_places_average(client, organisation, monkeypatch):
    near = make_offer(organisation, "Testangebot Nah", city="Testdorf")
    Location.objects.create(offer=near, city="Testdorf", latitude=Decimal("51.7"), longitude=Decimal("10.1"))
    make_offer(organisation, "Testangebot Ohne Koordinaten", city="")
    Location.objects.create(
        offer=Offer.objects.get(title_de="Testangebot Ohne Koordinaten"), city="Nirgendwo"
    )
    seen = []

    def spy(params):
        seen.append(params)
        return search_module.search(params)

    monkeypatch.setattr(public, "search", spy)
    response = client.get(url_in("de", "offers:search", query="?sort=distance&near=Testdorf"))
    assert seen[-1].sort == "distance"
    assert seen[-1].near == pytest.approx((51.6, 10.0))
    assert response.context["cities"] == ["Testdorf"]  # only towns with coordinates
    assert '<option value="Testdorf" selected>Testdorf</option>' in html_of(response)
    assert [row.offer.title for row in response.context["rows"]][0] == "Testangebot Nah"
    assert "km" in html_of(response).split('id="offer-list"', 1)[1]

    client.get(url_in("de", "offers:search", query="?sort=distance&lat=51.53&lng=9.93"))
    assert seen[-1].near == pytest.approx((51.53, 9.93))
    # Without a place there is no distance: best match, and the page says why.
    response = client.get(url_in("en", "offers:search", query="?sort=distance"))
    assert seen[-1].sort == "relevance" and seen[-1].near is None
    assert "To sort by distance, choose a place" in html_of(response)
    # The sort form keeps the filters and the text.
    response = client.get(url_in("de", "offers:search", query="?q=Test&city=Testdorf&sort=name"))
    assert response.context["sort_hidden"] == [("q", "Test"), ("city", "Testdorf")]


def test_non_public_offers_are_not_found(client, organisation):
    make_offer(organisation, "Testangebot Inaktiv", status=Offer.Status.INACTIVE)
    make_offer(organisation, "Testangebot Abgelaufen", valid_until=TODAY - datetime.timedelta(days=1))
    html = html_of(client.get(url_in("de", "offers:search")))
    assert "Testangebot" not in html.split("<main", 1)[1]


def test_search_page_makes_a_fixed_number_of_queries(assert_fixed_query_count, organisation, lists):
    counter = iter(range(1000))

    def add(n: int) -> None:
        for _ in range(n):
            offer = make_offer(
                organisation,
                f"Testangebot Menge {next(counter)}",
                terms=[lists["counselling"], lists["residence"], lists["women"]],
                languages=[lists["de"], lists["en"]],
            )
            Location.objects.create(offer=offer, city="Testdorf", district="city", step_free=True)

    assert_fixed_query_count(
        url_in("en", "offers:search", query="?q=Testangebot&category=test-beratung"), add
    )
    # A second page, sorted by distance: there are more than a page of offers from here on.
    assert_fixed_query_count(
        url_in("ar", "offers:search", query="?sort=distance&near=Teststadt&page=2"),
        add,
        n=search_module.PAGE_SIZE,
    )


def test_the_directory_is_linked_from_the_navigation_and_the_home_page(client, demo):
    html = html_of(client.get(url_in("de", "network:home")))
    search_url = url_in("de", "offers:search")
    assert html.count(f'href="{search_url}"') == 2
    page = html_of(client.get(search_url))
    assert f'<a href="{search_url}" aria-current="page">Angebote</a>' in page


# ---------------------------------------------------------------------------------------------
# An offer's page


def test_detail_shows_everything(client, offer, organisation):
    other = make_offer(organisation, "Testangebot Zweites")
    html = html_of(client.get(url_in("de", "offers:detail", [offer.pk])))
    main = html.split("<main", 1)[1]
    for text in [
        "<h1>Testangebot Beratung</h1>",
        "<strong>Testbeschreibung</strong>",
        'href="https://example.org/test"',
        f'href="{organisation.get_absolute_url()}"',
        "Testberatung",
        "Testaufenthalt",
        "Testfrauen",
        '<a href="tel:0551123456" dir="ltr">0551 123-456</a>',
        'href="mailto:beratung@example.org"',
        'href="https://example.org/testangebot"',
        "Mo 9–12 Uhr (Testzeiten)",
        "Nach Vereinbarung",
        "5 Euro Testgebühr",
        "16",
        "27",
        "Nur zum Testen",
        "Anruf genügt (Test)",
        "Testausweis",
        "Testdolmetschen auf Anfrage",
        "Testweg 1",
        "37000 Teststadt",
        '<bdi lang="ar">العربية</bdi>',
        "2020",
        "Testangebot Zweites",
        other.get_absolute_url(),
    ]:
        assert text in main, text
    assert "fallback-note" not in html
    assert "notice-warn" not in html


def test_detail_in_english_falls_back_to_german_with_a_note(client, offer):
    html = html_of(client.get(url_in("en", "offers:detail", [offer.pk])))
    assert "<h1>Test offer counselling</h1>" in html
    assert "<strong>test description</strong>" in html
    assert "This text is not available in English yet; here it is in German." in html
    assert '<dd lang="de" dir="ltr">Mo 9–12 Uhr (Testzeiten)</dd>' in html


def test_detail_in_arabic_is_right_to_left(client, offer):
    html = html_of(client.get(url_in("ar", "offers:detail", [offer.pk])))
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 lang="de" dir="ltr">Testangebot Beratung</h1>' in html
    assert "fallback-note" in html


def test_detail_says_when_an_offer_may_be_out_of_date(client, offer, settings):
    settings.OFFER_CONFIRMATION_DAYS = 365
    Offer.objects.filter(pk=offer.pk).update(last_confirmed_on=TODAY - datetime.timedelta(days=366))
    html = html_of(client.get(url_in("en", "offers:detail", [offer.pk])))
    assert "notice-warn" in html
    assert "Not confirmed for over a year" in html
    assert "may be out of date" in html


@pytest.mark.parametrize(
    "change",
    [
        {"status": Offer.Status.INACTIVE},
        {"status": Offer.Status.TEMPORARILY_CLOSED},
        {"valid_until": TODAY - datetime.timedelta(days=1)},
        {"valid_from": TODAY + datetime.timedelta(days=1)},
    ],
)
def test_non_public_offers_are_404(client, offer, change):
    Offer.objects.filter(pk=offer.pk).update(**change)
    assert client.get(url_in("de", "offers:detail", [offer.pk])).status_code == 404


@pytest.mark.parametrize("change", [{"left_on": datetime.date(2024, 1, 1)}, {"is_member": False}])
def test_offers_of_organisations_that_are_not_members_are_404(client, offer, change):
    Organisation.objects.filter(pk=offer.organisation_id).update(**change)
    assert client.get(url_in("de", "offers:detail", [offer.pk])).status_code == 404
    assert (
        "Testangebot" not in html_of(client.get(offer.organisation.get_absolute_url())).split("<main", 1)[1]
    )


def test_detail_of_a_missing_offer_is_404(client, db):
    assert client.get(url_in("de", "offers:detail", [987654])).status_code == 404


def test_detail_makes_a_fixed_number_of_queries(assert_fixed_query_count, offer, organisation, lists):
    def add(n: int) -> None:
        for number in range(n):
            other = make_offer(organisation, f"Testangebot Weiteres {Offer.objects.count()}-{number}")
            other.terms.add(lists["course"])
        offer.languages.add(lists["en"])
        Location.objects.create(offer=offer, city=f"Testort {Location.objects.count()}")

    assert_fixed_query_count(url_in("de", "offers:detail", [offer.pk]), add)


def test_pages_are_only_for_reading(client, offer):
    assert client.post(url_in("de", "offers:detail", [offer.pk])).status_code == 405
    assert client.post(url_in("de", "offers:search")).status_code == 405


# ---------------------------------------------------------------------------------------------
# The organisation's page


def test_organisation_page_lists_its_public_offers(client, offer, organisation):
    hidden = make_offer(organisation, "Testangebot Versteckt", status=Offer.Status.INACTIVE)
    elsewhere = Organisation.objects.create(name="Testorganisation Andere", slug="testorganisation-andere")
    foreign = make_offer(elsewhere, "Testangebot Fremd")
    html = html_of(client.get(url_in("en", "members:organisation", [organisation.slug])))
    assert f'href="{url_in("en", "offers:detail", [offer.pk])}"' in html
    assert "Test offer counselling" in html
    assert url_in("en", "offers:detail", [hidden.pk]) not in html
    assert url_in("en", "offers:detail", [foreign.pk]) not in html
    arabic = html_of(client.get(url_in("ar", "members:organisation", [organisation.slug])))
    assert 'lang="de" dir="ltr">Testangebot Beratung</a>' in arabic


def test_organisation_page_makes_a_fixed_number_of_queries(assert_fixed_query_count, organisation, lists):
    def add(n: int) -> None:
        for _ in range(n):
            make_offer(organisation, f"Testangebot {Offer.objects.count()}", terms=[lists["counselling"]])

    assert_fixed_query_count(url_in("de", "members:organisation", [organisation.slug]), add)


def test_escaped_organisation_name(client, organisation, offer):
    Organisation.objects.filter(pk=organisation.pk).update(name="Test <b>& Co</b>")
    html = html_of(client.get(url_in("de", "offers:detail", [offer.pk])))
    assert escape("Test <b>& Co</b>") in html
    assert "<b>& Co</b>" not in html


# ---------------------------------------------------------------------------------------------
# Live updates: htmx asks for the results region alone


HTMX = {"HTTP_HX_REQUEST": "true"}


def test_htmx_gets_the_results_region_and_the_address_to_show(client, offer, lists):
    url = url_in("en", "offers:search", query="?q=Test&category=test-beratung&unknown=1&near=&page=7")
    response = client.get(url, **HTMX)
    html = html_of(response)
    # The region alone, with the window's title for htmx to take over.
    assert html.startswith("<title>„Test“ · Offers")
    assert '<div class="offer-region" id="offer-region"' in html
    assert "<html" not in html and "site-header" not in html and 'id="offer-q"' not in html
    assert "Test offer counselling" in html and "1 offer found" in html
    assert 'id="filter-category-test-beratung" aria-current="true"' in html
    # The address of what is shown: unknown and empty parameters left out, the page that exists.
    assert response["HX-Push-Url"] == url_in("en", "offers:search", query="?q=Test&category=test-beratung")
    # The text search takes the filters from the region (the form is outside it).
    assert '<input type="hidden" name="category" value="test-beratung" form="offer-search-form">' in html


def test_full_page_and_region_say_they_vary_with_htmx(client, offer):
    url = url_in("de", "offers:search", query="?q=Test")
    for headers in ({}, HTMX):
        vary = {value.strip() for value in client.get(url, **headers)["Vary"].split(",")}
        assert {"HX-Request", "HX-History-Restore-Request"} <= vary
    assert "HX-Push-Url" not in client.get(url)


def test_a_history_restore_gets_the_whole_page(client, offer):
    response = client.get(url_in("de", "offers:search"), HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert html_of(response).startswith("<!doctype html>")
    assert "HX-Push-Url" not in response


def test_the_page_loads_htmx_and_its_script_without_inline_code(client, offer):
    html = html_of(client.get(url_in("de", "offers:search")))
    head = html.split("</head>", 1)[0]
    for script in ("vendor/htmx/htmx.min.js", "js/offers-search.js", "vendor/leaflet/leaflet.js"):
        assert f'<script src="/static/{script}" defer></script>' in head
    assert '<meta name="htmx-config"' in head and '"includeIndicatorStyles": false' in head
    # The search form and the sort order load the region; the offers' own links stay plain.
    assert 'hx-get="/de/offers/" hx-target="#offer-region" hx-swap="outerHTML"' in html
    assert 'hx-trigger="change, submit"' in html
    assert 'hx-boost="true" hx-target="this" hx-swap="outerHTML"' in html
    assert '<ol class="offer-list" id="offer-list" start="1" hx-boost="false">' in html
    assert 'role="status"' in html and 'id="results-heading" tabindex="-1"' in html
    assert "<script>" not in html and " onclick=" not in html and " style=" not in html
    for path in ("vendor/htmx/htmx.min.js", "vendor/htmx/LICENSE", "js/offers-search.js"):
        assert finders.find(path), path


def test_the_region_makes_a_fixed_number_of_queries(client, organisation, lists):
    url = url_in("de", "offers:search", query="?q=Testangebot&category=test-beratung")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, **HTMX).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for number in range(n):
            offer = make_offer(
                organisation,
                f"Testangebot Region {Offer.objects.count()}-{number}",
                terms=[lists["counselling"], lists["residence"]],
                languages=[lists["de"], lists["ar"]],
            )
            Location.objects.create(offer=offer, city="Testdorf", latitude=51.6, longitude=10)

    queries()  # the per-process caches warm
    add(2)
    # The first after a change, and the second with the text index's answer kept.
    few = (queries(), queries())
    add(25)
    assert (queries(), queries()) == few
    with CaptureQueriesContext(connection) as whole_page:
        client.get(url)
    assert few[1] <= len(whole_page)  # both with the answer kept


def test_search_is_called_once_even_past_the_last_page(client, organisation, monkeypatch):
    for number in range(search_module.PAGE_SIZE + 3):
        make_offer(organisation, f"Testangebot {number:02}", city="")
    calls = []

    def spy(params):
        calls.append(params)
        return search_module.search(params)

    monkeypatch.setattr(public, "search", spy)
    response = client.get(url_in("de", "offers:search", query="?page=50"), **HTMX)
    assert len(calls) == 1
    assert response.context["result"].page.number == 2
    assert len(response.context["rows"]) == 3
    assert response.context["params"].page == 2
    assert response["HX-Push-Url"] == url_in("de", "offers:search", query="?page=2")


def test_distance_is_shown_when_sorted_by_distance(client, organisation):
    make_offer(organisation, "Testangebot Weit")  # Teststadt: 51.5, 9.9
    near = make_offer(organisation, "Testangebot Nah", city="Testdorf")
    Location.objects.filter(offer=near).update(latitude=Decimal("51.6"), longitude=Decimal("9.9"))
    # From Testdorf's places (51.6, 9.9): 0 km and 11.1 km (a tenth of a degree of latitude).
    response = client.get(url_in("en", "offers:search", query="?sort=distance&near=Testdorf"))
    assert [(row.offer.title, row.distance) for row in response.context["rows"]] == [
        ("Testangebot Nah", "0.0 km away"),
        ("Testangebot Weit", "11.1 km away"),
    ]
    assert "· 11.1 km away</p>" in html_of(response)
    german = html_of(client.get(url_in("de", "offers:search", query="?sort=distance&near=Testdorf")))
    assert "· 11,1 km entfernt</p>" in german
    # Not sorted by distance: no distances.
    assert all(not row.distance for row in client.get(url_in("en", "offers:search")).context["rows"])


# ---------------------------------------------------------------------------------------------
# The map


def map_figure(html: str) -> str:
    return html.split('<figure class="offer-map"', 1)[1].split("</figure>", 1)[0]


def test_search_page_has_a_map_of_the_results_places(client, offer, settings):
    settings.OFFERS_MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    html = html_of(client.get(url_in("en", "offers:search")))
    figure = map_figure(html)
    # Hidden until the script draws it: no map without JavaScript; outside htmx's boost.
    assert figure.startswith(' hidden hx-boost="false" data-offer-map data-places="#offer-list"')
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in figure
    assert (
        'data-attribution="&amp;copy; &lt;a href=&quot;https://www.openstreetmap.org/copyright&quot;&gt;'
        "OpenStreetMap&lt;/a&gt; contributors"
    ) in figure
    assert 'data-icon="/static/vendor/leaflet/images/marker-icon.png"' in figure
    assert "Map of the offers on this page. The list below shows the same offers and places." in figure
    # The markers come from the list: each place with coordinates, labelled with its town.
    place = '<li data-latitude="51.500000" data-longitude="9.900000" data-label="Teststadt">'
    assert place in html.split('id="offer-list"', 1)[1]
    assert '<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">' in html
    for path in (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet/LICENSE",
        "vendor/leaflet/images/marker-icon.png",
        "vendor/leaflet/images/marker-icon-2x.png",
        "vendor/leaflet/images/marker-shadow.png",
        "vendor/leaflet/images/layers.png",
        "js/offers-map.js",
    ):
        assert finders.find(path), path


def test_no_map_without_coordinates(client, organisation):
    make_offer(organisation, "Testangebot ohne Ort", city="")
    without = make_offer(organisation, "Testangebot ohne Koordinaten", city="")
    Location.objects.create(offer=without, city="Testdorf")
    html = html_of(client.get(url_in("de", "offers:search")))
    assert "Testangebot ohne Koordinaten" in html
    assert "offer-map" not in html.split("<main", 1)[1]
    # The scripts are there all the same: the next search may find places.
    assert "vendor/leaflet/leaflet.js" in html


def test_no_map_when_no_tile_server_is_configured(client, offer, settings):
    settings.OFFERS_MAP_TILE_URL = ""
    for url in (url_in("de", "offers:search"), url_in("de", "offers:detail", [offer.pk])):
        html = html_of(client.get(url))
        assert "offer-map" not in html and "leaflet" not in html, url
        assert client.get(url)["Content-Security-Policy"].count("img-src 'self' data:;") == 1


def test_offer_page_has_a_map_of_its_places(client, offer, settings):
    settings.OFFERS_MAP_TILE_URL = "https://karten.example.org/{z}/{x}/{y}.png"
    Location.objects.create(offer=offer, name="Testhaus", city="Testdorf", latitude=51.6, longitude=10)
    Location.objects.create(offer=offer, city="Ohne Koordinaten")
    html = html_of(client.get(url_in("en", "offers:detail", [offer.pk])))
    figure = map_figure(html)
    assert 'data-places="#offer-places"' in figure
    assert 'data-tile-url="https://karten.example.org/{z}/{x}/{y}.png"' in figure
    assert "Map of the places of this offer; their addresses are above." in figure
    places = html.split('id="offer-places"', 1)[1].split("</ul>", 1)[0]
    assert 'data-latitude="51.500000" data-longitude="9.900000" data-label="Testweg 1, Teststadt"' in places
    assert 'data-latitude="51.600000" data-longitude="10.000000" data-label="Testhaus, Testdorf"' in places
    assert places.count("data-latitude") == 2
    assert '<script src="/static/js/offers-map.js" defer></script>' in html
    assert "htmx" not in html  # the offer's page has nothing to update
    # Without coordinates, no map and no map scripts.
    Location.objects.filter(offer=offer).update(latitude=None, longitude=None)
    html = html_of(client.get(url_in("en", "offers:detail", [offer.pk])))
    assert "offer-map" not in html and "leaflet" not in html


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_map_in_right_to_left_languages(client, offer, lang):
    html = html_of(client.get(url_in(lang, "offers:search")))
    assert f'<html lang="{lang}" dir="rtl">' in html
    # Leaflet lays its tiles out left to right; the popups take the page's direction.
    assert '<div class="offer-map-canvas" dir="ltr"></div>' in map_figure(html)


# ---------------------------------------------------------------------------------------------
# The Content-Security-Policy allows the tile server's images, and nothing more


def csp_of(response) -> dict[str, list[str]]:
    return {
        name: sources
        for name, *sources in (part.split() for part in response["Content-Security-Policy"].split(";"))
    }


def test_csp_allows_images_from_the_tile_server(client, offer, settings):
    url = url_in("de", "offers:search")
    policy = csp_of(client.get(url))
    assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]
    settings.OFFERS_MAP_TILE_URL = "https://{s}.tiles.example.org:8443/styles/{z}/{x}/{y}.png?key=abc"
    policy = csp_of(client.get(url))
    assert policy["img-src"] == ["'self'", "data:", "https://*.tiles.example.org:8443"]
    # Nothing else changes: scripts, styles and connections stay with the portal.
    for directive in ("default-src", "script-src", "style-src", "connect-src", "font-src"):
        assert policy[directive] == ["'self'"], directive
    # The same policy on every page, the tile server included.
    assert (
        csp_of(client.get(url_in("de", "network:home")))["img-src"][-1] == "https://*.tiles.example.org:8443"
    )


@pytest.mark.parametrize(
    ("tile_url", "source"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://127.0.0.1:8081/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8081"),
        ("/static/tiles/{z}/{x}/{y}.png", ""),  # the portal's own: 'self' allows it
        ("", ""),
        # What CSP cannot say, or what would allow more than a tile server: nothing.
        ("https://tiles.{s}.example.org/{z}/{x}/{y}.png", ""),
        ("https://user:secret@tiles.example.org/{z}/{x}/{y}.png", ""),
        ("https://tiles.example.org; script-src *", ""),
        ("javascript:alert(1)", ""),
        ("data:image/png;base64,AAAA", ""),
    ],
)
def test_tile_source(tile_url, source):
    assert tile_source(tile_url) == source

"""The offers directory in a real browser: a visitor on a phone searches, filters and sorts
while the results update in place (htmx) and the address follows, sees the results on the
map, opens an offer and goes on to its organisation; the same without JavaScript; the page
in Arabic, right to left.

The offers with places on the map are made up here, next to the demo data (which has no
coordinates). Map tiles come from a data: URL, a plain grey square: the browser tests fetch
nothing from outside.
"""

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, Page, expect

from members.models import Organisation
from offers import index
from offers.models import Location, Offer, Term
from offers.views import public

from .axe import report, violations
from .conftest import SIZES, TIMEOUT_MS
from .portal import Portal, t

# A 1 × 1 grey PNG: every map tile.
GREY_TILE = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGN4AgAA5gDlWNqJzgAAAABJRU5ErkJggg=="
)
ORGANISATION = "Testverein Karte (erfunden)"
# Made-up offers in made-up villages around Göttingen: (title, village, latitude, longitude).
OFFERS = [
    ("Testberatung Karte Nord (erfunden)", "Testdorf Nord", "51.6100", "9.9500"),
    ("Testberatung Karte Mitte (erfunden)", "Testdorf Mitte", "51.5400", "9.9300"),
    ("Testberatung Karte Süd (erfunden)", "Testdorf Süd", "51.4700", "9.9100"),
]
TOPIC = "aufenthaltsrecht"  # a topic of the demo's lists
FOCUS_PROBLEMS = (Path(__file__).parent / "js" / "focus_problems.js").read_text()


@pytest.fixture
def map_offers(portal: Portal, settings) -> list[Offer]:
    settings.OFFERS_MAP_TILE_URL = GREY_TILE
    settings.OFFERS_MAP_ATTRIBUTION = "Testkarte"
    organisation = Organisation.objects.create(name=ORGANISATION, slug="testverein-karte-erfunden")
    terms = Term.objects.filter(slug__in=[TOPIC, "beratung"])
    offers = []
    for title, village, latitude, longitude in OFFERS:
        offer = Offer.objects.create(
            organisation=organisation,
            title_de=title,
            description_de="Eine erfundene Beratung für die Browsertests.",
            in_person=True,
        )
        offer.terms.set(terms)
        Location.objects.create(
            offer=offer, city=village, latitude=Decimal(latitude), longitude=Decimal(longitude)
        )
        offers.append(offer)
    # The search index's tables are no models, so the flush between browser tests leaves the
    # rows of earlier tests' offers in them: built again, it holds this test's offers only.
    index.reindex()
    cache.delete(public.CITIES_KEY)  # the towns to sort by distance from, with the new ones
    return offers


def results_heading(page: Page):
    return page.locator("#results-heading")


def markers(page: Page):
    return page.locator(".offer-map:not([hidden]) .leaflet-marker-icon")


def mark_the_page(page: Page) -> None:
    """A mark that a full page load would wipe out."""
    page.evaluate("() => { window.loadedOnce = true; }")


def still_the_same_page(page: Page) -> bool:
    return page.evaluate("() => window.loadedOnce === true")


def test_visitor_searches_filters_and_sorts_on_a_phone(
    portal: Portal, map_offers: list[Offer], open_page: Callable[..., Page], screenshots: Path
) -> None:
    page = open_page("phone")
    page.goto(portal.url("offers:search"))
    mark_the_page(page)

    # Words: the results update in place, the address follows, the count is announced.
    page.get_by_label(t("What are you looking for?")).fill("Beratung")
    page.get_by_label(t("What are you looking for?")).press("Enter")
    page.wait_for_url(re.compile(r"\?q=Beratung$"))
    expect(page.locator(".offer-result").first).to_be_visible()
    expect(page.locator("#offer-status")).to_have_text(results_heading(page).inner_text())
    assert still_the_same_page(page)
    assert page.evaluate("() => document.activeElement.id") == "offer-q"
    found_by_words = int(re.search(r"\d+", results_heading(page).inner_text())[0])

    # A topic: its group opens on a tap; the focus stays on the filter, now chosen.
    filters = page.get_by_role("navigation", name=t("Filter"))
    filters.locator("summary", has_text=t("Topic")).click()
    filters.locator(f"#filter-topic-{TOPIC}").click()
    page.wait_for_url(re.compile(rf"\?q=Beratung&topic={TOPIC}$"))
    expect(filters.locator(f"#filter-topic-{TOPIC}")).to_have_attribute("aria-current", "true")
    assert still_the_same_page(page)
    assert page.evaluate("() => document.activeElement.id") == f"filter-topic-{TOPIC}"
    found = int(re.search(r"\d+", results_heading(page).inner_text())[0])
    assert len(OFFERS) <= found <= found_by_words
    expect(page.locator(".offer-result")).to_have_count(min(found, 20))
    for title, *_ in OFFERS:
        expect(page.get_by_role("link", name=title)).to_be_visible()

    # By distance: the order loads as soon as it is chosen, then the place.
    # (A person's choice focuses the select; Playwright's alone does not.)
    page.get_by_label(t("Sort by")).focus()
    page.get_by_label(t("Sort by")).select_option("distance")
    expect(page.get_by_text(t("To sort by distance, choose a place under “Distance from”."))).to_be_visible()
    assert page.evaluate("() => document.activeElement.id") == "offer-sort"
    page.get_by_label(t("Distance from")).focus()
    page.get_by_label(t("Distance from")).select_option("Testdorf Mitte")
    page.wait_for_url(re.compile(r"&sort=distance&near=Testdorf\+Mitte$"))
    assert still_the_same_page(page)
    assert page.evaluate("() => document.activeElement.id") == "offer-near"
    first = page.locator(".offer-result").first
    expect(first.get_by_role("link")).to_have_text("Testberatung Karte Mitte (erfunden)")
    expect(first.locator(".offer-organisation")).to_contain_text("0,0 km")
    expect(page.locator(".offer-result").nth(1).locator(".offer-organisation")).to_contain_text("km")

    # The map: a marker for each place on the page, the list before it in reading order.
    expect(markers(page)).to_have_count(len(OFFERS))
    expect(page.locator(".offer-map figcaption")).to_be_visible()
    page.screenshot(path=screenshots / "offers-search-phone-de.png", full_page=True)
    markers(page).first.click()
    expect(page.locator(".leaflet-popup-content a")).to_be_visible()

    # Back and forward: each search from its own address (loaded again: htmx keeps no copies).
    # (history.back(), not page.go_back(): the reload would abort the navigation Playwright awaits.)
    page.evaluate("() => history.back()")
    page.wait_for_url(re.compile(rf"\?q=Beratung&topic={TOPIC}&sort=distance$"))
    expect(page.get_by_label(t("Distance from"))).to_have_value("")
    expect(page.get_by_label(t("Sort by"))).to_have_value("distance")
    page.evaluate("() => history.forward()")
    page.wait_for_url(re.compile(r"&near=Testdorf\+Mitte$"))
    expect(page.get_by_label(t("Distance from"))).to_have_value("Testdorf Mitte")
    expect(markers(page)).to_have_count(len(OFFERS))

    # An offer, with its place on a map, and on to its organisation and its other offers.
    page.get_by_role("link", name="Testberatung Karte Mitte (erfunden)").click()
    page.wait_for_url(portal(map_offers[1].get_absolute_url()))
    expect(markers(page)).to_have_count(1)
    others = page.get_by_role("region", name=t("Other offers of this organisation"))
    expect(others.get_by_role("link")).to_have_count(len(OFFERS) - 1)
    page.get_by_role("main").get_by_role("link", name=ORGANISATION).first.click()
    page.wait_for_url(portal(map_offers[1].organisation.get_absolute_url()))
    for title, *_ in OFFERS:
        expect(page.get_by_role("main").get_by_role("link", name=title)).to_be_visible()


def test_the_same_search_without_javascript(
    portal: Portal, map_offers: list[Offer], browser: Browser
) -> None:
    context = browser.new_context(**SIZES["phone"], java_script_enabled=False, locale="de-DE")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(portal.url("offers:search"))
        page.get_by_label(t("What are you looking for?")).fill("Beratung")
        page.get_by_role("button", name=t("Search"), exact=True).click()
        page.wait_for_url(re.compile(r"\?q=Beratung$"))

        filters = page.get_by_role("navigation", name=t("Filter"))
        filters.locator("summary", has_text=t("Topic")).click()
        filters.locator(f"#filter-topic-{TOPIC}").click()
        page.wait_for_url(re.compile(rf"\?q=Beratung&topic={TOPIC}$"))

        page.get_by_label(t("Sort by")).select_option("distance")
        page.get_by_label(t("Distance from")).select_option("Testdorf Mitte")
        page.get_by_role("button", name=t("Sort"), exact=True).click()
        page.wait_for_url(re.compile(r"&sort=distance&near=Testdorf\+Mitte$"))
        first = page.locator(".offer-result").first
        expect(first.get_by_role("link")).to_have_text("Testberatung Karte Mitte (erfunden)")
        expect(first.locator(".offer-organisation")).to_contain_text("0,0 km")
        # The list is all there is: the map needs JavaScript.
        expect(page.locator(".offer-map")).to_be_hidden()
        assert page.locator(".leaflet-container").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_search_in_arabic_is_right_to_left_with_map_and_filters(
    portal: Portal,
    map_offers: list[Offer],
    open_page: Callable[..., Page],
    screenshots: Path,
    size: str,
) -> None:
    page = open_page(size)
    page.goto(
        portal.url("offers:search", language="ar", query="?q=Testberatung&sort=distance&near=Testdorf+Nord")
    )
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(markers(page)).to_have_count(len(OFFERS))
    # The map keeps its own direction (tiles left to right) inside the right-to-left page.
    assert page.locator(".offer-map-canvas").get_attribute("dir") == "ltr"
    box = page.locator(".offer-map-canvas").bounding_box()
    assert box and box["width"] > 200 and box["height"] > 150
    page.screenshot(path=screenshots / f"offers-search-{size}-ar.png", full_page=True)

    mark_the_page(page)
    filters = page.get_by_role("navigation", name=t("Filter", "ar"))
    filters.locator("summary", has_text=t("Topic", "ar")).click()
    filters.locator(f"#filter-topic-{TOPIC}").click()
    page.wait_for_url(re.compile(rf"&topic={TOPIC}&sort=distance&near=Testdorf\+Nord$"))
    assert still_the_same_page(page)
    expect(filters.locator(f"#filter-topic-{TOPIC}")).to_have_attribute("aria-current", "true")
    expect(markers(page)).to_have_count(len(OFFERS))
    first = page.locator(".offer-result").first
    expect(first.get_by_role("link")).to_have_text("Testberatung Karte Nord (erfunden)")


def test_search_on_a_desktop_in_german(
    portal: Portal, map_offers: list[Offer], open_page: Callable[..., Page], screenshots: Path
) -> None:
    page = open_page("desktop")
    page.goto(
        portal.url("offers:search", query=f"?q=Beratung&topic={TOPIC}&sort=distance&near=Testdorf+Mitte")
    )
    expect(markers(page)).to_have_count(len(OFFERS))
    page.screenshot(path=screenshots / "offers-search-desktop-de.png", full_page=True)
    page.get_by_role("link", name="Testberatung Karte Nord (erfunden)").click()
    expect(markers(page)).to_have_count(1)
    page.screenshot(path=screenshots / "offers-detail-desktop-de.png", full_page=True)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_search_page_with_the_map_passes_the_accessibility_checks(
    portal: Portal, map_offers: list[Offer], open_page: Callable[..., Page], axe_ready: None, language: str
) -> None:
    page = open_page("phone", bypass_csp=True)
    page.goto(portal.url("offers:search", language=language, query="?q=Testberatung"))
    expect(markers(page)).to_have_count(len(OFFERS))
    found = violations(page)
    assert not found, report(page.url, found)
    # The list is the way through the offers by keyboard: the markers are no tab stops; what
    # the map has that Tab reaches (zoom, the attribution's link) shows focus.
    assert page.locator(".leaflet-marker-icon[tabindex='0']").count() == 0
    assert page.locator(".offer-map .leaflet-container[tabindex='0']").count() == 0
    page.keyboard.press("Tab")  # from now on, focus is shown as for a keyboard user
    assert page.evaluate(FOCUS_PROBLEMS) == []

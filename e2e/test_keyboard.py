"""The portal with the keyboard alone: skip link, visible focus everywhere, navigation, language switch."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page

from .portal import Portal, audience_ids, audiences, directory_paths, t

_FOCUSED = (Path(__file__).parent / "js" / "focused.js").read_text()
_FOCUS_PROBLEMS = (Path(__file__).parent / "js" / "focus_problems.js").read_text()
MAX_TAB_STOPS = 400


def focused(page: Page) -> dict | None:
    return page.evaluate(_FOCUSED)


def tab_stops(page: Page) -> list[dict]:
    """Presses Tab from the top of the page until focus leaves it; what got focus, in order."""
    stops = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        stop = focused(page)
        if stop is None:
            return stops
        stops.append(stop)
    raise AssertionError(f"{page.url}: still inside the page after {MAX_TAB_STOPS} presses of Tab")


def test_skip_link_comes_first_and_moves_focus_to_main(portal: Portal, page: Page) -> None:
    page.goto(portal.url("network:home"))

    page.keyboard.press("Tab")
    stop = focused(page)
    assert stop and stop["isSkipLink"], f"the first tab stop is {stop}, not the skip link"
    assert stop["onScreen"], "the focused skip link is not visible"
    assert stop["visibleFocus"], "the focused skip link has no visible focus indicator"

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    in_main = page.evaluate("() => !!document.activeElement.closest('main')")
    assert in_main, "the Tab after the skip link leaves main"


@pytest.mark.parametrize(("language", "who"), audiences(), ids=audience_ids())
def test_every_focusable_element_shows_focus(
    portal: Portal, page: Page, pages_to_check: Callable[..., list], language: str, who: str
) -> None:
    problems = []
    for crawled in pages_to_check(language, who, page):
        page.goto(portal(crawled.path))
        page.keyboard.press("Tab")  # from now on, focus is shown as for a keyboard user
        problems += [f"{crawled.path}: {problem}" for problem in page.evaluate(_FOCUS_PROBLEMS)]

    assert not problems, "\n".join(problems)


def tab_to(page: Page, found: Callable[[dict], bool]) -> dict:
    """Presses Tab until the focused element is the one `found` says; fails if it never comes."""
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        stop = focused(page)
        assert stop is not None, f"{page.url}: Tab left the page before it reached what it looked for"
        if found(stop):
            return stop
    raise AssertionError(f"{page.url}: not reached in {MAX_TAB_STOPS} presses of Tab")


def is_language_menu(stop: dict) -> bool:
    return stop["name"].startswith("<summary>")


def test_main_navigation_and_language_switch_by_keyboard(portal: Portal, page: Page) -> None:
    page.goto(portal.url("network:home"))
    nav_links = page.locator(".main-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")

    stops = tab_stops(page)

    reached = [stop["href"] for stop in stops if stop["inMainNav"]]
    assert reached == nav_links, f"Tab reaches {reached} of the main navigation {nav_links}"
    # The language menu is closed: Tab reaches its button, not its seven links.
    menu = [stop for stop in stops if is_language_menu(stop)]
    assert len(menu) == 1 and not [stop for stop in stops if stop["hreflang"]], stops
    unseen = [
        stop["name"]
        for stop in stops
        if (stop["inMainNav"] or is_language_menu(stop)) and not stop["visibleFocus"]
    ]
    assert not unseen, f"no visible focus on {unseen}"

    # Enter opens it; then Tab goes through every language, each with visible focus.
    page.goto(portal.url("network:home"))
    tab_to(page, is_language_menu)
    page.keyboard.press("Enter")
    stops = tab_stops(page)
    switch = [stop for stop in stops if stop["hreflang"]]
    assert [stop["hreflang"] for stop in switch] == [code for code, _name in settings.LANGUAGES]
    assert all(stop["visibleFocus"] and stop["onScreen"] for stop in switch), switch


def test_language_switch_works_by_keyboard(portal: Portal, page: Page) -> None:
    page.goto(portal.url("members:list", language="de"))

    tab_to(page, is_language_menu)
    page.keyboard.press("Enter")
    tab_to(page, lambda stop: stop["hreflang"] == "en")
    page.keyboard.press("Enter")

    page.wait_for_url(portal.url("members:list", language="en"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == t("Members of the network", "en")


# Of the directory's further languages, Farsi (right to left): the directory and a page outside it.
@pytest.mark.parametrize("language", ["fa"])
def test_the_directory_in_a_further_language_shows_focus(portal: Portal, page: Page, language: str) -> None:
    problems = []
    for path in directory_paths(language):
        page.goto(portal(path))
        page.keyboard.press("Tab")
        problems += [f"{path}: {problem}" for problem in page.evaluate(_FOCUS_PROBLEMS)]

    assert not problems, "\n".join(problems)

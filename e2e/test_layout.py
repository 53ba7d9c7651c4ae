"""Every page type on a 360 px phone and with text at 200 %: nothing scrolls sideways, nothing is cut off.

Text zoom (WCAG 1.4.4) is the root font size at 200 % in a 640 px window, the
width of a 1280 px screen at 200 % browser zoom: the harder of the two.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .portal import Portal, audience_ids, audiences, directory_paths, path_of

_LAYOUT_PROBLEMS = (Path(__file__).parent / "js" / "layout_problems.js").read_text()

PHONE = {"width": 360, "height": 740}
# 1280 px at 200 % browser zoom.
ZOOMED = {"width": 640, "height": 800}


def layout_problems(page: Page, portal: Portal, path: str, open_menu: bool = False) -> list[str]:
    """Opens the path on a phone, then at 200 % text; optionally with the language menu open."""
    where = f"{path} (languages open)" if open_menu else path
    page.set_viewport_size(PHONE)
    page.goto(portal(path))
    if open_menu:
        page.locator(".languages summary").click()
    found = page.evaluate(_LAYOUT_PROBLEMS, PHONE["width"])
    problems = [f"{where} at 360 px: {problem}" for problem in found]
    page.set_viewport_size(ZOOMED)
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    found = page.evaluate(_LAYOUT_PROBLEMS, ZOOMED["width"])
    problems += [f"{where} at 640 px, text 200 %: {problem}" for problem in found]
    return problems


@pytest.mark.parametrize(("language", "who"), audiences(), ids=audience_ids())
def test_no_sideways_scrolling_or_clipped_text(
    portal: Portal,
    open_page: Callable[..., Page],
    pages_to_check: Callable[..., list],
    language: str,
    who: str,
) -> None:
    page = open_page("phone")
    problems = []
    for crawled in pages_to_check(language, who, page):
        problems += layout_problems(page, portal, crawled.path)

    assert not problems, "\n".join(problems)


# Of the directory's further languages, Farsi: right to left, with the longest words in the frame.
@pytest.mark.parametrize("language", ["fa"])
def test_the_directory_in_a_further_language_fits(
    portal: Portal, open_page: Callable[..., Page], language: str
) -> None:
    page = open_page("phone")
    problems = []
    for path in directory_paths(language):
        problems += layout_problems(page, portal, path)

    assert not problems, "\n".join(problems)


def test_the_open_language_menu_fits_left_to_right_and_right_to_left(
    portal: Portal, open_page: Callable[..., Page]
) -> None:
    page = open_page("phone")
    problems = []
    for language in ("de", "fa"):
        path = path_of("offers:search", language=language)
        problems += layout_problems(page, portal, path, open_menu=True)
        # Every language is on screen, and can be reached without scrolling sideways.
        for link in page.locator(".languages li a").all():
            box = link.bounding_box()
            if not box or box["x"] < 0 or box["x"] + box["width"] > ZOOMED["width"]:
                problems.append(f"{path}: {link.inner_text()} is not inside the window ({box})")

    assert not problems, "\n".join(problems)

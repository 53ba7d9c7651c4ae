"""Every page type on a 360 px phone and with text at 200 %: nothing scrolls sideways, nothing is cut off.

Text zoom (WCAG 1.4.4) is the root font size at 200 % in a 640 px window, the
width of a 1280 px screen at 200 % browser zoom: the harder of the two.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .portal import Portal, audience_ids, audiences

_LAYOUT_PROBLEMS = (Path(__file__).parent / "js" / "layout_problems.js").read_text()

PHONE = {"width": 360, "height": 740}
# 1280 px at 200 % browser zoom.
ZOOMED = {"width": 640, "height": 800}


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
        page.set_viewport_size(PHONE)
        page.goto(portal(crawled.path))
        found = page.evaluate(_LAYOUT_PROBLEMS, PHONE["width"])
        problems += [f"{crawled.path} at 360 px: {problem}" for problem in found]
        page.set_viewport_size(ZOOMED)
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        found = page.evaluate(_LAYOUT_PROBLEMS, ZOOMED["width"])
        problems += [f"{crawled.path} at 640 px, text 200 %: {problem}" for problem in found]

    assert not problems, "\n".join(problems)

"""Screenshots of every page type, for people to look at: `screenshots/` at the top of the project.

Every language on a desktop, the default language on a 360 px phone. The
files are overwritten on each run and never committed.
"""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page

from .crawl import crawl
from .portal import Portal, languages

SHOTS = [(language, "desktop") for language in languages()] + [(settings.LANGUAGE_CODE, "phone")]


@pytest.mark.parametrize(("language", "size"), SHOTS)
def test_screenshots(
    portal: Portal,
    client: Client,
    open_page: Callable[..., Page],
    screenshots: Path,
    language: str,
    size: str,
) -> None:
    page = open_page(size)
    written = []
    for crawled in crawl(client, language).pages:
        page.goto(portal(crawled.path))
        path = screenshots / f"{language}-{size}-{crawled.slug}.png"
        page.screenshot(path=path, full_page=True)
        written.append(path)

    assert all(path.stat().st_size > 0 for path in written)

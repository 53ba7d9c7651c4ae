"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

A new test asks for `portal` (the live server with the demo data) and `page`
(a desktop browser tab), or for `open_page("phone")` when it needs another
size or a second visitor. Pages are found by `crawl.crawl`, never listed by
hand, so a new page type is checked by every test here as soon as it is linked.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Response, sync_playwright

from demo.loader import LoadResult
from members.models import User

from . import crawl
from .axe import AXE_JS
from .portal import Portal

CHROMIUM = Path("/usr/bin/chromium")
# Nothing of Google's: no updates, no sync, no phoning home; no sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
}
TIMEOUT_MS = 10_000
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def _require(path: Path, what: str) -> None:
    """Skips the test when a tool is missing on a laptop; in CI (CI=true) a missing tool fails."""
    if path.exists():
        return
    message = f"{what} is missing: {path} not found"
    if os.environ.get("CI", "").strip().lower() in ("1", "true", "yes"):
        pytest.fail(f"{message}. CI must install it (see .ci/run).", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    _require(CHROMIUM, "Debian's Chromium (apt-get install chromium)")
    # Playwright's sync API keeps an event loop in this thread; Django would then refuse
    # the tests' own database queries as if they came from async code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Opens a tab in a fresh browser (no cookies): `open_page("phone")`.

    `bypass_csp=True` lets a test inject scripts (axe); such a tab no longer
    notices CSP violations, so only accessibility checks use it. Every other
    tab fails the test when the page logs an error (a CSP violation, a missing
    file, a script error).
    """
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def open_(size: str = "desktop", *, bypass_csp: bool = False) -> Page:
        context = browser.new_context(**SIZES[size], bypass_csp=bypass_csp, locale="de-DE")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()

        def on_console(message: ConsoleMessage) -> None:
            # Failed loads are judged by on_response, which knows what failed.
            if message.type == "error" and not message.text.startswith("Failed to load resource"):
                errors.append(f"{page.url}: {message.text}")

        def on_response(response: Response) -> None:
            # A page that answers 404 may be the point of a test; a missing stylesheet,
            # script or image is not. The browser asks for /favicon.ico by itself.
            request = response.request
            if response.status >= 400 and request.resource_type != "document":
                if urlsplit(request.url).path != "/favicon.ico":
                    errors.append(f"{page.url}: {request.url} answered {response.status}")

        page.on("console", on_console)
        page.on("response", on_response)
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        return page

    yield open_
    for context in contexts:
        context.close()
    if errors:
        pytest.fail("The browser logged errors:\n" + "\n".join(errors), pytrace=False)


@pytest.fixture
def page(open_page: Callable[..., Page]) -> Page:
    """A desktop tab (1280 × 800)."""
    return open_page("desktop")


@pytest.fixture
def portal(live_server, demo: LoadResult) -> Portal:
    """The portal running on a local port, with the Göttingen demo data."""
    return Portal(live_server.url)


@pytest.fixture
def coordinator(db) -> User:
    """A coordinator who logs in to /admin/ with `coordinator.e2e_password`."""
    user = User.objects.create_superuser(
        email="koordination@example.org", password="e2e-Passwort-7319", name="Koordination"
    )
    user.e2e_password = "e2e-Passwort-7319"  # type: ignore[attr-defined]
    return user


@pytest.fixture
def axe_ready() -> None:
    _require(AXE_JS, "axe-core (npm ci)")


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def pages_to_check(portal: Portal, client: Client, coordinator: User) -> Callable[..., list[crawl.Page]]:
    """The page types to check for (language, who), found by crawling; see `portal.audiences`.

    For "coordinator", the tab is logged in too (by its session cookie: the
    login form has tests of its own), and only the page types that a visitor
    cannot reach are returned.
    """

    def pages(language: str, who: str, tab: Page) -> list[crawl.Page]:
        public = crawl.crawl(Client(), language).pages
        if who == "visitor":
            return public
        client.force_login(coordinator)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        tab.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": portal.base_url}]
        )
        seen = {page.page_type for page in public}
        return [page for page in crawl.crawl(client, language).pages if page.page_type not in seen]

    return pages

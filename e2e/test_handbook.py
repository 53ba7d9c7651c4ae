"""The handbook in a real browser: a coordinator starts a new edition, the task worker
prints it, and a visitor downloads the PDF from the page about the network."""

import io
from collections.abc import Callable
from pathlib import Path

from django.core.management import call_command
from playwright.sync_api import Page
from pypdf import PdfReader

from handbook.models import Edition
from members.models import User

from .portal import Portal, log_in, path_of, t


def test_coordinator_prints_an_edition_that_visitors_download(
    portal: Portal,
    open_page: Callable[..., Page],
    coordinator: User,
    screenshots: Path,
    settings,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    page = open_page("desktop")
    editions = path_of("handbook:manage-editions")
    log_in(page, portal, coordinator.email, coordinator.e2e_password, then=editions)

    # The demo has the 2nd edition of 2006 (printed only); the next is the 3rd.
    page.get_by_label(t("English")).check()
    page.get_by_label("A5").check()
    page.get_by_role("button", name=t("Start edition %(number)s") % {"number": 3}).click()
    page.wait_for_url(portal.url("handbook:manage-editions"))
    assert t("Edition %(number)s is being printed. This page shows when its PDFs are ready.") % {
        "number": 3
    } in page.inner_text("body")

    # The task worker prints both PDFs (German and English, A5).
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)
    page.reload()
    edition = Edition.objects.get(number=3)
    assert sorted(build.status for build in edition.builds.all()) == ["done", "done"]
    page.screenshot(path=screenshots / "handbook-editions.png", full_page=True)

    visitor = open_page("phone")
    visitor.goto(portal.url("network:about"))
    link = visitor.get_by_role("link", name="PDF, Deutsch, A5")
    with visitor.expect_download() as download:
        # A PDF link downloads: the browser does not open it in the tab.
        link.click(modifiers=["Alt"])
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    first_page = pdf.pages[0].extract_text()
    assert "Netzwerk Migration Region Göttingen" in first_page and "3. Auflage" in first_page
    assert round(float(pdf.pages[0].mediabox.width)) == 420  # A5

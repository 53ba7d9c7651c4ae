"""axe-core on every page type in every language, in the members' area, and on the admin.

No violation of impact "serious" or "critical" under the WCAG 2.1 A and AA rules.
"""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from members.models import User

from . import axe
from .portal import Portal, audience_ids, audiences, directory_paths, log_in, path_of

# Only for /admin/, which is Django's own admin: each rule below fails on markup that
# Django renders, not on our templates. Our own pages are checked with every rule.
ADMIN_RULES_OFF = [
    # The date and time inputs of a date-time field share one label (SplitDateTimeWidget).
    "label",
    # The search box of an autocomplete field (select2, `autocomplete_fields`) has no name.
    "aria-input-field-name",
    # The breadcrumbs' links are told from their text by colour alone (admin's base.css).
    "link-in-text-block",
]


@pytest.fixture
def axe_page(open_page: Callable[..., Page], axe_ready: None) -> Page:
    # The CSP (no inline scripts) would refuse the injected axe script.
    return open_page("desktop", bypass_csp=True)


def check(page: Page, portal: Portal, paths: list[str], disabled_rules: list[str] | None = None) -> list[str]:
    """Opens each path and runs axe; a readable report per page with violations."""
    reports = []
    for path in paths:
        page.goto(portal(path))
        if found := axe.violations(page, disabled_rules or []):
            reports.append(axe.report(path, found))
    return reports


@pytest.mark.parametrize(("language", "who"), audiences(), ids=audience_ids())
def test_every_page_type_passes_axe(
    portal: Portal, axe_page: Page, pages_to_check: Callable[..., list], language: str, who: str
) -> None:
    paths = [page.path for page in pages_to_check(language, who, axe_page)]
    if who == "visitor":
        # The error page has no link to it, but visitors see it.
        paths.append(path_of("network:home", language=language) + "no-such-page/")

    reports = check(axe_page, portal, paths)

    assert not reports, "\n\n".join(reports)


# The whole site is checked in the portal's languages (audiences); of the directory's further
# languages, Farsi: right to left, and the note of a page outside the directory.
@pytest.mark.parametrize("language", ["fa"])
def test_the_directory_in_a_further_language_passes_axe(
    portal: Portal, axe_page: Page, language: str
) -> None:
    reports = check(axe_page, portal, directory_paths(language))

    assert not reports, "\n\n".join(reports)


def test_admin_passes_axe(portal: Portal, coordinator: User, axe_page: Page) -> None:
    # Where /admin/ sends a visitor to log in, with every rule: it passes them all.
    reports = check(axe_page, portal, ["/admin/"])

    log_in(axe_page, portal, coordinator.email, coordinator.e2e_password)
    # The index, and the form coordinators use most.
    reports += check(axe_page, portal, ["/admin/", "/admin/meetings/meeting/add/"], ADMIN_RULES_OFF)

    assert not reports, "\n\n".join(reports)

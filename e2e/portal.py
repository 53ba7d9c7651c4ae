"""The portal as the browser tests see it: its address, its languages, its words."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page


def languages() -> list[str]:
    """The languages every page is written in (PORTAL_LANGUAGES): the whole site is checked in
    each. A language added to settings is tested by itself."""
    return list(settings.PORTAL_LANGUAGES)


def directory_languages() -> list[str]:
    """The further languages of the offers directory (settings.LANGUAGES beyond PORTAL_LANGUAGES):
    there, the directory's pages and a page outside it (with its note) are checked."""
    return [code for code, _name in settings.LANGUAGES if code not in settings.PORTAL_LANGUAGES]


def directory_paths(language: str) -> list[str]:
    """The pages to check in a further language: the search page, a search with filters, an
    offer's page (of the demo data), and a page outside the directory, which says it is English."""
    from offers.models import Offer

    offer = Offer.objects.public().order_by("pk").first()
    assert offer is not None, "the demo data has no public offer"
    return [
        path_of("offers:search", language=language),
        path_of("offers:search", language=language, query="?category=beratung&sort=name"),
        path_of("offers:detail", offer.pk, language=language),
        path_of("network:home", language=language),
    ]


def audiences() -> list[tuple[str, str]]:
    """(language, who) to check pages for: a visitor in every language, a coordinator in the first.

    A coordinator's check covers the pages that only logged-in people reach
    (the members' area); the public pages are the visitors' checks.
    """
    return [(language, "visitor") for language in languages()] + [(settings.LANGUAGE_CODE, "coordinator")]


def audience_ids() -> list[str]:
    return [f"{language}-{who}" for language, who in audiences()]


def t(text: str, language: str = "de") -> str:
    """The interface text as the page shows it in `language`, so tests don't hard-code translations."""
    with translation.override(language):
        return translation.gettext(text)


def path_of(name: str, *args: object, language: str = "de", query: str = "") -> str:
    with translation.override(language):
        return reverse(name, args=args) + query


@dataclass(frozen=True)
class Portal:
    """The running portal (pytest-django's live server), with the demo data loaded."""

    base_url: str

    def __call__(self, path: str) -> str:
        """The full address of a path such as `/de/members/`."""
        return self.base_url + path

    def url(self, name: str, *args: object, language: str = "de", query: str = "") -> str:
        return self(path_of(name, *args, language=language, query=query))


def log_in(page: Page, portal: Portal, email: str, password: str, then: str = "/admin/") -> None:
    """Opens `then` and logs in through the login form it sends a visitor to, as a person does."""
    page.goto(portal(then))
    form = page.locator("form").filter(has=page.locator("input[type=password]"))
    form.locator("input[type=email], input[name=username]").first.fill(email)
    form.locator("input[type=password]").fill(password)
    form.locator("[type=submit]").click()
    page.wait_for_url(portal(then))

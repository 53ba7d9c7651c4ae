"""Every page the portal links to answers 200, in every language, to visitors and coordinators.

Needs no browser: the crawl runs with Django's test client. It is also the
list of pages that the browser tests check (accessibility, layout, screenshots).
"""

import pytest
from django.test import Client
from django.utils.translation import get_language_from_path

from members.models import User

from .crawl import crawl
from .portal import directory_languages, directory_paths, languages

# A floor, not the list: the crawl must at least find these, or it has stopped following links.
EXPECTED_TYPES = {
    "network:home",
    "network:about",
    "network:page",
    "members:list",
    "members:list?",
    "members:organisation",
    "meetings:list",
    "meetings:detail",
    "meetings:minutes",
    "meetings:minutes-year",
}


@pytest.mark.parametrize("who", ["visitor", "coordinator"])
@pytest.mark.parametrize("language", languages())
def test_every_linked_page_answers(client: Client, demo, coordinator: User, language: str, who: str) -> None:
    if who == "coordinator":
        client.force_login(coordinator)

    result = crawl(client, language)

    assert not result.problems, "\n".join(result.problems)
    found = {page.page_type for page in result.pages}
    assert EXPECTED_TYPES <= found, f"the crawl missed {sorted(EXPECTED_TYPES - found)}"
    elsewhere = [
        page.path for page in result.pages if get_language_from_path(page.path) not in (language, None)
    ]
    assert not elsewhere, f"the {language} crawl strayed into other languages: {elsewhere}"


@pytest.mark.parametrize("language", directory_languages())
def test_every_linked_page_answers_in_the_directorys_further_languages(
    client: Client, demo, language: str
) -> None:
    """Farsi, Turkish, ...: the directory's pages, and every page they lead to, answer 200 to a
    visitor (a page outside the directory with its note), and every link stays in the language."""
    result = crawl(client, language, start=directory_paths(language))

    assert not result.problems, "\n".join(result.problems)
    found = {page.page_type for page in result.pages}
    assert {"offers:search", "offers:search?", "offers:detail"} | EXPECTED_TYPES <= found, (
        f"the crawl missed {sorted({'offers:search', 'offers:detail'} | EXPECTED_TYPES - found)}"
    )
    elsewhere = [
        page.path for page in result.pages if get_language_from_path(page.path) not in (language, None)
    ]
    assert not elsewhere, f"the {language} crawl strayed into other languages: {elsewhere}"

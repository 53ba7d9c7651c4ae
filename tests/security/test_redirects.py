"""No page can be made to redirect to another site, or to fail, by a made-up `next` address.

Every URL pattern (tests/urls_helper.py) outside the admin is opened by a visitor and by a
coordinator with `?next=` set to addresses of another site and to
text that Django's redirect() would take for the name of a view.
"""

from urllib.parse import urlsplit

from django.test import Client

from members.models import User
from tests.urls_helper import iter_url_patterns

NEXT_VALUES = ["https://evil.example/login/", "//evil.example/", "dashboard"]


def problems_with_next(client: Client, user: User | None) -> list[str]:
    problems = []
    for page in iter_url_patterns():
        if page.is_admin and page.name != "admin:login":
            continue  # Django's own views, tested by Django; the portal replaces only the login
        for value in NEXT_VALUES:
            if user:
                client.force_login(user)
            try:
                response = client.get(page.url, {"next": value})
            except Exception as error:  # the test client raises what the view raised
                problems.append(f"{page} with next={value!r}: {type(error).__name__}: {error}")
                continue
            location = urlsplit(response.get("Location", ""))
            if location.netloc not in ("", "testserver") or location.scheme not in ("", "http", "https"):
                problems.append(f"{page} with next={value!r} redirects to {response['Location']}")
    return problems


def test_next_addresses_for_visitors(site, client):
    problems = problems_with_next(client, None)

    assert not problems, "\n".join(problems)


def test_next_addresses_for_coordinators(site, client):
    problems = problems_with_next(client, site)

    assert not problems, "\n".join(problems)

"""The security headers, on every URL pattern of the portal, for visitors and coordinators.

The URL patterns come from the URL resolver (tests/urls_helper.py), so a new
page is checked without being listed here. The requests come in over HTTPS
through the reverse proxy, with the security settings of the documented
production environment (docs/deploy.md).
"""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client

from members.models import User
from tests.urls_helper import iter_url_patterns

from .conftest import HTTPS

# Referrer policies that never send a page's full address to other sites.
STRICT_REFERRER_POLICIES = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
ONE_YEAR = 365 * 24 * 60 * 60


def content_security_policy(response: HttpResponse) -> dict[str, list[str]]:
    policy = {}
    for directive in response.headers.get("Content-Security-Policy", "").split(";"):
        name, *sources = directive.split()
        policy[name.lower()] = sources
    return policy


class InlineScripts(HTMLParser):
    """Scripts in a page that the CSP blocks: inline <script>, on… attributes, javascript: links."""

    # Data blocks (JSON, JSON-LD) are not run, so the CSP lets them be.
    DATA_TYPES = {"application/json", "application/ld+json"}

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src") and attributes.get("type") not in self.DATA_TYPES:
            self.found.append("<script> without src")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:…>")


def header_problems(response: HttpResponse) -> list[str]:
    """What is wrong with the security headers of a response that came over HTTPS."""
    problems = []
    csp = content_security_policy(response)
    script_src = csp.get("script-src")
    if script_src is None:
        problems.append("the CSP has no script-src")
    elif "'self'" not in script_src or {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} & set(script_src):
        problems.append(f"the CSP's script-src is {' '.join(script_src)!r}; it must be 'self' without inline")
    if csp.get("frame-ancestors") != ["'none'"]:
        problems.append(f"the CSP's frame-ancestors is {csp.get('frame-ancestors')}, not 'none'")
    if csp.get("object-src") != ["'none'"]:
        problems.append(f"the CSP's object-src is {csp.get('object-src')}, not 'none'")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("X-Content-Type-Options is not nosniff")
    if response.headers.get("X-Frame-Options") != "DENY":
        problems.append(f"X-Frame-Options is {response.headers.get('X-Frame-Options')!r}, not DENY")
    if response.headers.get("Referrer-Policy") not in STRICT_REFERRER_POLICIES:
        problems.append(f"Referrer-Policy is {response.headers.get('Referrer-Policy')!r}")
    hsts = [part.strip() for part in response.headers.get("Strict-Transport-Security", "").split(";")]
    max_age = next((int(part[8:]) for part in hsts if part.startswith("max-age=")), 0)
    if max_age < ONE_YEAR or "includeSubDomains" not in hsts or "preload" not in hsts:
        problems.append(
            f"Strict-Transport-Security is {'; '.join(hsts)!r}, not a year with subdomains and preload"
        )
    for cookie in response.cookies.values():
        if not cookie.value and cookie["max-age"] == 0:
            continue  # a cookie being deleted carries nothing
        if not cookie["secure"]:
            problems.append(f"the cookie {cookie.key} is not Secure")
        if cookie["samesite"] not in ("Lax", "Strict"):
            problems.append(f"the cookie {cookie.key} has SameSite={cookie['samesite']!r}, not Lax or Strict")
        if cookie.key == settings.SESSION_COOKIE_NAME and not cookie["httponly"]:
            problems.append("the session cookie is not HttpOnly")
    if response.get("Content-Type", "").startswith("text/html"):
        parser = InlineScripts()
        parser.feed(response.content.decode(response.charset or "utf-8", errors="replace"))
        problems += [f"{found} in the page, which the CSP blocks" for found in sorted(set(parser.found))]
    return problems


def check_every_url_pattern(client: Client, user: User | None) -> tuple[list[str], set[str]]:
    """The problems found on every URL pattern, and the names of the cookies the responses set."""
    failures = []
    cookies = set()
    for example in iter_url_patterns():
        if user:
            client.force_login(user)  # again: a logout page may have ended the session
        response = client.get(example.url, **HTTPS)
        failures += [
            f"{example} → {response.status_code}: {problem}" for problem in header_problems(response)
        ]
        cookies |= set(response.cookies)
    return failures, cookies


@pytest.mark.usefixtures("production")
def test_every_url_pattern_sends_the_security_headers_to_visitors(site, client):
    failures, cookies = check_every_url_pattern(client, None)

    assert not failures, "\n".join(failures)
    assert settings.CSRF_COOKIE_NAME in cookies, "no page with a form was seen: the cookie checks saw nothing"


@pytest.mark.usefixtures("production")
def test_every_url_pattern_sends_the_security_headers_to_coordinators(site, client):
    failures, cookies = check_every_url_pattern(client, site)

    assert not failures, "\n".join(failures)
    assert {settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME} <= cookies, (
        "no page set the session cookie: the cookie checks saw nothing"
    )


@pytest.mark.usefixtures("production")
def test_an_unknown_address_sends_the_security_headers(db, client):
    response = client.get("/de/no-such-page/", **HTTPS)

    assert response.status_code == 404
    assert header_problems(response) == []


@pytest.mark.usefixtures("production")
def test_plain_http_is_redirected_to_https_except_the_health_check(db, client):
    response = client.get("/de/", headers={"X-Forwarded-Proto": "http"})
    assert response.status_code == 301
    assert response["Location"].startswith("https://")

    response = client.get("/health/", headers={"X-Forwarded-Proto": "http"})
    assert response.status_code == 200

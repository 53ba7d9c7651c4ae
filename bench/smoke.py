"""Checks a running portal from outside, as a visitor and a coordinator would see it.

    SMOKE_EMAIL=... SMOKE_PASSWORD=... python bench/smoke.py http://127.0.0.1:8000

Run by bench/smoke.sh against gunicorn with production settings and the demo
data; expects the demo's texts. Prints one line per check and exits 1 if any fails.
Only the standard library: cookies are kept by hand because the session cookie
is `Secure` and the test talks plain HTTP to the server, with the
`X-Forwarded-Proto: https` header that the reverse proxy would send.
"""

import html
import http.client
import json
import os
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from demo import goettingen as demo

ONE_YEAR = 365 * 24 * 3600


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    url: str
    chain: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return html.unescape(self.body.decode("utf-8", "replace"))

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


@dataclass
class Client:
    base: str
    https: bool = False
    cookies: dict[str, str] = field(default_factory=dict)
    set_cookies: list[str] = field(default_factory=list)

    def request(
        self, method: str, path: str, data: dict | None = None, headers: dict | None = None
    ) -> Response:
        parts = urlsplit(self.base)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        headers = dict(headers or {})
        if self.https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        response = Response(raw.status, raw.headers, raw.read(), path)
        connection.close()
        for cookie in raw.headers.get_all("Set-Cookie") or []:
            self.set_cookies.append(cookie)
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def follow(self, response: Response, limit: int = 6) -> Response:
        """Follows redirects within the site (GET) as a browser would; `.chain` says where it went."""
        chain = [response.url]
        while response.status in (301, 302, 303, 307, 308) and len(chain) <= limit:
            location = urljoin(self.origin + response.url, response.header("Location"))
            target = urlsplit(location)
            response = self.get(target.path + (f"?{target.query}" if target.query else ""))
            chain.append(response.url)
        response.chain = chain
        return response

    @property
    def origin(self) -> str:
        parts = urlsplit(self.base)
        return f"{'https' if self.https else 'http'}://{parts.netloc}"


class Forms(HTMLParser):
    """The forms of a page: action, method and input fields (name, type, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attributes.get("action") or "",
                    "method": attributes.get("method", "get"),
                    "inputs": [],
                }
            )
        elif tag == "input" and self.forms and attributes.get("name"):
            self.forms[-1]["inputs"].append(attributes)


class Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.passed = 0

    def check(self, description: str, condition: bool, detail: str = "") -> bool:
        if condition:
            self.passed += 1
            print(f"  ok    {description}")
        else:
            self.failures.append(description)
            print(f"  FAIL  {description}" + (f": {detail}" if detail else ""))
        return condition

    def page(self, response: Response, description: str, *texts: str, status: int = 200) -> bool:
        if response.status != status:
            return self.check(description, False, f"{response.url} answered {response.status}, not {status}")
        missing = [text for text in texts if text not in response.text]
        return self.check(description, not missing, f"{response.url} lacks {missing}")


def links(response: Response, pattern: str) -> list[tuple[str, str]]:
    """(href, link text) of the links whose href matches the regular expression."""
    found = re.findall(r'<a\b[^>]*href="([^"]+)"[^>]*>(.*?)</a>', response.body.decode(), re.S)
    return [
        (href, html.unescape(re.sub(r"<[^>]+>|\s+", " ", text)).strip())
        for href, text in found
        if re.fullmatch(pattern, href)
    ]


def check_pages(client: Client, checks: Checks) -> Response:
    home = client.get("/de/")
    checks.page(home, "/de/ the home page in German", demo.NETWORK["name"], 'lang="de"', "Mitglieder")
    checks.page(
        client.get("/en/"), "/en/ the home page in English", demo.NETWORK["name"], 'lang="en"', "Members"
    )

    members = client.get("/de/members/")
    member_names = [name for name, _kind, _parent in demo.MEMBERS]
    checks.page(members, "/de/members/ lists the members", *member_names[:3], member_names[-1])
    organisations = links(members, r"/de/members/[\w-]+/")
    if checks.check("/de/members/ links to organisation pages", bool(organisations)):
        href, name = organisations[0]
        checks.page(client.get(href), f"{href} an organisation's page", name)

    meetings = client.get("/de/meetings/")
    topic = demo.PLENARY_MEETINGS[0]["topic"]["de"]
    checks.page(meetings, "/de/meetings/ lists the meetings", topic)
    meeting_links = links(meetings, r"/de/meetings/\d+/")
    if checks.check("/de/meetings/ links to meeting pages", bool(meeting_links)):
        href = meeting_links[0][0]
        checks.page(client.get(href), f"{href} a meeting's page", demo.PLACE["name"])
        ics = client.get(f"{href}calendar.ics")
        checks.check(
            f"{href}calendar.ics is an iCalendar file",
            ics.status == 200
            and ics.header("Content-Type").startswith("text/calendar")
            and ics.text.startswith("BEGIN:VCALENDAR")
            and "BEGIN:VEVENT" in ics.text,
            f"{ics.status} {ics.header('Content-Type')} {ics.text[:40]!r}",
        )

    year, title, _date = demo.MINUTES[0]
    checks.page(client.get("/de/minutes/"), "/de/minutes/ the minutes archive", str(year))
    checks.page(client.get(f"/de/minutes/{year}/"), f"/de/minutes/{year}/ the minutes of a year", title)
    checks.page(client.get("/de/pages/impressum/"), "/de/pages/impressum/ the Impressum", "Impressum")
    return home


def check_static(client: Client, home: Response, checks: Checks) -> None:
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', home.body.decode())
    hashed = [href for href in stylesheets if re.fullmatch(r"/static/.+\.[0-9a-f]{12}\.css", href)]
    if not checks.check(
        "the home page refers to a stylesheet by its hashed name", bool(hashed), str(stylesheets)
    ):
        return
    href = hashed[0]
    manifest_file = Path(os.environ.get("STATIC_ROOT", "static-collected")) / "staticfiles.json"
    if manifest_file.exists():
        names = json.loads(manifest_file.read_text())["paths"].values()
        checks.check(f"{href} is in collectstatic's manifest", href.removeprefix("/static/") in names)
    css = client.get(href, headers={"Accept-Encoding": "gzip"})
    max_age = re.search(r"max-age=(\d+)", css.header("Cache-Control"))
    checks.check(
        f"{href} is served as CSS, compressed, cached for a year or more",
        css.status == 200
        and css.header("Content-Type").startswith("text/css")
        and css.header("Content-Encoding") == "gzip"
        and max_age is not None
        and int(max_age.group(1)) >= ONE_YEAR,
        f"{css.status} {css.header('Content-Type')} {css.header('Content-Encoding')!r} "
        f"Cache-Control: {css.header('Cache-Control')!r}",
    )


def log_in(client: Client, email: str, password: str) -> Response:
    """Opens /admin/ as a coordinator does (the footer links there): the login form it sends
    us to, then the admin."""
    form_page = client.follow(client.get("/admin/"))
    parser = Forms()
    parser.feed(form_page.body.decode())
    form = next((f for f in parser.forms if any(i.get("type") == "password" for i in f["inputs"])), None)
    if form_page.status != 200 or form is None:
        return form_page
    data = {}
    for field_ in form["inputs"]:
        kind = field_.get("type", "text")
        if kind == "password":
            data[field_["name"]] = password
        elif kind in ("text", "email"):
            data[field_["name"]] = email
        elif kind == "hidden":
            data[field_["name"]] = field_.get("value", "")
    action = urlsplit(urljoin(form_page.url, html.unescape(form["action"]) or form_page.url))
    path = action.path + (f"?{action.query}" if action.query else "")
    referer = client.origin + form_page.url
    response = client.request("POST", path, data=data, headers={"Referer": referer})
    return client.follow(response)


def check_admin(base: str, email: str, password: str, checks: Checks) -> None:
    anonymous = Client(base, https=True)
    login_page = anonymous.follow(anonymous.get("/admin/login/"))
    checks.page(login_page, "/admin/login/ leads to a login form", "csrfmiddlewaretoken", 'type="password"')

    wrong = Client(base, https=True)
    refused = log_in(wrong, email, password + "-wrong")
    checks.check(
        "a wrong password does not log in",
        "sessionid" not in wrong.cookies and refused.status == 200,
        f"{refused.status}, cookies {sorted(wrong.cookies)}",
    )

    coordinator = Client(base, https=True)
    admin = log_in(coordinator, email, password)
    checks.check(
        "the coordinator logs in and sees the admin",
        admin.status == 200 and admin.url.startswith("/admin/") and "/admin/logout/" in admin.text,
        f"ended with {admin.status} after {' -> '.join(admin.chain or [admin.url])}",
    )
    session = [c for c in coordinator.set_cookies if c.startswith("sessionid=")]
    checks.check(
        "the session cookie is Secure and HttpOnly",
        bool(session) and "Secure" in session[-1] and "HttpOnly" in session[-1],
        str(session),
    )
    checks.check(
        "HSTS is sent over HTTPS",
        "max-age=" in admin.header("Strict-Transport-Security"),
        admin.header("Strict-Transport-Security"),
    )


def main() -> int:
    base = sys.argv[1].rstrip("/")
    checks = Checks()
    client = Client(base)
    print(f"Smoke test of {base}")

    home = check_pages(client, checks)
    check_static(client, home, checks)
    check_admin(base, os.environ["SMOKE_EMAIL"], os.environ["SMOKE_PASSWORD"], checks)

    health = client.get("/health/")
    checks.check("/health/ says ok", health.status == 200 and health.text.strip() == "ok", f"{health.status}")
    missing = client.get("/de/no-such-page-here/")
    checks.page(
        missing,
        "a missing page gets the portal's own 404 page",
        "Seite nicht gefunden",
        demo.NETWORK["name"],
        status=404,
    )

    print(f"{checks.passed} checks passed, {len(checks.failures)} failed")
    return 1 if checks.failures else 0


if __name__ == "__main__":
    sys.exit(main())

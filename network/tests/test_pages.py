"""Every public page, in every language of the portal, with the Göttingen demo data.

The portal's languages are settings.PORTAL_LANGUAGES: every page is written in them. The
directory's further languages (Farsi, Turkish, ...) are checked in test_languages.py.
"""

import ast
import datetime
import gettext
import itertools
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from meetings.models import Meeting, Minutes, Place
from members.models import Organisation, OrganisationKind, Person
from network.models import Goal, LeadershipTerm, Principle

LANGUAGES = list(settings.PORTAL_LANGUAGES)
OTHERS = {lang: [other for other in LANGUAGES if other != lang] for lang in LANGUAGES}
# The language switch offers every language of the site, on every page.
SWITCH = {lang: [other for other, _name in settings.LANGUAGES if other != lang] for lang in LANGUAGES}
PAGE_WEIGHT_LIMIT = 100 * 1000  # bytes: HTML, CSS and scripts of a page together
# Data in a <script> element, never run, so the CSP's script-src does not concern it.
DATA_SCRIPT_TYPES = ("application/ld+json", "application/json")
# A link of the main navigation, as each language words it.
UI_TEXT = {"de": ">Über uns<", "en": ">About us<", "ar": ">من نحن<"}


def public_pages() -> list[tuple[str, list, str]]:
    """(URL name, arguments, query string) of every public page of the demo data."""
    pages = [
        ("network:home", [], ""),
        ("network:about", [], ""),
        ("network:principles", [], ""),
        ("network:goals", [], ""),
        ("network:leadership", [], ""),
        ("network:page", ["impressum"], ""),
        ("network:page", ["datenschutz"], ""),
        ("network:accessibility", [], ""),
        ("network:barrier-report", [], ""),
        ("network:barrier-report-thanks", [], ""),
        ("network:easy-read", [], ""),
        ("members:list", [], ""),
        ("meetings:list", [], ""),
        ("meetings:minutes", [], ""),
    ]
    pages += [
        ("members:list", [], f"?kind={slug}")
        for slug in OrganisationKind.objects.values_list("slug", flat=True)
    ]
    pages += [
        ("members:organisation", [slug], "") for slug in Organisation.objects.values_list("slug", flat=True)
    ]
    pages += [("meetings:detail", [pk], "") for pk in Meeting.objects.values_list("pk", flat=True)]
    pages += [
        ("meetings:minutes-year", [year], "")
        for year in Minutes.objects.values_list("year", flat=True).distinct().order_by("year")
    ]
    return pages


def url_in(lang: str, name: str, args: list | None = None, query: str = "") -> str:
    with translation.override(lang):
        return reverse(name, args=args or []) + query


class Links(HTMLParser):
    """The style sheets, scripts and links of a page, and whatever would break the CSP."""

    def __init__(self) -> None:
        super().__init__()
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.anchors: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.stylesheets.append(attributes["href"] or "")
        elif tag == "script":
            if attributes.get("src"):
                self.scripts.append(attributes["src"] or "")
            elif attributes.get("type") not in DATA_SCRIPT_TYPES:
                self.inline.append("<script> without src")
        elif tag == "style":
            self.inline.append("<style>")
        elif tag == "a" and attributes.get("href"):
            self.anchors.append(attributes["href"] or "")
        for name in attributes:
            if name == "style" or name.startswith("on"):
                self.inline.append(f"{name}= on <{tag}>")


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


def static_size(url: str) -> int:
    assert url.startswith(settings.STATIC_URL), url
    path = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
    assert path, f"{url} is not in the static files"
    with open(path, "rb") as file:
        return len(file.read())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_public_page_renders(client, demo, lang):
    pages = public_pages()
    assert len(pages) > 60
    for name, args, query in pages:
        url = url_in(lang, name, args, query)
        assert url.startswith(f"/{lang}/")
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        direction = "rtl" if translation.get_language_info(lang)["bidi"] else "ltr"
        assert f'<html lang="{lang}" dir="{direction}">' in html, url
        assert UI_TEXT[lang] in html, f"{url} has no {UI_TEXT[lang]}"

        # The language switch: this same page in every other language.
        for other_lang in SWITCH[lang]:
            other = url_in(other_lang, name, args, query)
            assert other in parse(html).anchors, f"{url} has no link to {other}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_security_headers_on_every_page(client, demo, lang):
    for name, args, query in public_pages():
        response = client.get(url_in(lang, name, args, query))
        csp = response.headers.get("Content-Security-Policy", "")
        assert "script-src 'self'" in csp, name
        assert "unsafe-inline" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_keep_to_the_content_security_policy(client, demo, lang):
    """No inline scripts, styles or event handlers: the CSP would block them."""
    for name, args, query in public_pages():
        url = url_in(lang, name, args, query)
        assert parse(client.get(url).content.decode()).inline == [], url


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_are_light(client, demo, lang):
    for name, args, query in public_pages():
        url = url_in(lang, name, args, query)
        html = client.get(url).content
        links = parse(html.decode())
        weight = len(html) + sum(static_size(asset) for asset in links.stylesheets + links.scripts)
        assert weight < PAGE_WEIGHT_LIMIT, f"{url} weighs {weight} bytes"


def test_pages_link_a_style_sheet(client, demo):
    links = parse(client.get(url_in("de", "network:home")).content.decode())
    assert links.stylesheets


@pytest.mark.parametrize("lang", LANGUAGES)
def test_goals_in_each_language(client, demo, lang):
    html = client.get(url_in(lang, "network:goals")).content.decode()
    for goal in Goal.objects.all():
        assert escape(getattr(goal, f"text_{lang}")) in html
        for other in OTHERS[lang]:
            assert escape(getattr(goal, f"text_{other}")) not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_principles_in_each_language(client, demo, lang):
    html = client.get(url_in(lang, "network:principles")).content.decode()
    for principle in Principle.objects.all():
        assert escape(getattr(principle, f"text_{lang}")) in html
        for other in OTHERS[lang]:
            assert escape(getattr(principle, f"text_{other}")) not in html


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "über 50 Organisationen"),
        ("en", "more than 50 organisations"),
        ("ar", "أكثر من 50 منظمة"),
    ],
)
def test_home_says_who_the_network_is(client, demo, lang, text):
    html = client.get(url_in(lang, "network:home")).content.decode()
    assert text in html
    assert "Netzwerk Migration Region Göttingen" in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_shows_the_next_plenary_meeting(client, demo, lang):
    starts = timezone.now() + datetime.timedelta(days=30)
    Meeting.objects.create(
        topic_de="Testsitzung Zukunft",
        topic_en="Test meeting future",
        topic_ar="اجتماع تجريبي قادم",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        place=Place.objects.get(),
    )
    html = client.get(url_in(lang, "network:home")).content.decode()
    assert {"de": "Testsitzung Zukunft", "en": "Test meeting future", "ar": "اجتماع تجريبي قادم"}[
        lang
    ] in html


@pytest.mark.parametrize(
    ("lang", "text"), [("de", "September 2006"), ("en", "September 2006"), ("ar", "سبتمبر 2006")]
)
def test_about_mentions_the_handbook(client, demo, lang, text):
    html = client.get(url_in(lang, "network:about")).content.decode()
    assert text in html or "09/2006" in html or "9/2006" in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_leadership_shows_people_with_organisations_and_web_sites(client, demo, lang):
    html = client.get(url_in(lang, "network:leadership")).content.decode()
    for term in LeadershipTerm.objects.select_related("person", "organisation"):
        assert escape(term.person.name) in html
        assert escape(term.organisation.name) in html
        assert escape(term.organisation.website) in html


@pytest.mark.parametrize(
    ("lang", "slug", "title"),
    [
        ("de", "impressum", "Impressum"),
        ("en", "impressum", "Legal notice"),
        ("de", "datenschutz", "Datenschutz"),
        ("en", "datenschutz", "Privacy"),
        # Not translated into Arabic: shown in German (see test_fallback.py).
        ("ar", "impressum", "Impressum"),
        ("ar", "datenschutz", "Datenschutz"),
    ],
)
def test_editable_pages(client, demo, lang, slug, title):
    html = client.get(url_in(lang, "network:page", [slug])).content.decode()
    assert f">{title}<" in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_footer_links_the_editable_pages(client, demo, lang):
    anchors = parse(client.get(url_in(lang, "network:goals")).content.decode()).anchors
    assert url_in(lang, "network:page", ["impressum"]) in anchors
    assert url_in(lang, "network:page", ["datenschutz"]) in anchors


@pytest.mark.parametrize("lang", LANGUAGES)
def test_meeting_pages_in_each_language(client, demo, lang):
    html = client.get(url_in(lang, "meetings:list")).content.decode()
    for meeting in Meeting.objects.all():
        assert escape(getattr(meeting, f"topic_{lang}")) in html
        detail = client.get(url_in(lang, "meetings:detail", [meeting.pk])).content.decode()
        assert escape(getattr(meeting, f"topic_{lang}")) in detail
        assert "Raum Thorn (126)" in detail
        assert "Neues Rathaus" in detail
        assert "14:00" in detail and "16:30" in detail
        assert url_in(lang, "meetings:ics", [meeting.pk]) in parse(detail).anchors


@pytest.mark.parametrize("lang", LANGUAGES)
def test_meetings_page_shows_the_notes(client, demo, lang):
    html = client.get(url_in(lang, "meetings:list")).content.decode()
    texts = {
        "de": ["Eine Einladung mit Tagesordnung", "Anregungen und Vorschläge"],
        "en": ["invitation with the agenda", "Suggestions for topics"],
        "ar": ["دعوة مع جدول الأعمال", "نرحّب بالمقترحات"],
    }
    for text in texts[lang]:
        assert text in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_kinds_of_organisation_in_each_language(client, demo, lang):
    html = client.get(url_in(lang, "members:list")).content.decode()
    names = {
        "de": "Beratung und soziale Dienste",
        "en": "Counselling and social services",
        "ar": "الاستشارة والخدمات الاجتماعية",
    }
    assert names[lang] in html


def test_unknown_organisation_is_404(client, demo):
    for lang in LANGUAGES:
        assert client.get(url_in(lang, "members:organisation", ["gibt-es-nicht"])).status_code == 404


def test_unknown_year_is_404(client, demo):
    assert client.get(url_in("de", "meetings:minutes-year", [1999])).status_code == 404


def test_unknown_page_is_404(client, demo):
    assert client.get(url_in("de", "network:page", ["gibt-es-nicht"])).status_code == 404


def test_unknown_meeting_is_404(client, demo):
    assert client.get(url_in("de", "meetings:detail", [99999])).status_code == 404


@pytest.mark.parametrize(
    ("accept", "prefix"),
    [("", "/de/"), ("en", "/en/"), ("de-DE,de;q=0.9", "/de/"), ("ar-SY,ar;q=0.9", "/ar/")],
)
def test_root_redirects_to_a_language(client, demo, accept, prefix):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get("/", **headers)
    assert response.status_code in (301, 302)
    assert response["Location"] == prefix


def test_health(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_pages_render_without_any_data(client, db):
    """A fresh portal, before the demo is loaded (no network yet), must not crash."""
    for name in ["network:home", "network:about", "network:principles", "network:goals",
                 "network:leadership", "members:list", "meetings:list", "meetings:minutes"]:  # fmt: skip
        assert client.get(url_in("de", name)).status_code == 200, name
    assert client.get(url_in("de", "network:page", ["impressum"])).status_code == 404
    assert client.get("/").status_code == 302


# Query counts: a list page makes as many queries with 3N rows as with N.

_numbers = itertools.count(1)


def _add_organisations(n: int) -> None:
    kinds = list(OrganisationKind.objects.all())
    for _ in range(n):
        i = next(_numbers)
        parent = Organisation.objects.create(
            name=f"Testorganisation {i}", slug=f"testorganisation-{i}", kind=kinds[i % len(kinds)]
        )
        Organisation.objects.create(
            name=f"Testorganisation {i}/Testeinheit",
            slug=f"testorganisation-{i}-testeinheit",
            parent=parent,
            kind=kinds[0],
        )


def _add_meetings(n: int) -> None:
    place = Place.objects.get(name="Neues Rathaus")
    for _ in range(n):
        i = next(_numbers)
        for days in (-400 - i, 30 + i):
            starts = timezone.now() + datetime.timedelta(days=days)
            Meeting.objects.create(
                topic_de=f"Testthema {i}",
                topic_en=f"Test topic {i}",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=2),
                place=place,
                is_cancelled=i % 3 == 0,
            )


def _add_leadership(n: int) -> None:
    for _ in range(n):
        i = next(_numbers)
        organisation = Organisation.objects.create(
            name=f"Testorganisation {i}", slug=f"testorganisation-{i}", website=f"https://test{i}.example.org"
        )
        person = Person.objects.create(name=f"Testperson {i}")
        ended = datetime.date(2015, 1, 1) if i % 2 else None
        LeadershipTerm.objects.create(person=person, organisation=organisation, ended_on=ended, position=i)


def _add_goals(n: int) -> None:
    for _ in range(n):
        i = next(_numbers)
        Goal.objects.create(
            position=100 + i, text_de=f"Testziel {i}", text_en=f"Test goal {i}", text=f"Testziel {i}"
        )


def _add_principles(n: int) -> None:
    for _ in range(n):
        i = next(_numbers)
        Principle.objects.create(
            position=100 + i,
            text_de=f"Testgrundsatz {i}",
            text_en=f"Test principle {i}",
            text=f"Testgrundsatz {i}",
        )


def _add_home_rows(n: int) -> None:
    _add_meetings(n)
    _add_organisations(n)
    _add_goals(n)


@pytest.mark.parametrize(
    ("name", "add_rows"),
    [
        ("network:home", _add_home_rows),
        ("network:leadership", _add_leadership),
        ("network:goals", _add_goals),
        ("network:principles", _add_principles),
    ],
)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_network_pages_make_a_fixed_number_of_queries(demo, assert_fixed_query_count, name, add_rows, lang):
    assert_fixed_query_count(url_in(lang, name), add_rows)


def _po_entries(path) -> list[dict]:
    """The entries of a .po file: {"msgid", "msgstr" or "msgstr[n]", "fuzzy": bool, "references": [files]}."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"fuzzy": False, "references": []}
        key = None
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                entry["fuzzy"] = True
            elif line.startswith("#:"):
                entry["references"] += [reference.rpartition(":")[0] for reference in line[2:].split()]
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += ast.literal_eval(line)
            elif line:
                key, _, value = line.partition(" ")
                entry[key] = ast.literal_eval(value)
        if "msgid" in entry and entry["msgid"]:
            entries.append(entry)
    return entries


def _assert_translated_and_compiled(lang: str, entries: list[dict]) -> None:
    """Every entry has its translation, every plural form too, and the .mo says the same as the .po."""
    po = settings.LOCALE_PATHS[0] / lang / "LC_MESSAGES" / "django.po"
    with open(po.with_suffix(".mo"), "rb") as file:
        catalog = gettext.GNUTranslations(file)
    for entry in entries:
        assert not entry["fuzzy"], entry["msgid"]
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            # Numbers that together reach every plural form: German has 2, Arabic 6.
            for n in (0, 1, 2, 3, 11, 100):
                form = f"msgstr[{catalog.plural(n)}]"
                assert entry[form], f"{entry['msgid']!r} has no {form}"
                if context:
                    compiled = catalog.npgettext(context, entry["msgid"], entry["msgid_plural"], n)
                else:
                    compiled = catalog.ngettext(entry["msgid"], entry["msgid_plural"], n)
                assert compiled == entry[form], f"{entry['msgid']!r}: run compilemessages"
        else:
            assert entry["msgstr"], entry["msgid"]
            compiled = (
                catalog.pgettext(context, entry["msgid"]) if context else catalog.gettext(entry["msgid"])
            )
            assert compiled == entry["msgstr"], f"{entry['msgid']!r}: run compilemessages"


def test_german_translation_is_complete_and_compiled():
    """The interface is written in English; every text has its German, and the .mo is up to date."""
    entries = _po_entries(settings.LOCALE_PATHS[0] / "de" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 50
    _assert_translated_and_compiled("de", entries)


# Where the texts of the public side come from; the members' area and the admin may
# fall back to English in languages other than German.
PUBLIC_SOURCES = (
    "templates/base.html",
    "templates/404.html",
    "templates/forms/",
    "templates/network/",
    "templates/meetings/",
    "templates/members/organisation_",
    "templates/members/account/login",
    "templates/members/account/password_reset",
    "network/forms.py",
    "network/views.py",
    "netzwerk/settings.py",
)


def test_arabic_translation_covers_the_public_side_and_is_compiled():
    po = settings.LOCALE_PATHS[0] / "ar" / "LC_MESSAGES" / "django.po"
    assert "nplurals=6;" in po.read_text(encoding="utf-8")
    entries = _po_entries(po)
    public = [e for e in entries if any(ref.startswith(PUBLIC_SOURCES) for ref in e["references"])]
    assert len(public) > 150
    _assert_translated_and_compiled("ar", public)
    # What else is translated must be compiled too.
    _assert_translated_and_compiled("ar", [e for e in entries if e.get("msgstr") or e.get("msgstr[0]")])

"""The accessibility statement, the form to report a barrier, and the easy-read page."""

import datetime
import itertools
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from members.models import Organisation, OrganisationKind, User
from network.models import BarrierReport, Network, Page

from .test_pages import LANGUAGES, parse, public_pages, url_in

VALID = {
    "page": "/de/members/",
    "description": "Die Tabelle der Mitglieder lässt sich mit dem Screenreader nicht lesen.",
    "name": "Test Person",
    "email": "melderin@example.org",
}


@pytest.fixture
def coordinators(db) -> list[User]:
    return [
        User.objects.create_user(email="koordination1@example.org", is_coordinator=True),
        User.objects.create_user(email="koordination2@example.org", is_coordinator=True),
        User.objects.create_user(email="ehemals@example.org", is_coordinator=True, is_active=False),
        User.objects.create_user(email="mitglied@example.org"),
    ]


def report_url(lang: str = "de") -> str:
    return url_in(lang, "network:barrier-report")


def post(client, data: dict, lang: str = "de", **extra):
    return client.post(report_url(lang), data, **extra)


class Fields(HTMLParser):
    """The value of each input and textarea of a form, by name."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "input" and attributes.get("name"):
            self.values[attributes["name"] or ""] = attributes.get("value") or ""
        elif tag == "textarea":
            self._textarea = attributes.get("name")
            self.values[self._textarea or ""] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def field_values(html: str) -> dict[str, str]:
    fields = Fields()
    fields.feed(html)
    return {name: value.strip() for name, value in fields.values.items()}


# The pages


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("de", ["Erklärung zur Barrierefreiheit", "teilweise", "WCAG 2.1", "BITV 2.0", "26. November 2026"]),
        ("en", ["Accessibility statement", "partially conformant", "WCAG 2.1", "BITV 2.0", "Nov. 26, 2026"]),
        ("ar", ["بيان إمكانية الوصول", "مطابقة جزئيًا", "WCAG 2.1", "BITV 2.0", "26 نوفمبر، 2026"]),
    ],
)
def test_statement_renders(client, demo, lang, texts):
    response = client.get(url_in(lang, "network:accessibility"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    for text in texts:
        assert text in html, text
    assert "Netzwerk Migration Region Göttingen" in html
    assert "axe-core" in html and "200 %" in html and "360" in html and "/admin/" in html
    assert url_in(lang, "network:barrier-report") in parse(html).anchors


def test_statement_date_is_a_setting(client, demo, settings):
    settings.ACCESSIBILITY_STATEMENT_DATE = datetime.date(2027, 3, 1)
    assert "1. März 2027" in client.get(url_in("de", "network:accessibility")).content.decode()


def test_statement_shows_the_networks_own_text(client, demo):
    html = client.get(url_in("de", "network:accessibility")).content.decode()
    assert "Schlichtungsstelle Testland" not in html
    Page.objects.create(
        slug="barrierefreiheit",
        title="Schlichtung",
        title_de="Schlichtung",
        body="Zuständig ist die **Schlichtungsstelle Testland**.",
        body_de="Zuständig ist die **Schlichtungsstelle Testland**.",
    )
    html = client.get(url_in("de", "network:accessibility")).content.decode()
    assert "<strong>Schlichtungsstelle Testland</strong>" in html
    assert ">Schlichtung<" in html


def test_statement_shows_the_networks_address_only_if_it_has_one(client, demo):
    assert "mailto:" not in client.get(url_in("de", "network:accessibility")).content.decode()
    Network.objects.update(email="netzwerk@example.org")
    html = client.get(url_in("de", "network:accessibility")).content.decode()
    assert 'href="mailto:netzwerk@example.org"' in html


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("de", ["Leichte Sprache", "Netz-Werk", "Plenar-Sitzung", "Protokoll", "Barriere melden", "Strg"]),
        ("en", ["Easy read", "network", "plenary meeting", "Minutes", "Report a barrier", "Ctrl"]),
    ],
)
def test_easy_read_renders(client, demo, lang, texts):
    html = client.get(url_in(lang, "network:easy-read")).content.decode()
    for text in texts:
        assert text in html, text
    assert "Netzwerk Migration Region Göttingen" in html
    assert f"<strong>{Organisation.objects.members().count()}</strong>" in html
    anchors = parse(html).anchors
    for name in [
        "members:list",
        "meetings:list",
        "meetings:minutes",
        "network:goals",
        "network:barrier-report",
    ]:
        assert url_in(lang, name) in anchors, name
    # The way to every language.
    for other in LANGUAGES:
        assert url_in(other, "network:easy-read") in anchors, other


def test_easy_read_falls_back_to_english_for_other_languages(rf, demo):
    from network.views import easy_read

    request = rf.get("/fr/easy-read/")
    with translation.override("fr"):
        html = easy_read(request).content.decode()
    assert '<article class="easy-read" lang="en">' in html


def test_easy_read_in_arabic_is_the_english_page_with_a_note(client, demo):
    html = client.get(url_in("ar", "network:easy-read")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<article class="easy-read" lang="en">' in html
    assert "هذا النص غير متوفر بعد باللغة العربية" in html
    assert "fallback-note" not in client.get(url_in("en", "network:easy-read")).content.decode()


def test_pages_render_without_a_network(client, db):
    for name in ["network:accessibility", "network:easy-read", "network:barrier-report"]:
        assert client.get(url_in("de", name)).status_code == 200, name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_links_the_statement_the_form_and_easy_read(client, demo, lang):
    texts = {"de": ">Leichte Sprache<", "en": ">Easy read<", "ar": ">لغة سهلة<"}
    for name, args, query in public_pages():
        url = url_in(lang, name, args, query)
        html = client.get(url).content.decode()
        anchors = parse(html).anchors
        assert url_in(lang, "network:accessibility") in anchors, url
        assert url_in(lang, "network:easy-read") in anchors, url
        assert texts[lang] in html, url
        # The form link says which page the visitor came from.
        report = [a for a in anchors if a.startswith(report_url(lang))]
        assert report, url
    home = client.get(url_in(lang, "network:goals")).content.decode()
    assert escape(f"{report_url(lang)}?page=/{lang}/goals/") in home


# The form


def test_form_is_prefilled_from_the_page_parameter(client, db):
    html = client.get(report_url() + "?page=/de/members/").content.decode()
    assert field_values(html)["page"] == "/de/members/"


def test_form_is_prefilled_from_the_referer(client, db):
    html = client.get(report_url(), HTTP_REFERER="http://testserver/de/goals/").content.decode()
    assert field_values(html)["page"] == "/de/goals/"


@pytest.mark.parametrize(
    ("query", "referer"),
    [
        ("?page=https://example.com/phishing", ""),
        ("", "https://example.com/somewhere/"),
        ("", "http://testserver/de/accessibility/"),
        ("?page=/de/accessibility/report/", ""),
    ],
)
def test_form_is_not_prefilled_from_other_sites_or_its_own_pages(client, db, query, referer):
    headers = {"HTTP_REFERER": referer} if referer else {}
    html = client.get(report_url() + query, **headers).content.decode()
    assert field_values(html)["page"] == ""


def test_form_has_labels_a_csrf_token_and_no_script(client, db):
    html = client.get(report_url()).content.decode()
    assert "csrfmiddlewaretoken" in html
    assert "<script" not in html
    for field in ["page", "description", "name", "email"]:
        assert f'<label for="id_{field}">' in html, field


def test_valid_report_is_stored_and_mailed_to_the_coordinators(
    client, demo, coordinators, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, VALID)
    assert response.status_code == 302
    assert response["Location"] == url_in("de", "network:barrier-report-thanks")

    report = BarrierReport.objects.get()
    assert report.page == "/de/members/"
    assert report.description == VALID["description"]
    assert report.name == "Test Person"
    assert report.email == "melderin@example.org"
    assert report.status == BarrierReport.Status.OPEN
    assert report.language == "de"
    assert report.answered_at is None

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["koordination1@example.org", "koordination2@example.org"]
    assert message.reply_to == ["melderin@example.org"]
    assert "Barriere" in message.subject
    assert VALID["description"] in message.body
    assert f"{settings.SITE_URL}/de/members/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert escape(VALID["description"]) in html
    assert reverse("admin:network_barrierreport_change", args=[report.pk]) in message.body

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Vielen Dank" in thanks.content.decode()


def test_mail_escapes_what_the_visitor_typed(client, demo, coordinators, django_capture_on_commit_callbacks):
    data = {**VALID, "description": "<script>alert(1)</script> & mehr Text", "name": "A & B"}
    with django_capture_on_commit_callbacks(execute=True):
        post(client, data)
    message = mail.outbox[0]
    assert "<script>alert(1)</script> & mehr Text" in message.body  # plain text stays as typed
    assert "<script>" not in message.alternatives[0][0]


def test_report_without_name_and_email(client, demo, coordinators, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client, {"page": "", "description": "Der Kontrast ist zu schwach.", "name": "", "email": ""}
        )
    assert response.status_code == 302
    report = BarrierReport.objects.get()
    assert (report.page, report.name, report.email) == ("", "", "")
    assert mail.outbox[0].reply_to == []


def test_full_address_of_this_site_is_kept_as_a_path(client, db):
    post(client, {**VALID, "page": "http://testserver/de/members/?kind=schule"})
    assert BarrierReport.objects.get().page == "/de/members/?kind=schule"


def test_mail_goes_to_managers_when_there_are_no_coordinators(
    client, db, settings, django_capture_on_commit_callbacks
):
    settings.MANAGERS = [("Betrieb", "betrieb@example.org")]
    with django_capture_on_commit_callbacks(execute=True):
        post(client, VALID)
    assert mail.outbox[0].to == ["betrieb@example.org"]


def test_report_is_kept_when_the_mail_server_fails(
    client, db, coordinators, settings, django_capture_on_commit_callbacks, monkeypatch
):
    def fail(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", fail)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, VALID)
    assert response.status_code == 302
    assert BarrierReport.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", ""),
        ("description", "   "),
        ("description", "zu kurz"),
        ("description", "x" * 5001),
        ("email", "keine-adresse"),
        ("page", "https://example.com/de/members/"),
        ("page", "//example.com/de/"),
        ("page", "javascript:alert(1)"),
        ("page", "de/members/"),
        ("name", "n" * 151),
    ],
)
def test_invalid_input_shows_an_error_next_to_the_field_and_stores_nothing(
    client, db, coordinators, django_capture_on_commit_callbacks, field, value
):
    data = {**VALID, field: value}
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<ul class="errorlist" id="id_{field}_error">' in html
    assert 'aria-invalid="true"' in html
    assert f'href="#id_{field}"' in html  # the summary at the top links to the field
    assert "<title>Fehler:" in html
    assert BarrierReport.objects.count() == 0
    assert mail.outbox == []
    # What the visitor typed is still there.
    values = field_values(html)
    for name in ["description", "name", "email"]:
        if name != field:
            assert values[name] == VALID[name], name


def test_errors_are_in_english_on_the_english_form(client, db):
    html = post(client, {**VALID, "description": ""}, lang="en").content.decode()
    assert "Please describe the barrier." in html
    assert "Please check your entries" in html


def test_honeypot_stores_nothing_but_answers_like_success(
    client, db, coordinators, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, {**VALID, "homepage": "http://spam.example.com"})
    assert response.status_code == 302
    assert response["Location"] == url_in("de", "network:barrier-report-thanks")
    assert BarrierReport.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people(client, db):
    html = client.get(report_url()).content.decode()
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="homepage"' in html and 'tabindex="-1"' in html


def test_rate_limit_per_address(client, db, settings):
    settings.BARRIER_REPORTS_PER_HOUR = 3
    for _ in range(3):
        assert post(client, VALID).status_code == 302
    response = post(client, VALID)
    assert response.status_code == 429
    html = response.content.decode()
    assert "in der letzten Stunde" in html
    assert field_values(html)["description"] == VALID["description"]
    assert BarrierReport.objects.count() == 3
    # Another address may still report.
    assert post(client, VALID, REMOTE_ADDR="192.0.2.7").status_code == 302
    assert BarrierReport.objects.count() == 4


def test_invalid_posts_do_not_count_towards_the_limit(client, db, settings):
    settings.BARRIER_REPORTS_PER_HOUR = 2
    for _ in range(5):
        assert post(client, {**VALID, "description": ""}).status_code == 200
    assert post(client, VALID).status_code == 302


def test_rate_limit_behind_the_proxy_uses_the_forwarded_address(client, db, settings):
    settings.BEHIND_PROXY = True
    settings.BARRIER_REPORTS_PER_HOUR = 1
    assert post(client, VALID, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 302
    assert post(client, VALID, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # A made-up address in front of the one the proxy added changes nothing.
    assert post(client, VALID, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1").status_code == 429
    assert post(client, VALID, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 302


def test_form_needs_the_csrf_token(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(report_url(), VALID)
    assert response.status_code == 403
    assert BarrierReport.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "patch", "delete", "options"])
def test_form_answers_only_get_and_post(client, db, method):
    assert getattr(client, method)(report_url()).status_code == 405


# The admin


def test_admin_lists_reports_with_a_status_filter(admin_client, db):
    BarrierReport.objects.create(description="Erste Meldung, noch offen")
    BarrierReport.objects.create(description="Zweite Meldung, beantwortet", status="answered")
    html = admin_client.get(reverse("admin:network_barrierreport_changelist")).content.decode()
    assert "Erste Meldung" in html and "Zweite Meldung" in html
    filtered = admin_client.get(reverse("admin:network_barrierreport_changelist") + "?status__exact=open")
    assert "Erste Meldung" in filtered.content.decode()
    assert "Zweite Meldung" not in filtered.content.decode()


def test_answering_a_report_records_when(db):
    report = BarrierReport.objects.create(description="Eine Meldung über eine Barriere")
    assert report.answered_at is None
    report.status = BarrierReport.Status.ANSWERED
    report.save(update_fields=["status"])
    report.refresh_from_db()
    assert report.answered_at is not None


# Query counts

_numbers = itertools.count(1)


def _add_pages(n: int) -> None:
    for _ in range(n):
        i = next(_numbers)
        Page.objects.create(slug=f"testseite-{i}", title=f"Testseite {i}", body="Text", in_footer=True)


def _add_organisations(n: int) -> None:
    kind = OrganisationKind.objects.first()
    for _ in range(n):
        i = next(_numbers)
        Organisation.objects.create(name=f"Testorganisation {i}", slug=f"testorganisation-{i}", kind=kind)


@pytest.mark.parametrize(
    ("name", "add_rows"),
    [
        ("network:accessibility", _add_pages),
        ("network:easy-read", _add_organisations),
        ("network:barrier-report", _add_pages),
        ("network:barrier-report-thanks", _add_pages),
    ],
)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_make_a_fixed_number_of_queries(demo, assert_fixed_query_count, name, add_rows, lang):
    assert_fixed_query_count(url_in(lang, name), add_rows)


def test_report_makes_a_fixed_number_of_queries(
    client, demo, coordinators, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    User.objects.bulk_create(User(email=f"k{i}@example.org", is_coordinator=True) for i in range(20))
    with django_assert_max_num_queries(7), django_capture_on_commit_callbacks(execute=True):
        assert post(client, VALID).status_code == 302
    assert len(mail.outbox[0].to) == 22

"""Content not translated into the visitor's language is shown in German, and the page says so."""

import pytest
from django.template import Context, Template
from django.utils import translation

from meetings.models import Meeting
from network.models import Goal, Network, Page

from .test_pages import LANGUAGES, url_in

NOTE = {
    "ar": "هذا النص غير متوفر بعد باللغة العربية؛ وهو معروض هنا باللغة الألمانية.",
    "en": "This text is not available in English yet; here it is in German.",
}


def page_html(client, lang: str, slug: str) -> str:
    return client.get(url_in(lang, "network:page", [slug])).content.decode()


def test_untranslated_page_in_arabic_is_german_with_a_note(client, demo):
    page = Page.objects.get(slug="impressum")
    assert not page.title_ar and not page.body_ar
    html = page_html(client, "ar", "impressum")
    assert '<html lang="ar" dir="rtl">' in html
    assert NOTE["ar"] in html
    assert '<h1 lang="de" dir="ltr">Impressum</h1>' in html
    assert '<div lang="de" dir="ltr"><h2>Anbieter</h2>' in html
    # The footer link to it is marked German too.
    link = url_in("ar", "network:page", ["impressum"])
    assert f'<a href="{link}" lang="de" dir="ltr">Impressum</a>' in html


def test_translated_page_in_arabic_has_no_note(client, demo):
    Page.objects.filter(slug="impressum").update(title_ar="بيانات الناشر", body_ar="## الناشر\n\nالشبكة.")
    html = page_html(client, "ar", "impressum")
    assert "fallback-note" not in html
    assert "<h1>بيانات الناشر</h1>" in html
    assert 'lang="de"' not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Anbieter" not in html


def test_half_translated_page_marks_only_the_german_part(client, demo):
    Page.objects.filter(slug="impressum").update(title_ar="بيانات الناشر")
    html = page_html(client, "ar", "impressum")
    assert "<h1>بيانات الناشر</h1>" in html
    assert NOTE["ar"] in html
    assert '<div lang="de" dir="ltr"><h2>Anbieter</h2>' in html


def test_english_page_falls_back_the_same_way(client, demo):
    Page.objects.filter(slug="impressum").update(title_en="", body_en="")
    html = page_html(client, "en", "impressum")
    assert NOTE["en"] in html
    assert '<h1 lang="de" dir="ltr">Impressum</h1>' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translated_demo_content_has_no_note(client, demo, lang):
    """The demo data is translated throughout, except the pages; German pages never carry the note."""
    for name in ["network:home", "network:about", "network:principles", "network:goals", "meetings:list"]:
        assert "fallback-note" not in client.get(url_in(lang, name)).content.decode(), (lang, name)
    assert "fallback-note" not in page_html(client, "de", "impressum")


def test_untranslated_network_texts_fall_back_with_a_note(client, demo):
    Network.objects.update(description_ar="", proposals_note_ar="")
    Goal.objects.filter(position=1).update(text_ar="")
    html = client.get(url_in("ar", "network:home")).content.decode()
    assert html.count(NOTE["ar"]) == 2  # the description and the list of goals
    assert '<div class="lead" lang="de" dir="ltr"><p>Das Netzwerk Migration' in html
    assert '<li lang="de" dir="ltr">Förderung der Akzeptanz' in html
    assert "<li>تجميع موارد المنطقة" in html  # the other goals stay Arabic
    assert '<p lang="de" dir="ltr">Anregungen und Vorschläge' in html
    about = client.get(url_in("ar", "network:about")).content.decode()
    assert NOTE["ar"] in about


def test_untranslated_meeting_topic_falls_back_with_a_note(client, demo):
    meeting = Meeting.objects.order_by("starts_at").first()
    Meeting.objects.filter(pk=meeting.pk).update(topic_ar="", description_de="Mit **Gästen**.")
    html = client.get(url_in("ar", "meetings:detail", [meeting.pk])).content.decode()
    assert f'<h1 lang="de" dir="ltr">{meeting.topic_de}</h1>' in html
    assert NOTE["ar"] in html
    assert '<div class="prose" lang="de" dir="ltr"><p>Mit <strong>Gästen</strong>.</p></div>' in html
    listing = client.get(url_in("ar", "meetings:list")).content.decode()
    assert 'class="meeting-topic" lang="de" dir="ltr"' in listing


def test_language_switch_marks_each_language(client, demo):
    html = client.get(url_in("de", "network:home")).content.decode()
    assert '<html lang="de" dir="ltr">' in html
    assert 'hreflang="ar" lang="ar" dir="rtl">العربيّة</a>' in html
    assert 'hreflang="en" lang="en" dir="ltr">English</a>' in html
    assert 'hreflang="de" lang="de" dir="ltr" aria-current="true">Deutsch</a>' in html


def test_translated_tag(demo):
    template = Template(
        '{% load portal %}{% translated page "title" as t %}'
        "{{ t }}|{{ t.lang }}|{{ t.fallback }}|{{ t.attrs }}"
    )
    page = Page.objects.get(slug="datenschutz")
    with translation.override("ar"):
        assert template.render(Context({"page": page})) == 'Datenschutz|de|True| lang="de" dir="ltr"'
    with translation.override("en"):
        assert template.render(Context({"page": page})) == "Privacy|en|False|"
    with translation.override("ar"):
        assert template.render(Context({"page": None})) == "|ar|False|"

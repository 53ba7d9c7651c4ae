"""The languages beyond the portal's: the offers directory and the frame in Farsi, Turkish,
Russian and Ukrainian, and what every other page shows in them (network/languages.py).

The whole site is checked in PORTAL_LANGUAGES by test_pages.py and the others; here, for
each further language: the directory (a search with a filter, an offer page), a page
outside it with its note, and the translations that the directory and the frame need.
"""

import gettext

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape

from members.models import District
from network.languages import content_language
from offers.models import Offer

from .test_pages import _assert_translated_and_compiled, _po_entries, parse, url_in

ALL_LANGUAGES = [code for code, _name in settings.LANGUAGES]
MORE_LANGUAGES = [code for code in ALL_LANGUAGES if code not in settings.PORTAL_LANGUAGES]
RIGHT_TO_LEFT = {"ar", "fa"}

# In each further language: the main navigation's link to the directory, the heading of the
# search page, a category of the demo lists, the note that an offer's title is German, and
# the note at the top of a page that is not written in the language.
WORDS = {
    "fa": {
        "offers": ">خدمات<",
        "heading": "یافتن کمک: خدمات اعضای ما",
        "education": "آموزش",
        "text_note": "این متن هنوز به زبان فارسی در دسترس نیست؛ اینجا به زبان آلمانی آمده است.",
        "page_note": "این صفحه هنوز به فارسی در دسترس نیست؛ به همین دلیل به انگلیسی نمایش داده می‌شود.",
    },
    "tr": {
        "offers": ">Hizmetler<",
        "heading": "Yardım bulun: üyelerimizin hizmetleri",
        "education": "Eğitim",
        "text_note": "Bu metin henüz Türkçe olarak mevcut değil; burada Almanca olarak gösteriliyor.",
        "page_note": "Bu sayfa henüz Türkçe olarak mevcut değil; bu yüzden İngilizce gösteriliyor.",
    },
    "ru": {
        "offers": ">Услуги<",
        "heading": "Найти помощь: услуги наших участников",
        "education": "Образование",
        "text_note": (
            "Этот текст ещё не переведён на ваш язык (Русский); здесь он на языке оригинала: Немецкий."
        ),
        "page_note": "Эта страница пока не переведена на русский язык, поэтому она показана на английском.",
    },
    "uk": {
        "offers": ">Послуги<",
        "heading": "Знайти допомогу: послуги наших учасників",
        "education": "Освіта",
        "text_note": (
            "Цей текст ще не перекладено вашою мовою (Українська); тут він мовою оригіналу: Німецька."
        ),
        "page_note": "Ця сторінка ще не перекладена українською, тому її показано англійською.",
    },
}


def html_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def main_of(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def alternates(html: str) -> list[str]:
    """The languages of the page's hreflang links in <head>."""
    head = html.split("</head>", 1)[0]
    return [part.split('"', 1)[0] for part in head.split('rel="alternate" hreflang="')[1:]]


def test_the_further_languages_are_those_of_the_issue():
    assert MORE_LANGUAGES == ["fa", "tr", "ru", "uk"]
    assert list(WORDS) == MORE_LANGUAGES


# The search page in every language (issue #5: "every language renders the search page,
# Arabic and Farsi with dir=rtl").


@pytest.mark.parametrize("lang", ALL_LANGUAGES)
def test_every_language_renders_the_search_page(client, demo, lang):
    html = html_of(client, url_in(lang, "offers:search"))
    direction = "rtl" if lang in RIGHT_TO_LEFT else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert "offer-result" in html
    assert "page-language-note" not in html
    # The directory exists in every language: hreflang for all of them, and the switch.
    assert alternates(html) == ALL_LANGUAGES
    anchors = parse(html).anchors
    for other in ALL_LANGUAGES:
        assert url_in(other, "offers:search") in anchors, other


# The directory in each further language


@pytest.mark.parametrize("lang", MORE_LANGUAGES)
def test_a_search_with_filters_in_each_further_language(client, demo, lang):
    words = WORDS[lang]
    html = html_of(client, url_in(lang, "offers:search", query="?category=bildung&district=city&sort=name"))
    assert words["offers"] in html and words["heading"] in html
    assert words["education"] in html  # the list entry's own translation (offers/demo.py)
    with translation.override(lang):
        city = str(District.CITY.label)
    assert city != "City" and city in html  # the chosen filter, in the visitor's language
    # The demo offers have German, English and Arabic titles only: German, marked and said so.
    assert words["text_note"] in html
    assert 'lang="de" dir="ltr">Kurse der Volkshochschule Göttingen</a>' in html
    assert "Kreisvolkshochschule" not in html.split('id="offer-list"', 1)[1]
    assert "page-language-note" not in html


@pytest.mark.parametrize("lang", MORE_LANGUAGES)
def test_an_offer_page_in_each_further_language(client, demo, lang):
    offer = Offer.objects.get(title_de="Jugendmigrationsdienst")
    html = html_of(client, url_in(lang, "offers:detail", [offer.pk]))
    words = WORDS[lang]
    assert words["offers"] in html
    assert '<h1 lang="de" dir="ltr">Jugendmigrationsdienst</h1>' in html
    assert words["text_note"] in html
    with translation.override(lang):
        assert translation.gettext("How to reach it") != "How to reach it"
        assert escape(translation.gettext("How to reach it")) in html
    assert alternates(html) == ALL_LANGUAGES
    assert "page-language-note" not in html


# A title of the Jugendmigrationsdienst in each further language (for the test only), and a
# word of it to search for.
TITLES = {
    "fa": ("خدمات مهاجرت جوانان", "مهاجرت"),
    "tr": ("Gençler için Göç Hizmeti", "Hizmeti"),
    "ru": ("Миграционная служба для молодёжи", "Миграционная"),
    "uk": ("Міграційна служба для молоді", "Міграційна"),
}


@pytest.mark.parametrize("lang", MORE_LANGUAGES)
def test_a_translated_offer_title_is_shown_without_a_note_and_found(client, demo, lang):
    offer = Offer.objects.get(title_de="Jugendmigrationsdienst")
    title, word = TITLES[lang]
    setattr(offer, f"title_{lang}", title)
    offer.save()  # the index follows (offers/signals.py), with the titles in every language
    html = html_of(client, url_in(lang, "offers:detail", [offer.pk]))
    assert f"<h1>{title}</h1>" in html
    assert WORDS[lang]["text_note"] not in html.split("<h1>", 1)[1].split("</h1>", 1)[0]
    search = html_of(client, url_in(lang, "offers:search", query=f"?q={word}"))
    assert f">{title}</a>" in search
    assert search.count('class="offer-title"') == 1


# A page outside the directory in a further language


@pytest.mark.parametrize("lang", MORE_LANGUAGES)
def test_a_page_outside_the_directory_is_english_with_a_note(client, demo, lang):
    html = html_of(client, url_in(lang, "network:about"))
    direction = "rtl" if lang in RIGHT_TO_LEFT else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html
    main = main_of(html)
    # The note comes first, in the visitor's language, with the way to the German original.
    assert main.index("page-language-note") < main.index("<h1")
    assert escape(WORDS[lang]["page_note"]) in main
    assert f'<a href="{url_in("de", "network:about")}" hreflang="de" lang="de">Deutsch</a>' in main
    # The content is English, and marked so; its translated fields too, not German.
    assert '<div lang="en" dir="ltr">' in main
    assert "<h1>About the network</h1>" in main
    assert "more than 50 organisations" in main
    assert "Über das Netzwerk" not in html and "über 50 Organisationen" not in html
    # Its dates too: the handbook's 2nd edition is of September 2006, in English words.
    assert "September 2006" in main
    # The frame stays in the visitor's language, and so do the links.
    assert WORDS[lang]["offers"] in html
    assert url_in(lang, "network:principles") in parse(main).anchors
    # It exists in the portal's languages only; the switch offers every language.
    assert alternates(html) == list(settings.PORTAL_LANGUAGES)
    for other in ALL_LANGUAGES:
        assert url_in(other, "network:about") in parse(html).anchors


def test_english_texts_in_the_frame_of_a_further_language_are_marked_english(client, demo):
    """The footer links to the editable pages, which are English in Farsi like the pages."""
    html = html_of(client, url_in("fa", "network:page", ["impressum"]))
    assert '<h1 lang="en" dir="ltr">Legal notice</h1>' in html
    link = url_in("fa", "network:page", ["impressum"])
    assert f'<a href="{link}" lang="en" dir="ltr">Legal notice</a>' in html
    # On the directory's pages too, the link says what the page it leads to will show.
    html = html_of(client, url_in("uk", "offers:search"))
    link = url_in("uk", "network:page", ["impressum"])
    assert f'<a href="{link}" lang="en" dir="ltr">Legal notice</a>' in html


def test_the_easy_read_page_says_its_language_itself(client, demo):
    html = html_of(client, url_in("tr", "network:easy-read"))
    assert '<article class="easy-read" lang="en">' in html
    assert "page-language-note" not in html
    assert WORDS["tr"]["text_note"].split(";")[0] in html


@pytest.mark.parametrize("lang", MORE_LANGUAGES)
def test_error_pages_are_translated_and_have_no_note(client, demo, lang):
    html = html_of(client, url_in(lang, "members:organisation", ["gibt-es-nicht"]), status=404)
    assert "page-language-note" not in html
    with translation.override(lang):
        assert escape(translation.gettext("Page not found")) in html
    html = html_of(client, f"/{lang}/gibt-es-nicht/", status=404)
    assert "page-language-note" not in html


def test_the_interface_falls_back_to_english_not_german(client, demo):
    """Django would show the German of a text not translated into Ukrainian; here English."""
    main = main_of(html_of(client, url_in("uk", "members:list")))
    assert "<h1>Members of the network</h1>" in main
    assert "Mitglieder des Netzwerks" not in main


def test_portal_languages_get_no_note_and_only_their_alternates(client, demo):
    for lang in settings.PORTAL_LANGUAGES:
        html = html_of(client, url_in(lang, "network:about"))
        assert "page-language-note" not in html
        assert '<div lang="en" dir="ltr">' not in html
        assert alternates(html) == list(settings.PORTAL_LANGUAGES)


def test_the_content_language_follows_an_override(rf):
    """An e-mail rendered with translation.override() while a Farsi page is answered is in the
    e-mail's language, not in the page's fallback."""
    from network.languages import _page_content

    token = _page_content.set(("fa", "en"))
    try:
        with translation.override("fa"):
            assert content_language() == "en"
        with translation.override("ar"):
            assert content_language() == "ar"
    finally:
        _page_content.reset(token)
    with translation.override("fa"):
        assert content_language() == "fa"


# The translations that the directory and the frame need


# Where the texts of the directory and the frame come from: whatever these files ask
# gettext for must be translated in every language of settings.LANGUAGES.
DIRECTORY_SOURCES = (
    "templates/base.html",
    "templates/403.html",
    "templates/404.html",
    "templates/offers/search.html",
    "templates/offers/detail.html",
    "templates/offers/public/",
    "templates/network/_fallback_note.html",  # network/templatetags/portal.py's fallback_note
    "offers/views/public.py",
    "offers/search.py",
    "offers/models.py",
    "netzwerk/settings.py",  # the names of the languages
)


def _district_labels() -> set[str]:
    """The msgids of the district choices, which the directory shows as a filter."""
    with translation.override(None):
        return {str(label) for label in District.labels}


def directory_entries(lang: str) -> list[dict]:
    po = settings.LOCALE_PATHS[0] / lang / "LC_MESSAGES" / "django.po"
    districts = _district_labels()
    return [
        entry
        for entry in _po_entries(po)
        if any(reference.startswith(DIRECTORY_SOURCES) for reference in entry["references"])
        or (entry["msgid"] in districts and "members/models.py" in entry["references"])
    ]


@pytest.mark.parametrize("lang", MORE_LANGUAGES)
def test_the_directory_and_the_frame_are_translated_and_compiled(lang):
    entries = directory_entries(lang)
    assert len(entries) > 150
    assert _district_labels() <= {entry["msgid"] for entry in entries}
    _assert_translated_and_compiled(lang, entries)


@pytest.mark.parametrize(("lang", "forms"), [("fa", 2), ("tr", 2), ("ru", 4), ("uk", 4)])
def test_plural_forms(lang, forms):
    po = settings.LOCALE_PATHS[0] / lang / "LC_MESSAGES" / "django.po"
    assert f"nplurals={forms};" in po.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        ("ru", {1: "Найдена 1 услуга", 2: "Найдено 2 услуги", 5: "Найдено 5 услуг", 21: "Найдена 21 услуга"}),
        ("uk", {1: "Знайдено 1 послугу", 3: "Знайдено 3 послуги", 11: "Знайдено 11 послуг"}),
        ("fa", {1: "1 خدمت پیدا شد", 7: "7 خدمت پیدا شد"}),
        ("tr", {1: "1 hizmet bulundu", 12: "12 hizmet bulundu"}),
    ],
)
def test_counts_take_the_right_plural_form(lang, counts):
    po = settings.LOCALE_PATHS[0] / lang / "LC_MESSAGES" / "django.po"
    with open(po.with_suffix(".mo"), "rb") as file:
        catalog = gettext.GNUTranslations(file)
    for n, text in counts.items():
        assert (
            catalog.ngettext("%(counter)s offer found", "%(counter)s offers found", n) % {"counter": n}
            == text
        )


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_german_and_arabic_name_the_further_languages(lang):
    with translation.override(lang):
        names = [str(name) for code, name in settings.LANGUAGES if code in MORE_LANGUAGES]
    assert names != ["Persian", "Turkish", "Russian", "Ukrainian"]
    assert all(name for name in names)


def test_the_language_switch_is_a_menu_that_needs_no_script(client, demo):
    html = html_of(client, url_in("fa", "network:home"))
    switch = html.split('<nav class="languages"', 1)[1].split("</nav>", 1)[0]
    assert "<details>" in switch and "<script" not in switch
    summary = switch.split("<summary>", 1)[1].split("</summary>", 1)[0]
    assert summary.endswith("فارسی")  # after the globe, which is hidden from screen readers
    assert 'aria-hidden="true"' in summary
    for code in ALL_LANGUAGES:
        info = translation.get_language_info(code)
        direction = "rtl" if info["bidi"] else "ltr"
        link = f'hreflang="{code}" lang="{code}" dir="{direction}"'
        current = ' aria-current="true"' if code == "fa" else ""
        assert f"{link}{current}>{info['name_local']}</a>" in switch, code

"""Offers in the directory's seven languages: the offer form, the demo lists, sorting by name,
and the e-mails, which stay in the portal's languages."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from meetings import invitations
from members.forms import LanguageForm
from members.models import Affiliation, Organisation
from offers import confirmation
from offers.index import sort_key
from offers.models import Language, Offer, Term

from .test_manage import account, edit_url, make_offer

MORE_LANGUAGES = ["fa", "tr", "ru", "uk"]
TRANSLATED_FIELDS = [
    "title",
    "description",
    "opening_hours",
    "fees_description",
    "eligibility",
    "application_process",
    "required_documents",
]


@pytest.fixture
def offer(db) -> Offer:
    organisation = Organisation.objects.create(name="Beispielverein", slug="beispielverein")
    return make_offer(organisation, "Beispielberatung")


@pytest.fixture
def editor(client, offer):
    client.force_login(
        account("redaktion@example.org", "Emil Redaktion", offer.organisation, Affiliation.Role.EDITOR)
    )
    return client


TRANSLATED_INPUT = re.compile(r'<(input|textarea)[^>]*name="([a-z_]+_(?:de|en|ar|fa|tr|ru|uk))"[^>]*>')


def inputs(html: str) -> dict[str, str]:
    """Each translated input or textarea of the form, by name: its opening tag."""
    return {
        match.group(2): match.group(0)
        for match in re.finditer(
            r'<(input|textarea)[^>]*name="([a-z_]+_(?:de|en|ar|fa|tr|ru|uk))"[^>]*>', html
        )
    }


def test_the_offer_form_has_every_language_each_marked_with_its_direction(editor, offer):
    html = editor.get(edit_url(offer)).content.decode()
    tags = inputs(html)
    for field in TRANSLATED_FIELDS:
        for code, _name in settings.LANGUAGES:
            tag = tags[f"{field}_{code}"]
            direction = "rtl" if code in ("ar", "fa") else "ltr"
            assert f'lang="{code}"' in tag and f'dir="{direction}"' in tag, tag
    with translation.override("de"):
        assert "Titel (Persisch)" in html or "Title (Persian)" in html


def test_the_further_languages_are_grouped_in_each_part_and_closed_until_used(editor, offer):
    html = editor.get(edit_url(offer)).content.decode()
    groups = html.split('<details class="more-languages"')[1:]
    assert len(groups) == 5  # the offer, description, opening hours and costs, who, how to apply
    assert all(not group.startswith(" open") for group in groups)
    summary = groups[0].split("<summary>", 1)[1].split("</summary>", 1)[0]
    assert '<span lang="fa">فارسی</span>' in summary and '<span lang="uk">Українська</span>' in summary
    first = groups[0].split("</details>", 1)[0]
    assert [name for name in inputs(first)] == ["title_fa", "title_tr", "title_ru", "title_uk"]
    # The portal's languages stay outside the groups.
    outside = html.split('<details class="more-languages"', 1)[0]
    assert {"title_de", "title_en", "title_ar"} <= set(inputs(outside))

    Offer.objects.filter(pk=offer.pk).update(title_ru="Пример консультации")
    html = editor.get(edit_url(offer)).content.decode()
    assert html.split('<details class="more-languages"')[1].startswith(" open")


def test_an_editor_saves_a_title_in_farsi_and_russian(editor, offer):
    form = editor.get(edit_url(offer)).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data |= {
        "organisation": offer.organisation.pk,
        "status": "active",
        "title_fa": "مشاورهٔ نمونه",
        "title_ru": "Пример консультации",
        "places-TOTAL_FORMS": "0",
        "places-INITIAL_FORMS": "0",
    }
    response = editor.post(edit_url(offer), data)
    assert response.status_code == 302, response.context["form"].errors
    offer.refresh_from_db()
    assert (offer.title_de, offer.title_fa, offer.title_ru) == (
        "Beispielberatung",
        "مشاورهٔ نمونه",
        "Пример консультации",
    )
    assert not offer.title_tr and not offer.title_uk


def test_the_demo_lists_and_languages_are_named_in_every_language(demo):
    fields = [f"name_{code}" for code, _name in settings.LANGUAGES]
    for term in Term.objects.all():
        assert all(getattr(term, field) for field in fields), term.slug
    for language in Language.objects.all():
        assert all(getattr(language, field) for field in fields), language.code
    counselling = Term.objects.get(slug="beratung")
    assert (counselling.name_fa, counselling.name_tr) == ("مشاوره", "Danışmanlık")
    assert (counselling.name_ru, counselling.name_uk) == ("Консультации", "Консультації")
    assert Language.objects.get(code="de").name_uk == "Німецька"


def result_titles(html: str) -> list[str]:
    listing = html.split('id="offer-list"', 1)[1]
    return re.findall(r'class="offer-title"><a href="[^"]+"[^>]*>([^<]+)</a>', listing)


def test_sorting_by_name_in_farsi_uses_the_farsi_titles_and_the_german_ones(client, demo):
    """The index keeps each offer's title per language (the German one where it has none)."""
    farsi = {
        "Jugendmigrationsdienst": "خدمات مهاجرت جوانان",
        "Drogenberatungszentrum": "مرکز مشاوره مواد مخدر",
    }
    for offer in Offer.objects.filter(title_de__in=farsi):
        offer.title_fa = farsi[offer.title_de]
        offer.save()  # the index follows (offers/signals.py)
    with translation.override("fa"):
        url = reverse("offers:search") + "?category=beratung&sort=name"
    titles = result_titles(client.get(url).content.decode())
    assert set(farsi.values()) <= set(titles)
    assert "Jugendmigrationsdienst" not in titles
    assert titles == sorted(titles, key=sort_key)


def test_sort_keys_follow_the_farsi_and_ukrainian_alphabets():
    assert sort_key("کتاب", "fa") < sort_key("مدرسه", "fa")  # ک before م
    assert sort_key("Інформація", "uk") < sort_key("Юрист", "uk")  # і before ю


# E-mails are written in the portal's languages only.


@pytest.mark.parametrize("code", MORE_LANGUAGES)
def test_e_mails_to_a_person_of_a_further_language_are_in_german(code):
    assert invitations._language(code) == settings.LANGUAGE_CODE
    assert confirmation._language(code) == settings.LANGUAGE_CODE
    assert invitations._language("ar") == confirmation._language("ar") == "ar"


def test_a_person_chooses_the_language_of_e_mails_among_the_portals(db):
    choices = [code for code, _name in LanguageForm().fields["language"].choices]
    assert choices == list(settings.PORTAL_LANGUAGES)
    assert not LanguageForm(data={"language": "fa"}).is_valid()

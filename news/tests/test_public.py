"""The public news pages: in every language, to each role only what it may read."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from members.models import Organisation
from news.models import Post

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def url_in(lang: str, name: str, args: list | None = None) -> str:
    with translation.override(lang):
        return reverse(name, args=args or [])


def html_of(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def posts(network, make_post) -> dict[str, Post]:
    return {
        "public": make_post(
            "Neue Beratungszeiten",
            title_en="New advice hours",
            title_ar="مواعيد استشارة جديدة",
            summary_de="Ab Mai auch dienstags.",
            summary_en="From May also on Tuesdays.",
            summary_ar="ابتداءً من مايو أيضاً أيام الثلاثاء.",
            body_de="Die **Beratung** ist jetzt länger offen.",
            body_en="The **advice** is open longer now.",
            body_ar="الاستشارة مفتوحة لفترة أطول الآن.",
        ),
        "german": make_post("Nur auf Deutsch", body_de="Dieser Text ist nur deutsch."),
        "members": make_post("Interne Mitteilung", visibility=Post.Visibility.MEMBERS),
        "draft": make_post("Unfertiger Entwurf", days=None),
        "scheduled": make_post("Geplante Meldung", days=5),
    }


@pytest.mark.parametrize(
    ("lang", "title", "text"),
    [
        ("de", "Neue Beratungszeiten", "<strong>Beratung</strong>"),
        ("en", "New advice hours", "<strong>advice</strong>"),
        ("ar", "مواعيد استشارة جديدة", "الاستشارة مفتوحة"),
    ],
)
def test_a_news_item_in_each_language(client, posts, lang, title, text) -> None:
    html = html_of(client, url_in(lang, "news:detail", [posts["public"].slug]))
    assert f"<h1>{title}</h1>" in html
    assert text in html
    assert "fallback-note" not in html
    listing = html_of(client, url_in(lang, "news:list"))
    assert title in listing


def test_a_german_only_news_item_says_it_falls_back(client, posts) -> None:
    html = html_of(client, url_in("ar", "news:detail", [posts["german"].slug]))
    assert '<html lang="ar" dir="rtl">' in html
    assert "fallback-note" in html
    assert '<h1 lang="de" dir="ltr">Nur auf Deutsch</h1>' in html


@pytest.mark.parametrize("lang", ["fa", "tr", "ru", "uk"])
def test_other_languages_show_english_with_the_page_note(client, posts, lang) -> None:
    html = html_of(client, url_in(lang, "news:detail", [posts["public"].slug]))
    assert "page-language-note" in html
    assert '<h1 lang="en" dir="ltr">New advice hours</h1>' in html
    assert "Neue Beratungszeiten" not in html.split("<main", 1)[1]
    assert "New advice hours" in html_of(client, url_in(lang, "news:list"))


def test_the_list_shows_the_public_news_newest_first(client, posts) -> None:
    html = html_of(client, url_in("de", "news:list"))
    assert html.index("Nur auf Deutsch") < html.index("Neue Beratungszeiten")
    for hidden in ("Interne Mitteilung", "Unfertiger Entwurf", "Geplante Meldung"):
        assert hidden not in html


def test_members_also_read_members_only_news(member_client, posts) -> None:
    html = html_of(member_client, url_in("de", "news:list"))
    assert "Interne Mitteilung" in html
    assert "Unfertiger Entwurf" not in html
    assert member_client.get(posts["members"].get_absolute_url()).status_code == 200
    assert member_client.get(posts["draft"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", ["members", "draft", "scheduled"])
def test_anonymous_visitors_never_reach_hidden_news(client, posts, kind) -> None:
    assert client.get(posts[kind].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_coordinators_preview_unpublished_news(coordinator_client, posts, kind) -> None:
    html = html_of(coordinator_client, posts[kind].get_absolute_url())
    assert "notice-warn" in html
    assert reverse("news:manage-edit", args=[posts[kind].pk]) in html
    # Not in the public list, even for them.
    assert posts[kind].title_de not in html_of(coordinator_client, reverse("news:list"))


def test_the_list_is_paginated(client, network, make_post) -> None:
    for number in range(23):
        make_post(f"Meldung Nummer {number:02}", days=-1 - number)
    first = html_of(client, reverse("news:list"))
    assert "Meldung Nummer 00" in first and "Meldung Nummer 19" in first
    assert "Meldung Nummer 20" not in first
    second = html_of(client, reverse("news:list") + "?page=2")
    assert "Meldung Nummer 22" in second and "Meldung Nummer 00" not in second


def test_the_list_makes_a_fixed_number_of_queries(network, make_post, assert_fixed_query_count) -> None:
    organisation = Organisation.objects.create(name="Testverein Beispiel", slug="testverein", is_member=True)

    def add_rows(n: int) -> None:
        for _ in range(n):
            make_post(organisation=organisation)
            make_post(visibility=Post.Visibility.MEMBERS)

    assert_fixed_query_count(reverse("news:list"), add_rows)


def test_the_home_page_shows_the_latest_three_public_news(client, posts, make_post) -> None:
    for number in range(3):
        make_post(f"Aktuelle Meldung {number}", days=0)
    html = html_of(client, url_in("de", "network:home"))
    assert html.count('class="meeting-summary news-summary"') == 3
    assert "Aktuelle Meldung 0" in html
    assert "Neue Beratungszeiten" not in html
    assert "Interne Mitteilung" not in html


def test_the_home_page_makes_a_fixed_number_of_queries(network, make_post, assert_fixed_query_count) -> None:
    assert_fixed_query_count(url_in("de", "network:home"), lambda n: [make_post() for _ in range(n)])


def test_a_public_news_item_has_a_news_article_json_ld(client, posts) -> None:
    organisation = Organisation.objects.create(name="Testverein Beispiel", slug="testverein", is_member=True)
    Post.objects.filter(pk=posts["public"].pk).update(organisation=organisation)
    found = LD.findall(html_of(client, url_in("en", "news:detail", [posts["public"].slug])))
    assert len(found) == 1
    data = json.loads(found[0])
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "New advice hours"
    assert data["description"] == "From May also on Tuesdays."
    assert data["inLanguage"] == "en"
    assert data["url"].endswith(f"/en/news/{posts['public'].slug}/")
    assert data["publisher"] == {"@type": "Organization", "name": "Beispielnetzwerk"}
    assert data["about"]["name"] == "Testverein Beispiel"
    assert "datePublished" in data and "author" not in data


def test_members_only_news_has_no_json_ld(member_client, posts) -> None:
    assert not LD.findall(html_of(member_client, posts["members"].get_absolute_url()))


def test_news_pages_link_their_feeds(client, posts) -> None:
    for url in (reverse("news:list"), posts["public"].get_absolute_url()):
        html = html_of(client, url)
        assert f'<link rel="alternate" type="application/atom+xml" href="{reverse("news:feed")}"' in html


def test_the_main_navigation_links_the_news(client, posts) -> None:
    html = html_of(client, reverse("news:list"))
    assert f'<a href="{reverse("news:list")}" aria-current="page">' in html


def test_markdown_is_sanitised(client, network, make_post) -> None:
    post = make_post("Mit Skript", body_de="Hallo <script>alert(1)</script> [x](javascript:alert(1))")
    html = html_of(client, post.get_absolute_url())
    assert "<script>alert(1)</script>" not in html
    assert "javascript:alert" not in html

"""The Atom feeds: the network's news, meetings and public minutes, and nothing members-only;
and the news alone."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from meetings.models import Meeting, Minutes
from network.models import Network
from news.models import Post

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(
    client: Client, language: str = "de", path: str = "feed.atom"
) -> tuple[ET.Element, dict[str, ET.Element]]:
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own answer)
    return feed, {entry.findtext(f"{ATOM}title"): entry for entry in feed.iter(f"{ATOM}entry")}


@pytest.fixture
def published(db) -> dict[str, object]:
    Network.objects.create(name="Beispielnetzwerk")
    now = timezone.now().replace(microsecond=0)
    meeting = Meeting.objects.create(
        topic="Wohnen",
        topic_en="Housing",
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=10, hours=2),
    )
    cancelled = Meeting.objects.create(
        topic="Ausgefallen",
        starts_at=now + datetime.timedelta(days=40),
        ends_at=now + datetime.timedelta(days=40, hours=2),
        is_cancelled=True,
    )
    common = {"year": now.year, "held_on": now.date(), "body": "Text"}
    minutes = {
        "public": Minutes.objects.create(
            title="Öffentliches Protokoll",
            visibility=Minutes.Visibility.PUBLIC,
            status=Minutes.Status.APPROVED,
            approved_at=now,
            **common,
        ),
        "internal": Minutes.objects.create(
            title="Internes Protokoll",
            visibility=Minutes.Visibility.MEMBERS,
            status=Minutes.Status.APPROVED,
            approved_at=now,
            **common,
        ),
        "draft": Minutes.objects.create(
            title="Entwurf eines Protokolls",
            visibility=Minutes.Visibility.PUBLIC,
            status=Minutes.Status.DRAFT,
            **common,
        ),
    }
    day = datetime.timedelta(days=1)
    news = {
        "news": Post.objects.create(
            title_de="Neue Beratungszeiten",
            title_en="New advice hours",
            slug="neue-beratungszeiten",
            summary_de="Ab Mai auch dienstags.",
            body_de="Die **Beratung** ist länger offen.",
            published_at=now - day,
        ),
        "news-members": Post.objects.create(
            title_de="Interne Mitteilung",
            slug="interne-mitteilung",
            body_de="Nur für Mitglieder.",
            published_at=now - day,
            visibility=Post.Visibility.MEMBERS,
        ),
        "news-draft": Post.objects.create(title_de="Unfertiger Entwurf", slug="entwurf", body_de="Text"),
        "news-scheduled": Post.objects.create(
            title_de="Geplante Meldung", slug="geplant", body_de="Text", published_at=now + day
        ),
    }
    return {"meeting": meeting, "cancelled": cancelled, **minutes, **news}


def test_meetings_and_public_minutes_are_in_the_feed(client: Client, published) -> None:
    feed, found = entries(client)

    assert feed.findtext(f"{ATOM}title") == "Beispielnetzwerk"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
    meeting = next(entry for title, entry in found.items() if title.endswith(": Wohnen"))
    assert meeting.findtext(f"{ATOM}id") == f"urn:uuid:{published['meeting'].uid}"
    assert meeting.find(f"{ATOM}link").get("href").endswith(f"/de/meetings/{published['meeting'].pk}/")
    assert meeting.findtext(f"{ATOM}updated")
    assert any(title.startswith("Abgesagt: ") and "Ausgefallen" in title for title in found)
    minutes = found["Öffentliches Protokoll"]
    assert minutes.find(f"{ATOM}link").get("href").endswith(f"/de/minutes/entry/{published['public'].pk}/")
    assert "Protokoll der Sitzung am" in minutes.findtext(f"{ATOM}summary")


def test_members_only_and_draft_minutes_never_reach_the_feed(client: Client, published) -> None:
    _feed, found = entries(client)

    assert "Internes Protokoll" not in found
    assert "Entwurf eines Protokolls" not in found
    assert b"Internes Protokoll" not in client.get("/de/feed.atom").content


def test_the_feed_speaks_the_language_of_its_address(client: Client, published) -> None:
    feed, found = entries(client, "en")

    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert any(title.endswith(": Housing") for title in found)
    assert any(title.startswith("Cancelled: ") for title in found)


def test_old_entries_leave_the_feed(client: Client, published) -> None:
    long_ago = timezone.now() - datetime.timedelta(days=3 * 365)
    Meeting.objects.filter(pk=published["meeting"].pk).update(updated_at=long_ago)

    _feed, found = entries(client)

    assert not any(title.endswith(": Wohnen") for title in found)


def test_the_feed_makes_a_fixed_number_of_queries(client: Client, published, django_assert_max_num_queries):
    for day in range(20):
        Meeting.objects.create(
            topic=f"Sitzung {day}",
            starts_at=timezone.now() + datetime.timedelta(days=day),
            ends_at=timezone.now() + datetime.timedelta(days=day, hours=1),
        )
        Post.objects.create(
            title_de=f"Meldung {day}",
            slug=f"meldung-{day}",
            body_de="Text",
            published_at=timezone.now() - datetime.timedelta(days=day + 1),
        )
    with django_assert_max_num_queries(5):
        client.get("/de/feed.atom")
    with django_assert_max_num_queries(3):
        client.get("/de/news/feed.atom")


def test_texts_are_escaped_and_the_description_is_sanitised(client: Client, published) -> None:
    Meeting.objects.filter(pk=published["meeting"].pk).update(
        description="**Bitte** anmelden <script>alert(1)</script>", updated_at=timezone.now()
    )

    _feed, found = entries(client)

    meeting = next(entry for title, entry in found.items() if title.endswith(": Wohnen"))
    summary = meeting.findtext(f"{ATOM}summary")
    assert "<strong>Bitte</strong>" in summary
    assert "<script>" not in summary


def test_public_news_are_in_the_feed(client: Client, published) -> None:
    _feed, found = entries(client)

    news = found["Neue Beratungszeiten"]
    assert news.findtext(f"{ATOM}id") == f"tag:netzwerkportal,news:{published['news'].pk}"
    assert news.find(f"{ATOM}link").get("href").endswith("/de/news/neue-beratungszeiten/")
    summary = news.findtext(f"{ATOM}summary")
    assert "<p>Ab Mai auch dienstags.</p>" in summary
    assert "<strong>Beratung</strong>" in summary


@pytest.mark.parametrize("path", ["feed.atom", "news/feed.atom"])
def test_drafts_scheduled_and_members_only_news_never_reach_a_feed(client: Client, published, path) -> None:
    _feed, found = entries(client, path=path)

    assert "Neue Beratungszeiten" in found
    for title in ("Interne Mitteilung", "Unfertiger Entwurf", "Geplante Meldung"):
        assert title not in found
        assert title.encode() not in client.get(f"/de/{path}").content


def test_the_news_feed_has_only_news_in_the_language_of_its_address(client: Client, published) -> None:
    feed, found = entries(client, "en", "news/feed.atom")

    assert set(found) == {"New advice hours"}
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    self_link = next(link for link in feed.iter(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href").endswith("/en/news/feed.atom")


def test_news_in_a_language_of_no_page_fall_back_to_english(client: Client, published) -> None:
    _feed, found = entries(client, "fa", "news/feed.atom")
    assert set(found) == {"New advice hours"}

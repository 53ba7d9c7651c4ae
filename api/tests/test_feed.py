"""The Atom feed: the network's meetings and public minutes, and nothing members-only."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.utils import timezone

from meetings.models import Meeting, Minutes
from network.models import Network

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client: Client, language: str = "de") -> tuple[ET.Element, dict[str, ET.Element]]:
    response = client.get(f"/{language}/feed.atom")
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
    return {"meeting": meeting, "cancelled": cancelled, **minutes}


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
    with django_assert_max_num_queries(4):
        client.get("/de/feed.atom")


def test_texts_are_escaped_and_the_description_is_sanitised(client: Client, published) -> None:
    Meeting.objects.filter(pk=published["meeting"].pk).update(
        description="**Bitte** anmelden <script>alert(1)</script>", updated_at=timezone.now()
    )

    _feed, found = entries(client)

    meeting = next(entry for title, entry in found.items() if title.endswith(": Wohnen"))
    summary = meeting.findtext(f"{ATOM}summary")
    assert "<strong>Bitte</strong>" in summary
    assert "<script>" not in summary

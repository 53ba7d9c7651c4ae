"""/api/v1/minutes/: approved public minutes only, never members-only minutes or drafts."""

import pytest
from django.test import Client
from django.utils.http import http_date

pytestmark = pytest.mark.usefixtures("world")


def test_only_approved_public_minutes_are_listed(get, world):
    data = get("/api/v1/minutes/")

    assert [entry["id"] for entry in data["results"]] == [world.minutes.pk]
    entry = data["results"][0]
    assert entry["title"] == "Öffentliches Beispielprotokoll"
    assert entry["year"] == world.minutes.year
    assert entry["held_on"] == world.minutes.held_on.isoformat()
    assert entry["meeting"] == {
        "id": world.past.pk,
        "api": f"http://testserver/api/v1/meetings/{world.past.pk}/",
    }
    assert entry["urls"] == {
        "page": f"http://testserver/de/minutes/entry/{world.minutes.pk}/",
        "api": f"http://testserver/api/v1/minutes/{world.minutes.pk}/",
        "document": None,
    }


def test_minutes_by_year(get, world):
    assert get(f"/api/v1/minutes/?year={world.minutes.year}")["count"] == 1
    assert get(f"/api/v1/minutes/?year={world.minutes.year + 1}")["count"] == 0


def test_minutes_with_their_text_and_items(client: Client, get, world):
    data = get(f"/api/v1/minutes/{world.minutes.pk}/")

    assert data["text"] == "Die Sitzung begann pünktlich."
    assert data["items"] == [
        {"number": 1, "title": "Begrüßung", "discussion": "Alle sind da.", "decisions": "Keine."}
    ]
    # Approved minutes are locked: their modification time is that of their answer.
    last_modified = client.get(f"/api/v1/minutes/{world.minutes.pk}/")["Last-Modified"]
    assert last_modified == http_date(world.minutes.updated_at.timestamp())


def test_members_only_minutes_drafts_and_minutes_sent_for_corrections_are_not_found(client: Client, world):
    for minutes in world.hidden_minutes:
        assert client.get(f"/api/v1/minutes/{minutes.pk}/").status_code == 404, minutes.title

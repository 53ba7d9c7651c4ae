"""/api/v1/meetings/: what the meetings' public pages show, never the online link or attachments."""

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("world")


def test_upcoming_and_past_meetings(get, world):
    everything = get("/api/v1/meetings/")
    upcoming = get("/api/v1/meetings/?when=upcoming")
    past = get("/api/v1/meetings/?when=past")

    assert [meeting["id"] for meeting in everything["results"]] == [world.upcoming.pk, world.past.pk]
    assert [meeting["id"] for meeting in upcoming["results"]] == [world.upcoming.pk]
    assert [meeting["id"] for meeting in past["results"]] == [world.past.pk]


def test_a_meeting_in_the_list(get, world):
    [meeting] = get("/api/v1/meetings/?when=upcoming&lang=en")["results"]

    assert meeting["topic"] == "Housing"
    assert meeting["kind"] == {"value": "plenary", "label": "Plenary meeting"}
    assert meeting["place"] == {
        "name": "Beispielhaus",
        "room": "Saal 2",
        "address": "Beispielweg 1, 37000 Beispielstadt",
    }
    assert meeting["cancelled"] is False
    assert meeting["urls"] == {
        "page": f"http://testserver/en/meetings/{world.upcoming.pk}/",
        "calendar": f"http://testserver/en/meetings/{world.upcoming.pk}/calendar.ics",
        "api": f"http://testserver/api/v1/meetings/{world.upcoming.pk}/",
    }


def test_a_meeting_with_its_public_agenda(get, world):
    data = get(f"/api/v1/meetings/{world.upcoming.pk}/")

    assert data["topic"] == "Wohnen"
    first, second = data["agenda"]
    assert first == {
        "number": 1,
        "title": "Bericht aus der Beratung",
        # Peter Intern did not agree to be named to the public: only his organisation is.
        "presenter": {
            "person": None,
            "organisation": {
                "slug": "beispielverein-nord",
                "name": "Beispielverein Nord",
                "api": "http://testserver/api/v1/organisations/beispielverein-nord/",
            },
        },
        "duration_minutes": 20,
        "notes": "Kurzer Bericht.",
        "proposed_by_member": False,
    }
    # The online link, the attachments and people without consent are for members (`get`
    # checks that none of them appears anywhere in the answer).
    assert second["title"] == "Vorstellung"
    assert second["presenter"] == {"person": "Paula Öffentlich", "organisation": None}  # she agreed
    assert "online_url" not in data and "attachments" not in first


def test_a_past_meeting_links_its_public_minutes_only(get, world):
    data = get(f"/api/v1/meetings/{world.past.pk}/")

    assert data["minutes"] == [
        {
            "id": world.minutes.pk,
            "title": "Öffentliches Beispielprotokoll",
            "api": f"http://testserver/api/v1/minutes/{world.minutes.pk}/",
        }
    ]
    assert data["agenda"] == []


def test_an_unknown_meeting_is_not_found(client: Client):
    assert client.get("/api/v1/meetings/999999/").status_code == 404
    assert client.get("/api/v1/meetings/kein-treffen/").status_code == 422

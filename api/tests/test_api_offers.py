"""/api/v1/offers/: the directory's search with its filters; only offers the public directory shows."""

import pytest
from django.test import Client

from .conftest import offer_of

pytestmark = pytest.mark.usefixtures("world")


def titles(data: dict) -> list[str]:
    return [offer["title"] for offer in data["results"]]


def test_the_list_has_only_public_offers_by_name(get):
    data = get("/api/v1/offers/")

    assert titles(data) == ["Beispielberatung Wohnen", "Beispieltreff Jugend"]
    assert data["count"] == 2
    assert data["sort"] == "name"  # relevance needs words
    assert data["page_size"] == 50


def test_an_offer_in_the_list(get, world):
    [offer] = get("/api/v1/offers/?category=beispielberatung")["results"]

    assert offer["id"] == world.offer.pk
    assert offer["organisation"] == {
        "slug": "beispielverein-nord",
        "name": "Beispielverein Nord",
        "api": "http://testserver/api/v1/organisations/beispielverein-nord/",
    }
    assert offer["categories"] == [{"slug": "beispielberatung", "name": "Beispielberatung"}]
    assert offer["topics"] == [{"slug": "beispielwohnen", "name": "Beispielwohnen"}]
    assert offer["target_groups"] == []
    assert offer["languages"] == [{"code": "ar", "name": "Arabisch"}]
    assert [channel["value"] for channel in offer["channels"]] == ["in_person", "by_phone"]
    assert offer["free_of_charge"] is True
    assert offer["places"] == [
        {
            "name": "",
            "street": "",
            "postcode": "",
            "city": "Beispielstadt",
            "district": {"value": "city", "label": "Stadt"},
            "latitude": 51.533,
            "longitude": 9.935,
            "step_free": True,
        }
    ]
    assert offer["needs_confirmation"] is False
    assert offer["urls"] == {
        "page": f"http://testserver/de/offers/{world.offer.pk}/",
        "api": f"http://testserver/api/v1/offers/{world.offer.pk}/",
        "hsds": f"http://testserver/de/offers/hsds/services/{world.offer.pk}.json",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=Wohnungssuche", ["Beispielberatung Wohnen"]),
        ("q=Beispieltreff", ["Beispieltreff Jugend"]),
        ("category=beispielberatung", ["Beispielberatung Wohnen"]),
        ("topic=beispielwohnen", ["Beispielberatung Wohnen"]),
        ("language=ar", ["Beispielberatung Wohnen"]),
        ("city=Beispieldorf", ["Beispieltreff Jugend"]),
        ("district=county", ["Beispieltreff Jugend"]),
        ("channel=by_chat", ["Beispieltreff Jugend"]),
        ("channel=by_phone", ["Beispielberatung Wohnen"]),
        ("free=true", ["Beispielberatung Wohnen"]),
        ("category=keine-solche", []),
        ("q=Abgelaufenes", []),  # an expired offer is found by nothing
    ],
)
def test_filters_as_on_the_search_page(get, query: str, expected: list[str]):
    assert titles(get(f"/api/v1/offers/?{query}")) == expected


def test_distance_from_a_place(get):
    data = get("/api/v1/offers/?sort=distance&lat=51.54&lng=9.93")

    assert data["sort"] == "distance"
    assert titles(data) == ["Beispielberatung Wohnen", "Beispieltreff Jugend"]  # without coordinates: last
    assert data["results"][0]["distance_km"] == pytest.approx(0.85, abs=0.05)
    assert data["results"][1]["distance_km"] is None


def test_sort_by_distance_needs_a_place(get):
    assert get("/api/v1/offers/?sort=distance")["sort"] == "name"


def test_pages_of_the_search(get, world):
    data = get("/api/v1/offers/?page=2")

    assert data["results"] == []  # past the last page: empty, not the last page again
    assert data["count"] == 2
    assert data["previous"] == "http://testserver/api/v1/offers/?page=1"


def test_an_offer(get, world):
    data = get(f"/api/v1/offers/{world.offer.pk}/?lang=en")

    assert data["title"] == "Example housing advice"
    assert data["description"] == "Hilfe bei der Wohnungssuche."  # not translated: German
    assert data["email"] == "wohnen@nord.example.org"
    assert data["categories"] == [{"slug": "beispielberatung", "name": "Example counselling"}]
    assert data["urls"]["page"] == f"http://testserver/en/offers/{world.offer.pk}/"


def test_offers_the_directory_does_not_show_are_not_found(client: Client, world):
    for offer in world.hidden_offers:
        response = client.get(f"/api/v1/offers/{offer.pk}/")
        assert response.status_code == 404, offer.title


@pytest.mark.parametrize(
    "query", ["district=mars", "channel=by_pigeon", "sort=price", "lat=91&lng=0", "q=" + "x" * 201]
)
def test_values_the_api_does_not_know_are_refused(client: Client, query: str):
    assert client.get(f"/api/v1/offers/?{query}").status_code == 422


def test_text_that_no_database_takes_is_left_out(get):
    assert titles(get("/api/v1/offers/?q=Beispieltreff%00&city=%00")) == ["Beispieltreff Jugend"]


def test_offers_come_in_pages_of_fifty_or_as_asked(client: Client, get, world):
    for number in range(60):
        offer_of(world.north, f"Beispielangebot {number:02}")

    first = get("/api/v1/offers/")
    second = get("/api/v1/offers/?page=2")
    small = get("/api/v1/offers/?page_size=7&page=3")

    assert len(first["results"]) == 50
    assert first["count"] == 62
    assert len(second["results"]) == 12
    assert titles(small) == [f"Beispielangebot {number:02}" for number in range(14, 21)]
    assert client.get("/api/v1/offers/?page_size=101").status_code == 422

"""/api/v1/organisations/: public profiles of the members, never their contact people."""

import datetime
import json

import pytest
from django.test import Client
from django.utils.http import http_date

from members.models import Organisation

pytestmark = pytest.mark.usefixtures("world")


def test_the_list_has_the_members_and_umbrellas_by_name_and_no_former_member(get):
    data = get("/api/v1/organisations/")

    names = [organisation["name"] for organisation in data["results"]]
    assert names == ["Beispieldachverband", "Beispieldachverband Jugend", "Beispielverein Nord"]
    assert data["count"] == 3
    assert data["next"] is None and data["previous"] is None


def test_an_organisation_has_its_public_profile(get, world):
    data = get("/api/v1/organisations/beispielverein-nord/")

    assert data["name"] == "Beispielverein Nord"
    assert data["kind"] == {"slug": "beispielart", "name": "Beispielart"}
    assert data["member"] is True
    assert data["member_since"] == "2010-05-01"
    assert data["description"] == "Ein erfundener Verein."
    assert (data["website"], data["email"], data["phone"]) == (
        "https://nord.example.org/",
        "info@nord.example.org",
        "0551 000000",
    )
    assert data["address"] == {
        "street": "Beispielweg 1",
        "postcode": "37000",
        "city": "Beispielstadt",
        "district": {"value": "city", "label": "Stadt"},
    }
    assert data["urls"] == {
        "page": "http://testserver/de/members/beispielverein-nord/",
        "api": "http://testserver/api/v1/organisations/beispielverein-nord/",
        "hsds": "http://testserver/de/offers/hsds/organizations/beispielverein-nord.json",
        "logo": None,
    }
    # Contact people are not part of it, not even those who agreed to be shown on its page
    # (the `get` fixture also checks that the others and all their addresses appear nowhere).
    assert "Paula Öffentlich" not in json.dumps(data, ensure_ascii=False)


def test_an_umbrella_names_its_member_units_and_a_unit_its_umbrella(get):
    umbrella = get("/api/v1/organisations/beispieldachverband/")
    unit = get("/api/v1/organisations/beispieldachverband-jugend/")

    assert umbrella["member"] is False
    assert umbrella["units"] == [
        {
            "slug": "beispieldachverband-jugend",
            "name": "Beispieldachverband Jugend",
            "api": "http://testserver/api/v1/organisations/beispieldachverband-jugend/",
        }
    ]
    assert unit["parent"]["slug"] == "beispieldachverband"


def test_a_former_member_is_not_found(client: Client):
    response = client.get("/api/v1/organisations/ehemaliger-beispielverein/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_filter_by_kind(get):
    assert [each["slug"] for each in get("/api/v1/organisations/?kind=beispielart")["results"]] == [
        "beispielverein-nord"
    ]
    assert get("/api/v1/organisations/?kind=keine-solche-art")["count"] == 0


def test_pages_link_to_each_other(get):
    first = get("/api/v1/organisations/?page_size=2")
    second = get("/api/v1/organisations/?page_size=2&page=2")

    assert [first["count"], len(first["results"]), len(second["results"])] == [3, 2, 1]
    assert first["next"] == "http://testserver/api/v1/organisations/?page_size=2&page=2"
    assert second["previous"] == "http://testserver/api/v1/organisations/?page_size=2&page=1"
    assert second["next"] is None


def test_a_page_past_the_last_is_empty(get):
    data = get("/api/v1/organisations/?page=7")

    assert data["results"] == []
    assert data["count"] == 3
    assert data["previous"] == "http://testserver/api/v1/organisations/?page=1"


@pytest.mark.parametrize("query", ["page=0", "page_size=0", "page_size=101", "page=x", "lang=xx"])
def test_parameters_out_of_range_are_refused(client: Client, query: str):
    response = client.get(f"/api/v1/organisations/?{query}")

    assert response.status_code == 422
    assert response.json()["detail"]


def test_translated_texts_in_the_language_asked_for(get):
    assert (
        get("/api/v1/organisations/beispielverein-nord/?lang=en")["description"] == "A made-up association."
    )
    by_header = get("/api/v1/organisations/beispielverein-nord/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert by_header["kind"]["name"] == "Example kind"
    # Not translated into Arabic: in German.
    assert (
        get("/api/v1/organisations/beispielverein-nord/?lang=ar")["description"] == "Ein erfundener Verein."
    )


def test_last_modified_is_the_latest_change_of_the_organisation_its_parent_and_units(client: Client, world):
    Organisation.objects.filter(pk=world.unit.pk).update(
        updated_at=datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    )

    for slug in ("beispieldachverband", "beispieldachverband-jugend"):
        assert (
            client.get(f"/api/v1/organisations/{slug}/")["Last-Modified"] == "Wed, 02 Jan 2030 03:04:05 GMT"
        )
    north = client.get("/api/v1/organisations/beispielverein-nord/")
    assert north["Last-Modified"] == http_date(world.north.updated_at.timestamp())
    # A list changes when an organisation leaves it, which leaves no time behind: ETag only.
    assert not client.get("/api/v1/organisations/").has_header("Last-Modified")

"""What every answer of the API has in common: the index and schema, conditional requests
(ETag, Last-Modified, 304), HEAD, CORS and the rate limit."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.usefixtures("world")

EVERY_KIND = [
    "/api/v1/",
    "/api/v1/organisations/",
    "/api/v1/offers/",
    "/api/v1/meetings/",
    "/api/v1/minutes/",
]


def test_the_index_names_the_resources_and_the_other_open_data(get):
    data = get("/api/v1/?lang=en")

    assert data["name"] == "Beispielnetzwerk"
    assert data["language"] == "en"
    assert data["languages"] == ["de", "en", "ar", "fa", "tr", "ru", "uk"]
    assert data["offers"] == "http://testserver/api/v1/offers/"
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"
    # HSDS and the feeds are where they are, not copied.
    assert data["hsds_services"] == "http://testserver/en/offers/hsds/services.json"
    assert data["hsds_organizations"] == "http://testserver/en/offers/hsds/organizations.json"
    assert data["feed"] == "http://testserver/en/feed.atom"
    assert data["calendar"] == "http://testserver/en/meetings/calendar.ics"


def test_the_openapi_schema_describes_every_resource(client: Client):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/",
        "/api/v1/organisations/",
        "/api/v1/organisations/{slug}/",
        "/api/v1/offers/",
        "/api/v1/offers/{pk}/",
        "/api/v1/meetings/",
        "/api/v1/meetings/{pk}/",
        "/api/v1/minutes/",
        "/api/v1/minutes/{pk}/",
    }


def test_the_interactive_docs_use_the_portals_own_files(client: Client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'src="/static/ninja/swagger-ui-bundle.js"' in page
    assert 'src="/static/ninja/swagger-ui-init.js"' in page
    assert "cdn" not in page


@pytest.mark.parametrize("path", EVERY_KIND)
def test_an_unchanged_answer_is_not_sent_again(client: Client, path: str):
    first = client.get(path)
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Access-Control-Allow-Origin"] == "*"
    assert client.get(path, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_the_etag_changes_with_the_data_and_the_language(client: Client, world):
    path = f"/api/v1/offers/{world.offer.pk}/"
    etag = client.get(path)["ETag"]

    assert client.get(path, {"lang": "en"})["ETag"] != etag
    world.offer.title_de = "Beispielberatung Wohnen und Leben"
    world.offer.save()
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_not_modified_since(client: Client, world):
    path = f"/api/v1/offers/{world.offer.pk}/"
    last_modified = client.get(path)["Last-Modified"]

    assert client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200
    # If-None-Match decides when both are sent (RFC 9110).
    assert (
        client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified, HTTP_IF_NONE_MATCH='"old"').status_code == 200
    )


def test_head_is_get_without_the_body(client: Client):
    get = client.get("/api/v1/offers/")
    head = client.head("/api/v1/offers/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", [*EVERY_KIND, "/api/v1/offers/999999/", "/api/v1/offers/?page=0"])
def test_any_site_may_read_the_api_without_credentials(client: Client, path: str):
    response = client.get(path, HTTP_ORIGIN="https://andere-seite.example")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Last-Modified" in response["Access-Control-Expose-Headers"]
    assert not response.has_header("Access-Control-Allow-Credentials")
    assert "Accept-Language" in response["Vary"]


def test_a_preflight_allows_the_conditional_headers(client: Client):
    response = client.options(
        "/api/v1/offers/",
        HTTP_ORIGIN="https://andere-seite.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert {"If-None-Match", "If-Modified-Since"} <= set(response["Access-Control-Allow-Headers"].split(", "))
    assert not response.has_header("Access-Control-Allow-Credentials")


def test_the_api_only_reads(client: Client):
    assert client.post("/api/v1/offers/").status_code == 405
    assert client.delete("/api/v1/organisations/beispielverein-nord/").status_code == 405


def test_the_rate_limit_answers_429_with_retry_after(client: Client, settings):
    settings.API_RATE_LIMIT = "3/m"

    answers = [client.get("/api/v1/offers/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    refused = client.get("/api/v1/organisations/")  # counted for the address, not the resource
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused["Access-Control-Allow-Origin"] == "*"
    # Another address has its own count.
    assert client.get("/api/v1/offers/", REMOTE_ADDR="192.0.2.8").status_code == 200


def test_with_a_cache_table_all_processes_count_together(client: Client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "test_api_cache"}
    }
    call_command("createcachetable", verbosity=0)
    settings.API_RATE_LIMIT = "2/m"

    assert [client.get("/api/v1/").status_code for _ in range(2)] == [200, 200]
    # The count is in the database, where another process finds it, not in this one's memory.
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM test_api_cache")
        assert [key for (key,) in cursor.fetchall() if "throttle_api_127.0.0.1" in key]
    caches["default"].close()
    assert client.get("/api/v1/").status_code == 429


def test_behind_the_proxy_the_address_it_saw_counts(client: Client, settings):
    settings.API_RATE_LIMIT = "1/h"
    settings.BEHIND_PROXY = True

    assert client.get("/api/v1/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    # What comes before the proxy's own entry is the visitor's to make up: it does not count.
    assert client.get("/api/v1/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1").status_code == 429
    assert client.get("/api/v1/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_without_a_rate_limit_nothing_is_counted(client: Client, settings):
    settings.API_RATE_LIMIT = ""

    assert {client.get("/api/v1/").status_code for _ in range(5)} == {200}

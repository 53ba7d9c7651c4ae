"""The import against a real second portal: this project, started on 127.0.0.1 with its own
database (conftest.OtherPortal), its API read over HTTP."""

import pytest
from django.test import Client
from django.urls import reverse

from federation.importer import ImportFailed, import_neighbour
from federation.models import Neighbour
from members.models import Organisation
from offers.models import Offer
from offers.search import SearchParams, search

pytestmark = pytest.mark.django_db


def test_import_update_and_delete_from_a_second_portal(other_portal, local_lists, own_offer, client: Client):
    neighbour = Neighbour.objects.create(name="Nachbarnetz", slug="nachbar", api_url=other_portal.api_url)

    result = import_neighbour(neighbour)

    # The three public offers there; not the inactive one, nor that of an organisation that left.
    assert (result.created, result.updated, result.deleted) == (3, 0, 0)
    # A topic, a topic's slug and a language this portal does not have are left out.
    assert result.skipped_terms == 3
    imported = {offer.title_de: offer for offer in Offer.objects.filter(neighbour=neighbour)}
    assert set(imported) == {"Testangebot Wohnberatung", "Testangebot Sprachcafé", "Testangebot Gleichname"}
    housing = imported["Testangebot Wohnberatung"]
    assert housing.title_en == "Test offer housing advice"
    assert housing.title_ar == ""  # not translated there: shown in German here, and said so
    assert housing.description_de == "Beratung zu **Wohnungssuche**."
    assert housing.remote_url.startswith(other_portal.api_url.replace("/api/v1/", "/de/offers/"))
    assert housing.email == "beratung@nord.example.org"
    assert housing.free_of_charge is True and housing.in_person is True
    assert [term.slug for term in housing.terms.all()] == ["beratung"]
    assert sorted(housing.languages.values_list("code", flat=True)) == ["ar", "de"]
    assert [place.city for place in housing.locations.all()] == ["Nachbarstadt"]
    north = housing.organisation
    assert (north.neighbour, north.remote_id, north.slug) == (
        neighbour,
        "testverein-nord",
        "nachbar-testverein-nord",
    )
    assert north.remote_url.endswith("/en/members/testverein-nord/")
    assert north.description_de == "Ein erfundener Verein."
    # Its name was taken here: the neighbour's name tells them apart.
    same = imported["Testangebot Gleichname"].organisation
    assert same.name == "Testverein Gleichname (Nachbarnetz)"
    neighbour.refresh_from_db()
    assert neighbour.imported_at and neighbour.last_error == ""

    # Found in the public search, marked with where it comes from and linked there.
    found = search(SearchParams(q="Wohnungssuche"))
    assert [offer.pk for offer in found.page.object_list] == [housing.pk]
    page = client.get(reverse("offers:search"), {"q": "Wohnberatung"}).content.decode()
    assert 'class="offer-source"' in page and "Nachbarnetz" in page
    assert housing.remote_url in page
    detail = client.get(reverse("offers:detail", args=[housing.pk])).content.decode()
    assert housing.remote_url in detail and north.remote_url in detail
    # The organisation's page is the neighbour's.
    response = client.get(reverse("members:organisation", args=[north.slug]))
    assert response.status_code == 302 and response["Location"] == north.remote_url

    # Never passed off as this network's own: not in its API, HSDS or members list.
    api = client.get("/api/v1/offers/", {"page_size": 100}).json()
    assert [offer["title"] for offer in api["results"]] == ["Eigenes Testangebot"]
    assert client.get(f"/api/v1/offers/{housing.pk}/").status_code == 404
    assert client.get(f"/api/v1/organisations/{north.slug}/").status_code == 404
    organisations = client.get("/api/v1/organisations/").json()
    assert [each["slug"] for each in organisations["results"]] == ["testverein-gleichname"]
    services = client.get(reverse("offers:hsds-services")).content.decode()
    assert "Eigenes Testangebot" in services and "Wohnberatung" not in services
    members = client.get(reverse("members:list")).content.decode()
    assert "Testverein Beispiel Nord" not in members

    # Unchanged there: nothing changes here.
    again = import_neighbour(neighbour)
    assert (again.created, again.updated, again.deleted, again.unchanged) == (0, 0, 0, 3)

    # Changed and deleted there: updated and deleted here.
    other_portal.run("change")
    changed = import_neighbour(neighbour)
    assert (changed.created, changed.updated, changed.deleted, changed.unchanged) == (0, 1, 1, 1)
    housing.refresh_from_db()
    assert housing.title_de == "Testangebot Wohnberatung neu"
    assert housing.by_video is True
    assert list(housing.languages.values_list("code", flat=True)) == ["de"]
    assert not Offer.objects.filter(neighbour=neighbour, title_de="Testangebot Sprachcafé").exists()
    found = search(SearchParams(q="online")).page.object_list
    assert [offer.title_de for offer in found] == [housing.title_de]
    assert search(SearchParams(q="Sprachcafé")).total == 0

    # Unreachable: nothing changes, and the neighbour says why.
    neighbour.api_url = "http://127.0.0.1:9/api/v1/"
    neighbour.save()
    with pytest.raises(ImportFailed):
        import_neighbour(neighbour)
    neighbour.refresh_from_db()
    assert "could not be reached" in neighbour.last_error or "127.0.0.1:9" in neighbour.last_error
    assert Offer.objects.filter(neighbour=neighbour).count() == 2

    # JSON, but not a portal's API (its HSDS export): the same.
    neighbour.api_url = other_portal.api_url.replace("/api/v1/", "/de/offers/hsds/services.json")
    neighbour.save()
    with pytest.raises(ImportFailed):
        import_neighbour(neighbour)
    neighbour.refresh_from_db()
    assert "does not answer like the open data API" in neighbour.last_error
    assert Offer.objects.filter(neighbour=neighbour).count() == 2
    assert Organisation.objects.filter(neighbour=neighbour).count() == 2

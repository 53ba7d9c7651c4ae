"""The coordinators' screen of the neighbouring networks."""

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from federation import forms
from federation.client import FetchError
from federation.models import Neighbour
from members.models import AuditEntry, Organisation
from offers.models import Offer

pytestmark = pytest.mark.django_db
API = "https://nachbar.example.org/api/v1/"


class FakeIndex:
    def __init__(self, name: str) -> None:
        self.name = name

    def text(self, key: str) -> str:
        return self.name


@pytest.fixture
def api_answers(monkeypatch) -> dict:
    """url -> the network name its API gives, or a FetchError."""
    answers: dict = {}

    def read_index(url: str) -> FakeIndex:
        answer = answers.get(url, FetchError(f"{url} could not be reached: refused."))
        if isinstance(answer, Exception):
            raise answer
        return FakeIndex(answer)

    monkeypatch.setattr(forms, "read_index", read_index)
    return answers


def test_a_coordinator_adds_a_neighbour_whose_api_answers(coordinator_client: Client, api_answers):
    api_answers[API] = "Testnetz Nachbar"
    data = {"name": "Testnetz Nachbar", "slug": "nachbar", "api_url": API.rstrip("/"), "is_active": "on"}
    response = coordinator_client.post(reverse("federation:manage-neighbour-new"), data)
    assert response.status_code == 302
    neighbour = Neighbour.objects.get()
    assert neighbour.api_url == API  # with its slash
    assert AuditEntry.objects.filter(object_type="federation.neighbour", action="create").exists()


def test_an_address_that_does_not_answer_like_a_portal_is_refused(coordinator_client: Client, api_answers):
    data = {
        "name": "Testnetz",
        "slug": "testnetz",
        "api_url": "https://nichts.example.org/",
        "is_active": "on",
    }
    response = coordinator_client.post(reverse("federation:manage-neighbour-new"), data)
    assert response.status_code == 200
    assert "could not be reached" in response.content.decode()
    data["api_url"] = "ftp://nachbar.example.org/api/v1/"
    response = coordinator_client.post(reverse("federation:manage-neighbour-new"), data)
    assert "https://" in response.content.decode()
    assert not Neighbour.objects.exists()


def test_the_list_counts_offers_in_a_fixed_number_of_queries(
    client: Client, coordinator, assert_fixed_query_count, local_lists
):
    count = iter(range(1000))

    def add(n: int) -> None:
        for _ in range(n):
            number = next(count)
            neighbour = Neighbour.objects.create(
                name=f"Testnetz {number}", slug=f"t{number}", api_url=f"{API}{number}/"
            )
            organisation = Organisation.objects.create(
                name=f"Testverein {number}", slug=f"tv-{number}", neighbour=neighbour, remote_id="x"
            )
            Offer.objects.create(
                organisation=organisation, neighbour=neighbour, remote_id="1", title_de="Test"
            )

    client.force_login(coordinator)  # the client that count_queries uses
    add(1)
    page = client.get(reverse("federation:manage-neighbours")).content.decode()
    assert "Testnetz 0" in page
    assert_fixed_query_count(reverse("federation:manage-neighbours"), add)


def test_import_now_queues_the_task(coordinator_client: Client):
    neighbour = Neighbour.objects.create(name="Testnetz", slug="testnetz", api_url=API)
    response = coordinator_client.post(reverse("federation:manage-neighbour-import", args=[neighbour.pk]))
    assert response.status_code == 302
    task = DBTaskResult.objects.get()
    assert task.task_path == "federation.tasks.import_neighbour_now"
    assert task.args_kwargs["args"] == [neighbour.pk]


def test_removing_a_neighbour_removes_its_offers_after_confirmation(coordinator_client: Client, local_lists):
    neighbour = Neighbour.objects.create(name="Testnetz", slug="testnetz", api_url=API)
    organisation = Organisation.objects.create(
        name="Testverein Fern", slug="fern", neighbour=neighbour, remote_id="x"
    )
    Offer.objects.create(organisation=organisation, neighbour=neighbour, remote_id="1", title_de="Fern")
    url = reverse("federation:manage-neighbour-delete", args=[neighbour.pk])
    assert "1 imported offer" in coordinator_client.get(url).content.decode()
    assert Neighbour.objects.exists()
    assert coordinator_client.post(url).status_code == 302
    assert not Neighbour.objects.exists() and not Offer.objects.exists()
    assert Organisation.objects.filter(neighbour__isnull=True).count() == 1


def test_imported_offers_are_not_kept_in_the_members_area(coordinator_client: Client, local_lists, own_offer):
    neighbour = Neighbour.objects.create(name="Testnetz", slug="testnetz", api_url=API)
    organisation = Organisation.objects.create(
        name="Testverein Fern", slug="fern", neighbour=neighbour, remote_id="x"
    )
    imported = Offer.objects.create(
        organisation=organisation, neighbour=neighbour, remote_id="1", title_de="Fern"
    )
    offers = coordinator_client.get(reverse("offers:manage-offers")).content.decode()
    assert "Eigenes Testangebot" in offers and "Fern" not in offers
    assert coordinator_client.get(reverse("offers:manage-offer", args=[imported.pk])).status_code == 403
    organisations = coordinator_client.get(reverse("members:manage-organisations")).content.decode()
    assert "Testverein Fern" not in organisations

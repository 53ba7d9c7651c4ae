"""Edge cases of the import, with the neighbour's API answered from a dict (no network)."""

import copy

import pytest

from federation import remote
from federation.client import FetchError, check_address, get_json
from federation.importer import ImportFailed, import_neighbour
from federation.models import Neighbour
from members.models import Organisation
from offers.models import Offer

pytestmark = pytest.mark.django_db
API = "https://nachbar.example.org/api/v1/"
OFFER = {
    "id": 7,
    "title": "Testangebot Fern",
    "organisation": {"slug": "testverein-fern", "name": "Testverein Fern", "api": f"{API}organisations/x/"},
    "categories": [{"slug": "beratung", "name": "Beratung"}],
    "topics": [],
    "target_groups": [],
    "languages": [{"code": "de", "name": "Deutsch"}],
    "channels": [{"value": "by_phone", "label": "Telefonisch"}],
    "free_of_charge": None,
    "places": [],
    "needs_confirmation": False,
    "updated_at": "2026-01-02T03:04:05.678Z",
    "urls": {"page": "https://nachbar.example.org/de/offers/7/", "api": f"{API}offers/7/", "hsds": "x"},
}
DETAIL = {
    **OFFER,
    "description": "Text",
    "opening_hours": "",
    "by_appointment": False,
    "fees_description": "",
    "eligibility": "",
    "application_process": "",
    "required_documents": "",
    "minimum_age": None,
    "maximum_age": None,
    "interpreting": False,
    "interpreting_note": "",
    "website": "",
    "email": "",
    "phone": "",
    "valid_from": None,
    "valid_until": None,
    "last_confirmed_on": "2026-01-01",
}
ORGANISATION = {
    "slug": "testverein-fern",
    "name": "Testverein Fern",
    "description": "",
    "website": "",
    "email": "",
    "phone": "",
    "address": {"street": "", "postcode": "", "city": "Fernstadt", "district": None},
    "urls": {"page": "https://nachbar.example.org/de/members/testverein-fern/"},
}


def page(results: list) -> dict:
    return {"count": len(results), "next": None, "results": results}


@pytest.fixture
def answers(monkeypatch) -> dict:
    """What the fake API answers, by address without its query; change it in a test."""
    data = {
        API: {
            "name": "Testnetz Fern",
            "languages": ["de", "en"],
            "offers": f"{API}offers/",
            "organisations": f"{API}organisations/",
        },
        f"{API}offers/": page([OFFER]),
        f"{API}offers/7/": DETAIL,
        f"{API}organisations/": page([ORGANISATION]),
    }
    data = copy.deepcopy(data)

    def fake(url: str, base: str, sleep=None) -> object:  # noqa: ANN001
        check_address(url, base)
        key = url.split("?", 1)[0]
        if key not in data:
            raise FetchError(f"{url} answered 404 Not Found.")
        return data[key]

    monkeypatch.setattr(remote, "get_json", fake)
    return data


@pytest.fixture
def neighbour(db) -> Neighbour:
    return Neighbour.objects.create(name="Fernnetz", slug="fern", api_url=API)


def test_a_valid_answer_is_imported(answers, neighbour, local_lists):
    result = import_neighbour(neighbour)
    assert (result.created, result.skipped_terms) == (1, 0)
    offer = Offer.objects.get(neighbour=neighbour)
    assert (offer.remote_id, offer.title_de, offer.by_phone, offer.title_en) == (
        "7",
        "Testangebot Fern",
        True,
        "",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda a: a[f"{API}offers/"]["results"][0].pop("updated_at"), "“updated_at” is missing"),
        (lambda a: a[f"{API}offers/"]["results"][0].update(free_of_charge="ja"), "“free_of_charge”"),
        (lambda a: a[f"{API}offers/7/"].update(phone="1" * 51), "longer than 50"),
        (lambda a: a[f"{API}offers/7/"].update(website="javascript:alert(1)"), "“website”"),
        (lambda a: a[f"{API}offers/"]["results"].append(a[f"{API}offers/"]["results"][0]), "twice"),
        (lambda a: a[f"{API}organisations/"].update(results=[]), "does not list the organisation"),
        (
            lambda a: a[f"{API}offers/"].update(next="https://elsewhere.example.org/api/v1/offers/"),
            "another host",
        ),
        (lambda a: a[API].pop("offers"), "does not answer like the open data API"),
        (lambda a: a.update({f"{API}offers/": ["not", "an", "object"]}), "not a JSON object"),
    ],
)
def test_a_bad_answer_changes_nothing_and_says_why(answers, neighbour, local_lists, change, message):
    import_neighbour(neighbour)
    before = list(Offer.objects.values_list("pk", "title_de", "updated_at"))
    answers[f"{API}offers/7/"] = {**DETAIL, "title": "Geändert", "updated_at": "2026-02-02T00:00:00Z"}
    answers[f"{API}offers/"]["results"][0]["updated_at"] = "2026-02-02T00:00:00Z"
    change(answers)
    with pytest.raises(ImportFailed):
        import_neighbour(neighbour)
    neighbour.refresh_from_db()
    assert message in neighbour.last_error
    assert list(Offer.objects.values_list("pk", "title_de", "updated_at")) == before


def test_invalid_json_is_a_clear_error(monkeypatch):
    class Response:
        headers = type("H", (), {"get_content_type": staticmethod(lambda: "application/json")})()

        def read(self, size: int) -> bytes:
            return b'{"name": NaN'

        def __enter__(self):  # noqa: ANN204
            return self

        def __exit__(self, *args: object) -> None:
            pass

    monkeypatch.setattr("urllib.request.OpenerDirector.open", lambda self, request, timeout: Response())
    with pytest.raises(FetchError, match="invalid JSON"):
        get_json(API, API)


def test_only_http_on_the_neighbours_host():
    with pytest.raises(FetchError, match="not a web address"):
        check_address("file:///etc/passwd", API)
    with pytest.raises(FetchError, match="another host"):
        check_address("http://127.0.0.1/", API)


def test_a_name_taken_here_gets_the_neighbours_name(answers, neighbour, local_lists):
    Organisation.objects.create(name="Testverein Fern", slug="testverein-fern")
    import_neighbour(neighbour)
    imported = Organisation.objects.get(neighbour=neighbour)
    assert (imported.name, imported.slug) == ("Testverein Fern (Fernnetz)", "fern-testverein-fern")
    assert not Organisation.objects.members().filter(pk=imported.pk).exists()


def test_texts_are_read_again_only_when_changed_there(answers, neighbour, local_lists, monkeypatch):
    import_neighbour(neighbour)
    asked = []
    monkeypatch.setattr(remote, "_read_details", lambda offer, base, languages: asked.append(offer.remote_id))
    assert import_neighbour(neighbour).unchanged == 1
    assert asked == []


def test_an_organisation_no_longer_named_is_removed(answers, neighbour, local_lists):
    import_neighbour(neighbour)
    answers[f"{API}offers/"] = page([])
    result = import_neighbour(neighbour)
    assert result.deleted == 1
    assert not Organisation.objects.filter(neighbour=neighbour).exists()

"""Editions: numbered, started by coordinators, printed by the task worker, downloaded by all."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from handbook import services
from handbook.models import Build, Edition
from members.models import AuditEntry, User

from .sample import make_handbook_sample


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def english() -> None:
    """The pages in English (reverse() gives /en/ addresses): their words are the msgids,
    whatever the translations say."""
    translation.activate("en")


@pytest.fixture
def coordinator(demo, coordinator: User) -> User:
    """The root conftest's coordinator, in the Göttingen demo."""
    return coordinator


def run_worker() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0)


def start(client: Client, languages=("de",), paper="a4"):
    return client.post(reverse("handbook:manage-edition-new"), {"languages": list(languages), "paper": paper})


def test_the_next_edition_after_the_seeds_second_is_the_third(demo, coordinator):
    assert list(Edition.objects.values_list("number", flat=True)) == [2]  # September 2006, on paper
    assert Edition.objects.next_number() == 3
    third = services.start_edition(["de", "en"], "a5", coordinator)
    assert third.number == 3
    assert sorted(third.builds.values_list("language", "paper", "status")) == [
        ("de", "a5", "queued"),
        ("en", "a5", "queued"),
    ]
    # While the third is being printed, no fourth can be started (a second click, a second coordinator).
    with pytest.raises(services.EditionBusy):
        services.start_edition(["de"], "a4", coordinator)
    third.builds.update(status=Build.Status.DONE)
    assert services.start_edition(["de"], "a4", coordinator).number == 4
    assert AuditEntry.objects.filter(action="create", object_type="handbook.edition").count() == 2


def test_a_coordinator_starts_an_edition_that_the_worker_prints(coordinator_client):
    page = coordinator_client.get(reverse("handbook:manage-editions"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Start edition 3" in html
    assert "Printed only, not available digitally" in html  # the 2nd edition of 2006
    assert "The foreword is empty, so the handbook is printed without one." in html

    response = start(coordinator_client, ["de", "en"], "a4")
    assert response.status_code == 302
    assert Build.objects.filter(edition__number=3, status=Build.Status.QUEUED).count() == 2
    html = coordinator_client.get(reverse("handbook:manage-editions")).content.decode()
    assert "Edition 3 is being printed." in html and "Queued" in html

    run_worker()

    builds = {build.language: build for build in Build.objects.filter(edition__number=3)}
    assert {build.status for build in builds.values()} == {Build.Status.DONE}
    german = builds["de"]
    assert german.pages >= 5 and german.size > 10_000 and german.finished_at
    html = coordinator_client.get(reverse("handbook:manage-editions")).content.decode()
    assert german.get_absolute_url() in html and "Start edition 4" in html

    # The handbook is public: anyone downloads it.
    download = Client().get(german.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="handbuch-3-de-a4.pdf"' in download["Content-Disposition"]
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert len(reader.pages) == german.pages
    assert "Netzwerk Migration Region Göttingen" in reader.pages[0].extract_text()
    # The page about the network links to it.
    about = Client().get(reverse("network:about")).content.decode()
    assert german.get_absolute_url() in about and builds["en"].get_absolute_url() in about


def test_a_failed_build_shows_its_reason_and_can_be_tried_again(coordinator_client, monkeypatch):
    def broken(*args):
        raise OSError("Testfehler: keine Schrift gefunden")

    # (monkeypatch.context, not undo: undo would also take back conftest's patch of the worker.)
    with monkeypatch.context() as patched:
        patched.setattr("handbook.pdf.build", broken)
        start(coordinator_client)
        run_worker()
    build = Build.objects.get(edition__number=3)
    assert build.status == Build.Status.FAILED
    assert build.error == "OSError: Testfehler: keine Schrift gefunden"
    html = coordinator_client.get(reverse("handbook:manage-editions")).content.decode()
    assert "Failed" in html and "OSError: Testfehler: keine Schrift gefunden" in html
    # Not public, and not on the page about the network, while it has no PDF.
    assert Client().get(reverse("handbook:download", args=[3, "de-a4"])).status_code == 404
    assert "Edition 3" not in Client().get(reverse("network:about")).content.decode()
    # Tried again, with the fault gone, it is printed.
    response = coordinator_client.post(reverse("handbook:manage-build-retry", args=[3, "de-a4"]))
    assert response.status_code == 302
    build.refresh_from_db()
    assert build.status == Build.Status.QUEUED and build.error == ""
    run_worker()
    build.refresh_from_db()
    assert build.status == Build.Status.DONE and build.file


def test_a_finished_build_is_not_printed_again(coordinator_client):
    sample = make_handbook_sample()
    before = (sample.done.file.name, sample.done.status)
    response = coordinator_client.post(
        reverse("handbook:manage-build-retry", args=[sample.edition.number, "de-a4"]), follow=True
    )
    assert "This PDF has not failed" in response.content.decode()
    sample.done.refresh_from_db()
    assert (sample.done.file.name, sample.done.status) == before


def test_starting_needs_a_language(coordinator_client):
    response = start(coordinator_client, languages=[])
    assert response.status_code == 400
    assert "Choose at least one language." in response.content.decode()
    assert not Edition.objects.filter(number=3).exists()


@pytest.mark.parametrize(
    "address",
    [
        ("handbook:download", [3, "en-a4"]),  # failed
        ("handbook:download", [3, "de-a5"]),  # not printed on A5
        ("handbook:download", [3, "fr-a4"]),  # no such language
        ("handbook:download", [3, "de-a3"]),  # no such paper
        ("handbook:download", [99, "de-a4"]),  # no such edition
        ("handbook:document", [3]),  # printed, not uploaded
    ],
)
def test_what_is_not_there_is_not_found(coordinator, address):
    make_handbook_sample()
    name, arguments = address
    assert Client().get(reverse(name, args=arguments)).status_code == 404


def test_an_uploaded_edition_is_downloaded_through_the_portal(coordinator):
    make_handbook_sample()  # gives the 2nd edition an uploaded document
    response = Client().get(reverse("handbook:document", args=[2]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert reverse("handbook:document", args=[2]) in Client().get(reverse("network:about")).content.decode()


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_editions_page_is_for_coordinators(demo, member_client, who):
    client = member_client if who == "member" else Client()
    for method, name in [("get", "handbook:manage-editions"), ("post", "handbook:manage-edition-new")]:
        response = getattr(client, method)(reverse(name), {"languages": ["de"], "paper": "a4"})
        assert response.status_code == (403 if who == "member" else 302), (method, name)
    assert not Edition.objects.filter(number=3).exists()

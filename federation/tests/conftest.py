import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from members.models import Organisation
from offers.models import Language, Offer, Term

SCRIPT = Path(__file__).with_name("other_portal.py")


@pytest.fixture(autouse=True)
def _in_english(settings) -> None:
    """The tests read the screens and the importer's messages in English: reverse() gives the
    English addresses, and the importer writes its messages in LANGUAGE_CODE. The root
    conftest goes back to German after each test."""
    settings.LANGUAGE_CODE = "en"
    translation.activate("en")


class OtherPortal:
    """A second Netzwerkportal, this project on its own SQLite database, served on loopback."""

    def __init__(self, folder: Path) -> None:
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder / 'other.sqlite3'}",
            "API_RATE_LIMIT": "",
            "DEBUG": "",
        }
        self.process: subprocess.Popen | None = None
        self.api_url = ""

    def run(self, command: str) -> None:
        subprocess.run(  # noqa: S603 - our own script
            [sys.executable, str(SCRIPT), command], env=self.env, check=True, timeout=60
        )

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own script
            [sys.executable, str(SCRIPT), "serve"], env=self.env, stdout=subprocess.PIPE, text=True
        )
        port = self.process.stdout.readline().strip()
        assert port.isdigit(), "the other portal did not start"
        self.api_url = f"http://127.0.0.1:{port}/api/v1/"

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def other_portal(tmp_path_factory) -> Iterator[OtherPortal]:
    portal = OtherPortal(tmp_path_factory.mktemp("other-portal"))
    portal.run("setup")
    portal.start()
    yield portal
    portal.stop()


@pytest.fixture
def local_lists(db) -> dict:
    """This portal's own lists and one organisation of its own, with a name a neighbour's has too."""
    return {
        "german": Language.objects.create(code="de", name_de="Deutsch", name_en="German"),
        "arabic": Language.objects.create(code="ar", name_de="Arabisch", name_en="Arabic"),
        "counselling": Term.objects.create(
            taxonomy=Term.Taxonomy.CATEGORY, slug="beratung", name_de="Beratung"
        ),
        "own": Organisation.objects.create(name="Testverein Gleichname", slug="testverein-gleichname"),
    }


@pytest.fixture
def own_offer(local_lists) -> Offer:
    return Offer.objects.create(organisation=local_lists["own"], title_de="Eigenes Testangebot")

"""A second Netzwerkportal for the federation tests: this project, on its own SQLite database
(DATABASE_URL), run as its own process. Synthetic data only.

    python federation/tests/other_portal.py setup    # migrate, load the offers below
    python federation/tests/other_portal.py change   # change one offer, delete another
    python federation/tests/other_portal.py serve    # serve on 127.0.0.1, a free port; prints it
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netzwerk.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from members.models import Organisation  # noqa: E402
from network.models import Network  # noqa: E402
from offers.models import Language, Location, Offer, Term  # noqa: E402

NAME = "Testnetz Nachbarstadt"


def setup() -> None:
    call_command("migrate", verbosity=0)
    Network.objects.create(name=NAME)
    Language.objects.create(code="de", name_de="Deutsch", name_en="German")
    Language.objects.create(code="ar", name_de="Arabisch", name_en="Arabic")
    Language.objects.create(code="xx", name_de="Nur dort")
    counselling = Term.objects.create(taxonomy=Term.Taxonomy.CATEGORY, slug="beratung", name_de="Beratung")
    housing = Term.objects.create(taxonomy=Term.Taxonomy.TOPIC, slug="wohnen", name_de="Wohnen")
    only_there = Term.objects.create(taxonomy=Term.Taxonomy.TOPIC, slug="nur-dort", name_de="Nur dort")
    north = Organisation.objects.create(
        name="Testverein Beispiel Nord",
        slug="testverein-nord",
        description_de="Ein erfundener Verein.",
        website="https://nord.example.org/",
    )
    same = Organisation.objects.create(name="Testverein Gleichname", slug="testverein-gleichname")
    left = Organisation.objects.create(
        name="Testverein Ausgetreten", slug="testverein-alt", left_on="2020-01-01"
    )
    first = Offer.objects.create(
        organisation=north,
        title_de="Testangebot Wohnberatung",
        title_en="Test offer housing advice",
        description_de="Beratung zu **Wohnungssuche**.",
        phone="0000 123",
        email="beratung@nord.example.org",
        in_person=True,
        free_of_charge=True,
        last_confirmed_on=timezone.localdate(),
    )
    first.terms.set([counselling, housing, only_there])
    first.languages.set(["de", "ar", "xx"])
    Location.objects.create(
        offer=first, city="Nachbarstadt", street="Teststraße 1", latitude=51.5, longitude=9.9
    )
    second = Offer.objects.create(organisation=north, title_de="Testangebot Sprachcafé", by_phone=True)
    second.terms.set([counselling])
    Offer.objects.create(organisation=same, title_de="Testangebot Gleichname")
    Offer.objects.create(organisation=left, title_de="Testangebot eines Ausgetretenen")
    Offer.objects.create(organisation=north, title_de="Testangebot Inaktiv", status=Offer.Status.INACTIVE)


def change() -> None:
    first = Offer.objects.get(title_de="Testangebot Wohnberatung")
    first.title_de = "Testangebot Wohnberatung neu"
    first.description_de = "Beratung zur Wohnungssuche, jetzt auch online."
    first.by_video = True
    first.save()
    first.languages.set(["de"])
    Offer.objects.filter(title_de="Testangebot Sprachcafé").delete()


def serve() -> None:
    from django.core.servers.basehttp import (
        ThreadedWSGIServer,
        WSGIRequestHandler,
        get_internal_wsgi_application,
    )

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    server.set_app(get_internal_wsgi_application())
    print(server.server_address[1], flush=True)  # noqa: T201 - the test reads the port
    server.serve_forever()


if __name__ == "__main__":
    {"setup": setup, "change": change, "serve": serve}[sys.argv[1]]()

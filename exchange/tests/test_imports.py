"""Imports: checked whole with a preview, written whole or not at all."""

import pytest
from django.apps import apps
from django.urls import reverse

from exchange import exports
from exchange.models import ImportBatch
from members.models import AuditEntry, Organisation
from offers.models import Offer, Term
from offers.search import SearchParams, search

from .helpers import csv_bytes, upload, xlsx_of
from .test_exports import file_of

AWO = "awo-kreisverband-gottingen"


def database_state() -> dict[str, list[tuple]]:
    """Every row of the network's data (the uploads themselves aside)."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for app in ("members", "offers", "meetings")
        for model in apps.get_app_config(app).get_models()
    }


def send(client, kind: str, name: str, content: bytes):
    return client.post(reverse("exchange:import"), {"kind": kind, "file": upload(name, content)})


def preview_of(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.latest("pk")
    assert response["Location"] == reverse("exchange:import-preview", args=[batch.pk])
    return batch, client.get(response["Location"])


def confirm(client, batch):
    return client.post(reverse("exchange:import-confirm", args=[batch.pk]))


def test_organisations_from_csv_are_created_and_updated(coordinator_client, coordinator):
    Organisation.objects.filter(slug=AWO).update(website="https://awo.example.org/")
    content = csv_bytes(
        "slug,name,parent,kind,email,joined_on,description_de\n"
        f'{AWO},"AWO, Kreisverband Göttingen",,beratung,awo@example.org,,\n'
        "testverein-beispiel,Testverein Beispiel,,vereine,info@example.org,2024-03-01,Zum Testen.\n"
        "testverein-beispiel-jugend,Testverein Beispiel Jugend,testverein-beispiel,,,31.12.2024,\n"
    )
    batch, page = preview_of(
        coordinator_client, send(coordinator_client, "organisations", "orgs.csv", content)
    )

    html = page.content.decode()
    assert "1 changed" in html and "2 new" in html
    assert f'action="{reverse("exchange:import-confirm", args=[batch.pk])}"' in html
    assert not Organisation.objects.filter(slug="testverein-beispiel").exists()  # nothing written yet

    response = confirm(coordinator_client, batch)

    assert response.status_code == 302
    new = Organisation.objects.get(slug="testverein-beispiel")
    assert (
        new.kind.slug == "vereine" and new.email == "info@example.org" and str(new.joined_on) == "2024-03-01"
    )
    assert new.description_de == "Zum Testen."
    unit = Organisation.objects.get(slug="testverein-beispiel-jugend")
    assert unit.parent == new and str(unit.joined_on) == "2024-12-31"
    awo = Organisation.objects.get(slug=AWO)
    assert awo.email == "awo@example.org"
    assert awo.website  # a column the file does not have stays as it is
    log = AuditEntry.objects.filter(actor=coordinator)
    assert sorted(log.values_list("action", flat=True)) == ["create", "create", "import", "update"]
    assert log.get(action="update").changes["email"] == ["", "awo@example.org"]
    ImportBatch.objects.get(pk=batch.pk, status="imported")
    assert (
        "Imported: 2 added, 1 changed, 0 unchanged."
        in coordinator_client.get(response["Location"]).content.decode()
    )


def test_offers_from_xlsx_are_created_updated_and_found(coordinator_client):
    existing = Offer.objects.local().order_by("pk").first()
    content = xlsx_of(
        [
            [
                "id",
                "organisation",
                "title_de",
                "categories",
                "languages",
                "in_person",
                "free_of_charge",
                "location_city",
                "location_postcode",
                "valid_until",
            ],
            [
                None,
                AWO,
                "Zauberwortberatung für Testzwecke",
                "beratung|bildung",
                "de|ar",
                True,
                "ja",
                "Göttingen",
                37073,
                None,
            ],
            [
                existing.pk,
                existing.organisation.slug,
                "Geänderter Beispieltitel",
                None,
                None,
                None,
                None,
                None,
                None,
                "2031-12-31",
            ],
        ]
    )
    batch, page = preview_of(coordinator_client, send(coordinator_client, "offers", "angebote.xlsx", content))
    assert "1 new" in page.content.decode() and "1 changed" in page.content.decode()

    confirm(coordinator_client, batch)

    offer = Offer.objects.get(title_de="Zauberwortberatung für Testzwecke")
    assert offer.organisation.slug == AWO and offer.in_person and offer.free_of_charge is True
    assert sorted(offer.terms.values_list("slug", flat=True)) == ["beratung", "bildung"]
    assert sorted(offer.languages.values_list("code", flat=True)) == ["ar", "de"]
    place = offer.locations.get()
    assert (place.city, place.postcode) == ("Göttingen", "37073")
    assert offer.last_confirmed_on is not None
    existing.refresh_from_db()
    assert existing.title_de == "Geänderter Beispieltitel" and str(existing.valid_until) == "2031-12-31"
    # The search index knows both, as after a save in the offer form.
    assert [o.pk for o in search(SearchParams(q="Zauberwortberatung")).page.object_list] == [offer.pk]
    assert search(SearchParams(q="Beispieltitel")).total == 1


def test_an_import_with_one_bad_row_changes_nothing_and_names_the_row(coordinator_client):
    content = csv_bytes(
        "id,organisation,title_de,categories\n"
        f",{AWO},Erstes gutes Testangebot,beratung\n"
        f",{AWO},Zweites Testangebot,xyz\n"
        f",{AWO},Drittes gutes Testangebot,\n"
    )
    before = database_state()
    batch, page = preview_of(coordinator_client, send(coordinator_client, "offers", "angebote.csv", content))

    html = page.content.decode()
    assert "1 row with mistakes" in html
    assert '<th scope="row">3</th>' in html  # the header is row 1
    assert "categories: Unknown category “xyz”." in html
    assert reverse("exchange:import-confirm", args=[batch.pk]) not in html  # no import button

    response = confirm(coordinator_client, batch)  # sent anyway

    assert response.status_code == 302
    assert database_state() == before
    assert ImportBatch.objects.get(pk=batch.pk).status == "pending"


@pytest.mark.parametrize(
    ("header", "row", "error"),
    [
        ("slug,name", "testverein-beispiel,", "name: This field is required."),
        (
            "slug,name,email",
            "testverein-beispiel,Testverein Beispiel,keine-adresse",
            "email: Enter a valid email",
        ),
        (
            "slug,name",
            "testverein-beispiel," + "x" * 201,
            "name: Ensure this value has at most 200 characters",
        ),
        (
            "slug,name,parent",
            "testverein-beispiel,Testverein Beispiel,gibt-es-nicht",
            "parent: Unknown organisation “gibt-es-nicht”.",
        ),
        (
            "slug,name,kind",
            "testverein-beispiel,Testverein Beispiel,sekte",
            "kind: Unknown kind of organisation",
        ),
        (
            "slug,name,is_member",
            "testverein-beispiel,Testverein Beispiel,vielleicht",
            "is_member: “vielleicht” is neither true nor false.",
        ),
        (
            "slug,name,joined_on",
            "testverein-beispiel,Testverein Beispiel,2024-02-30",
            "joined_on: Enter a valid date.",
        ),
        ("slug,name", 'testverein-beispiel,"AWO, Kreisverband Göttingen"', "already exists"),
        ("slug,name,parent", f"{AWO},AWO,{AWO}", "parent: the organisation would be a part of itself"),
    ],
)
def test_organisation_rows_are_checked_as_the_form_checks_them(coordinator_client, header, row, error):
    content = csv_bytes(f"{header}\n{row}\n")
    _batch, page = preview_of(coordinator_client, send(coordinator_client, "organisations", "o.csv", content))

    html = page.content.decode()
    assert error in html.replace("&quot;", '"').replace("&#x27;", "'")
    assert "1 row with mistakes" in html


@pytest.mark.parametrize(
    ("row", "error"),
    [
        (f",{AWO},,", "title_de: This field is required."),
        (",gibt-es-nicht,Testangebot,", "organisation: Unknown organisation “gibt-es-nicht”."),
        (f",{AWO},Testangebot,xx|de", "languages: Unknown language code “xx”."),
        (f"abc,{AWO},Testangebot,", "id: “abc” is not a number."),
    ],
)
def test_offer_rows_are_checked_as_the_form_checks_them(coordinator_client, row, error):
    content = csv_bytes(f"id,organisation,title_de,languages\n{row}\n")
    _batch, page = preview_of(coordinator_client, send(coordinator_client, "offers", "a.csv", content))

    assert error in page.content.decode()


def test_duplicates_in_the_file_are_named(coordinator_client):
    content = csv_bytes(
        "slug,name\ntestverein-beispiel,Testverein Beispiel\ntestverein-beispiel,Testverein Beispiel Zwei\n"
        "testverein-drei,Testverein Beispiel\n"
    )
    _batch, page = preview_of(coordinator_client, send(coordinator_client, "organisations", "o.csv", content))

    html = page.content.decode()
    assert "slug: “testverein-beispiel” is in row 2 already." in html
    assert "name: this name is in row 2 already." in html


def test_a_unit_and_its_new_parent_in_any_order(coordinator_client):
    content = csv_bytes(
        "slug,name,parent\n"
        "testverein-a,Testverein A,testverein-b\n"
        "testverein-b,Testverein B,\n"
        "testverein-c,Testverein C,testverein-d\n"
        "testverein-d,Testverein D,testverein-c\n"
    )
    batch, page = preview_of(coordinator_client, send(coordinator_client, "organisations", "o.csv", content))
    assert (
        "parent: the organisation would be a part of itself (testverein-c → testverein-d → testverein-c)."
        in (page.content.decode())
    )

    content = csv_bytes(
        "slug,name,parent\ntestverein-a,Testverein A,testverein-b\ntestverein-b,Testverein B,\n"
    )
    batch, _page = preview_of(coordinator_client, send(coordinator_client, "organisations", "o.csv", content))
    confirm(coordinator_client, batch)

    assert Organisation.objects.get(slug="testverein-a").parent.slug == "testverein-b"


def test_unknown_columns_stop_the_import(coordinator_client):
    content = csv_bytes("slug,name,tittle\ntestverein-beispiel,Testverein Beispiel,x\n")
    batch, page = preview_of(coordinator_client, send(coordinator_client, "organisations", "o.csv", content))

    assert "Unknown columns: “tittle”." in page.content.decode()
    assert reverse("exchange:import-confirm", args=[batch.pk]) not in page.content.decode()


def test_excels_csv_from_windows_with_semicolons(coordinator_client):
    content = "slug;name;city\r\ntestverein-muenden;Testverein Münden;Hann. Münden\r\n".encode("cp1252")
    batch, _page = preview_of(coordinator_client, send(coordinator_client, "organisations", "o.csv", content))
    confirm(coordinator_client, batch)

    assert Organisation.objects.get(slug="testverein-muenden").city == "Hann. Münden"


def test_the_rows_are_checked_again_when_imported(coordinator_client):
    content = csv_bytes(f"id,organisation,title_de\n,{AWO},Testangebot Beispiel\n")
    batch, _page = preview_of(coordinator_client, send(coordinator_client, "offers", "a.csv", content))
    Organisation.objects.filter(slug=AWO).update(slug="awo-umbenannt")  # meanwhile
    before = database_state()

    response = confirm(coordinator_client, batch)

    assert database_state() == before
    page = coordinator_client.get(response["Location"])
    assert "The data has changed since the preview" in page.content.decode()
    assert f"Unknown organisation “{AWO}”" in page.content.decode()


def test_an_import_is_imported_once(coordinator_client):
    content = csv_bytes("slug,name\ntestverein-beispiel,Testverein Beispiel\n")
    batch, _page = preview_of(coordinator_client, send(coordinator_client, "organisations", "o.csv", content))
    confirm(coordinator_client, batch)
    before = database_state()

    confirm(coordinator_client, batch)

    assert database_state() == before


@pytest.mark.parametrize("kind", ["organisations", "offers"])
@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(coordinator_client, contact, kind, format):
    organisation = Organisation.objects.get(slug=AWO)
    offer = Offer.objects.create(
        organisation=organisation,
        title_de="Testangebot Rundreise",
        description_de="Zeile eins\r\nZeile zwei\n",
        free_of_charge=None,
        minimum_age=16,
        valid_from="2024-01-01",
        phone="+49 551 000000",
    )
    offer.terms.set(Term.objects.all()[:3])
    offer.locations.create(city="Göttingen", latitude="51.533000", longitude="9.935000", step_free=True)
    response = coordinator_client.get(reverse("exchange:export", args=[kind, format]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    before = database_state()

    batch, page = preview_of(coordinator_client, send(coordinator_client, kind, f"export.{format}", content))
    confirm(coordinator_client, batch)

    assert "0 new" in page.content.decode() and "0 changed" in page.content.decode()
    after = database_state()
    after.pop("members.AuditEntry"), before.pop("members.AuditEntry")
    assert after == before


def test_the_templates_have_the_columns(coordinator_client):
    for kind in ("organisations", "offers"):
        response = coordinator_client.get(reverse("exchange:template", args=[kind, "csv"]))
        header = b"".join(response.streaming_content).decode("utf-8-sig").strip()
        assert header == file_of(kind, "csv").decode("utf-8-sig").splitlines()[0]
    assert exports.build("offers", "xlsx", header_only=True).filename == "offers-template.xlsx"

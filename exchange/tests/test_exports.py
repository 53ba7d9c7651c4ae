"""Exports: every format reads back, holds the network's own data, and names contact people
only when asked to."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from exchange import exports
from federation.models import Neighbour
from meetings.models import AgendaItem, Meeting
from members.models import Organisation, Person
from offers.models import Language, Location, Offer, Term

FORMATS = ["csv", "xlsx", "json"]


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def records(data: bytes, format: str) -> list[dict]:
    """The rows of a file, each a dict of column -> value, as a program reading it sees them."""
    if format == "csv":
        assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads UTF-8
        return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    if format == "xlsx":
        sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
        # An empty cell is no cell at all: None, and a row ends with its last value.
        width = len(rows[0])
        rows = [[("" if v is None else v) for v in row] + [""] * (width - len(row)) for row in rows]
        return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return json.loads(data)["items"]


def file_of(kind: str, format: str, with_contacts: bool = False) -> bytes:
    file = exports.build(kind, format, with_contacts=with_contacts)
    return b"".join(chunk.encode() if isinstance(chunk, str) else chunk for chunk in file.chunks)


@pytest.mark.parametrize("format", FORMATS)
def test_the_organisations_export_reads_back_with_the_demos_organisations(coordinator_client, format):
    response = coordinator_client.get(reverse("exchange:export", args=["organisations", format]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    rows = {row["slug"]: row for row in records(content_of(response), format)}
    assert len(rows) == Organisation.objects.count()
    unit = rows["awomigrationserstberatung-meb"]
    assert unit["parent"] == "awo-kreisverband-gottingen"
    assert unit["kind"] == "beratung"
    assert rows["awo-kreisverband-gottingen"]["name"] == "AWO, Kreisverband Göttingen"


@pytest.mark.parametrize("format", FORMATS)
def test_the_offers_export_joins_lists_and_languages(coordinator_client, format):
    offer = Offer.objects.create(
        organisation=Organisation.objects.get(slug="awo-kreisverband-gottingen"),
        title_de="Testangebot Beispiel",
        email="angebot@example.org",
    )
    offer.terms.set(Term.objects.filter(slug__in=["beratung", "sprachkurs", "frauen"]))
    offer.languages.set(Language.objects.filter(code__in=["de", "ar"]))
    Location.objects.create(offer=offer, street="Beispielweg 1", postcode="37073", city="Göttingen")

    response = coordinator_client.get(reverse("exchange:export", args=["offers", format]))

    rows = {str(row["id"]): row for row in records(content_of(response), format)}
    row = rows[str(offer.pk)]
    assert row["title_de"] == "Testangebot Beispiel"
    assert row["organisation"] == "awo-kreisverband-gottingen"
    if format == "json":
        assert row["categories"] == ["beratung", "sprachkurs"]
        assert row["languages"] == ["de", "ar"]
    else:
        assert row["categories"] == "beratung|sprachkurs"
        assert row["target_groups"] == "frauen"
        assert row["languages"] == "de|ar"
    assert row["location_city"] == "Göttingen"
    assert row["location_postcode"] == "37073"
    assert len(rows) == Offer.objects.count()


@pytest.mark.parametrize("format", FORMATS)
def test_the_meetings_export_has_times_and_the_agenda(coordinator_client, format):
    meeting = Meeting.objects.order_by("starts_at").first()
    AgendaItem.objects.create(meeting=meeting, position=2, title="Zweiter Beispielpunkt")
    AgendaItem.objects.create(meeting=meeting, position=1, title="Erster Beispielpunkt")

    response = coordinator_client.get(reverse("exchange:export", args=["meetings", format]))

    rows = records(content_of(response), format)
    assert len(rows) == Meeting.objects.count()
    row = next(row for row in rows if str(row["id"]) == str(meeting.pk))
    agenda = "Erster Beispielpunkt|Zweiter Beispielpunkt"
    assert row["agenda"] == (agenda.split("|") if format == "json" else agenda)
    local = timezone.localtime(meeting.starts_at)
    if format == "csv":
        assert row["starts_at"] == local.strftime("%Y-%m-%d %H:%M")
    elif format == "xlsx":
        assert row["starts_at"] == local.replace(tzinfo=None)
    else:
        assert row["starts_at"] == meeting.starts_at.isoformat().replace("+00:00", "Z")


@pytest.mark.parametrize("format", FORMATS)
def test_contact_people_only_with_the_flag(contact, format):
    without = file_of("organisations", format)
    with_contacts = file_of("organisations", format, with_contacts=True)

    for personal in (b"Anna Beispiel", b"anna@example.org", b"0551 000000", b"contacts"):
        assert personal not in without
    if format != "xlsx":  # a workbook's text is compressed
        assert b"anna@example.org" in with_contacts
    row = next(r for r in records(with_contacts, format) if r["slug"] == "awo-kreisverband-gottingen")
    if format == "json":
        assert row["contacts"] == [
            {
                "name": "Anna Beispiel",
                "function": "Beratung",
                "role": "contact",
                "email": "anna@example.org",
                "phone": "0551 000000",
            }
        ]
    else:
        assert row["contacts"] == "Anna Beispiel (Beratung), anna@example.org, 0551 000000"


def test_coordinators_get_the_contact_people(coordinator_client, contact):
    response = coordinator_client.get(reverse("exchange:export", args=["organisations", "csv"]))

    assert b"anna@example.org" in content_of(response)


def test_the_neighbours_data_is_left_out(demo):
    neighbour = Neighbour.objects.create(
        name="Nachbarnetz", slug="nachbar", api_url="https://nachbar.example.org/api/v1/"
    )
    guest = Organisation.objects.create(
        name="Gastverein Beispiel", slug="nachbar-gastverein", neighbour=neighbour
    )
    Offer.objects.create(organisation=guest, title="Gastangebot Beispiel", neighbour=neighbour, remote_id="1")

    assert b"nachbar-gastverein" not in file_of("organisations", "csv")
    assert b"Gastangebot" not in file_of("offers", "csv")


def test_a_formula_is_written_as_text(demo):
    organisation = Organisation.objects.get(slug="awo-kreisverband-gottingen")
    organisation.phone = '=HYPERLINK("https://example.org")'
    organisation.save()

    assert b"'=HYPERLINK" in file_of("organisations", "csv")
    sheet = load_workbook(io.BytesIO(file_of("organisations", "xlsx"))).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == organisation.phone]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_the_workbook_has_a_frozen_bold_header(demo):
    sheet = load_workbook(io.BytesIO(file_of("offers", "xlsx"))).worksheets[0]

    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].value == "id" and sheet["A1"].font.b
    assert sheet.column_dimensions["B"].width >= len("organisation")


def add_rows(kind: str):
    organisation = Organisation.objects.get(slug="awo-kreisverband-gottingen")
    counter = iter(range(10_000))

    def add(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            if kind == "organisations":
                unit = Organisation.objects.create(
                    name=f"Testeinheit {i}", slug=f"testeinheit-{i}", parent=organisation
                )
                unit.affiliations.create(person=Person.objects.create(name=f"Test {i}"))
            elif kind == "offers":
                offer = Offer.objects.create(organisation=organisation, title=f"Testangebot {i}")
                offer.terms.set(Term.objects.all()[:2])
                offer.languages.set(Language.objects.all()[:2])
                Location.objects.create(offer=offer, city="Göttingen")
            else:
                start = timezone.now() + timezone.timedelta(days=i)
                meeting = Meeting.objects.create(starts_at=start, ends_at=start + timezone.timedelta(hours=2))
                AgendaItem.objects.create(meeting=meeting, title=f"Punkt {i}")

    return add


@pytest.mark.parametrize("kind", ["organisations", "offers", "meetings"])
def test_a_fixed_number_of_queries(client: Client, coordinator, assert_fixed_query_count, kind):
    client.force_login(coordinator)
    assert_fixed_query_count(reverse("exchange:export", args=[kind, "xlsx"]), add_rows(kind))


@pytest.mark.parametrize("format", FORMATS)
def test_writing_the_rows_makes_no_queries(coordinator_client, format):
    add_rows("offers")(3)
    response = coordinator_client.get(reverse("exchange:export", args=["offers", format]))

    with CaptureQueriesContext(connection) as queries:
        content_of(response)

    assert len(queries) == 0

"""What the upload takes: CSV text (UTF-8, or Windows-1252 as Excel writes it) and XLSX
workbooks, judged by their content, up to EXCHANGE_IMPORT_MAX_MB; anything else is refused
with a clear message and nothing is kept."""

import io
import zipfile

import pytest
from django.urls import reverse

from exchange.models import ImportBatch
from exchange.tables import UnreadableFile, read_table
from tests.security.files import EXE, HTML, pdf, png

from .helpers import csv_bytes, upload, xlsx_of


def a_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


BAD_FILES = [
    ("a picture named .csv", "organisationen.csv", png(), "This is not a CSV file but a PNG file."),
    (
        "binary data named .csv",
        "daten.csv",
        bytes(range(256)),
        "This is not a CSV file: it does not hold text.",
    ),
    ("a PDF named .csv", "organisationen.csv", pdf(), "This is not a CSV file but a PDF file."),
    ("a program named .csv", "organisationen.csv", EXE, "This is not a CSV file but a Windows file."),
    ("a web page named .csv", "organisationen.csv", HTML, "it looks like a web page or XML"),
    ("a ZIP named .xlsx", "organisationen.xlsx", a_zip({"liesmich.txt": b"Hallo"}), "not an Excel workbook"),
    ("a CSV named .xlsx", "organisationen.xlsx", b"slug,name\n", "This is not an XLSX workbook."),
    (
        "an old XLS",
        "organisationen.xlsx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        "old Excel file",
    ),
    ("a workbook named .csv", "organisationen.csv", xlsx_of([["slug"]]), "name it .xlsx"),
    ("a broken workbook", "organisationen.xlsx", xlsx_of([["slug"], ["x"]])[:400], "damaged"),
    ("a picture", "logo.png", png(), "File extension “png” is not allowed"),
    ("an empty file", "leer.csv", b"", "The submitted file is empty."),
    ("a header without names", "o.csv", b"\n\nslug\n", "it is empty"),
    ("a column twice", "o.csv", b"slug,name,slug\n", "The column “slug” is there twice."),
]


@pytest.mark.parametrize(
    ("case", "name", "content", "message"), BAD_FILES, ids=[case[0] for case in BAD_FILES]
)
def test_a_wrong_file_is_refused_with_a_clear_message(coordinator_client, case, name, content, message):
    response = coordinator_client.post(
        reverse("exchange:import"), {"kind": "organisations", "file": upload(name, content)}
    )

    assert response.status_code == 400
    assert message in response.content.decode().replace("&quot;", '"')
    assert not ImportBatch.objects.exists()


def test_a_file_too_large(coordinator_client, settings):
    settings.EXCHANGE_IMPORT_MAX_MB = 1
    content = csv_bytes("slug,name\n" + "testverein-beispiel,Testverein Beispiel\n" * 30_000)
    assert len(content) > 1024 * 1024

    response = coordinator_client.post(
        reverse("exchange:import"), {"kind": "organisations", "file": upload("gross.csv", content)}
    )

    assert response.status_code == 400
    assert "at most 1.0\xa0MB are allowed" in response.content.decode()


def test_too_many_rows(settings):
    settings.EXCHANGE_IMPORT_MAX_ROWS = 2

    with pytest.raises(UnreadableFile, match="more than 2 rows"):
        read_table("o.csv", b"slug\na\nb\nc\n")


def test_rows_are_numbered_as_in_the_spreadsheet():
    # A line break inside a cell is one row; empty rows count but are left out.
    table = read_table("o.csv", csv_bytes('slug,description_de\na,"eins\nzwei"\n\n,\nb,drei\n'))

    assert [number for number, _cells in table.rows] == [2, 5]
    assert table.rows[0][1]["description_de"] == "eins\nzwei"


def test_a_cell_in_a_column_without_a_name(demo):
    with pytest.raises(UnreadableFile, match="Row 3 has a value in a column without a name"):
        read_table("o.csv", b"slug,name\na,A\nb,B,C\n")


def test_a_workbooks_typed_cells_are_read_as_text():
    import datetime

    content = xlsx_of(
        [["slug", "joined_on", "is_member", "postcode"], ["a", datetime.datetime(2024, 3, 1), True, 37073]]
    )

    assert read_table("o.xlsx", content).rows == [
        (2, {"slug": "a", "joined_on": "2024-03-01", "is_member": "true", "postcode": "37073"})
    ]

"""Reading the table of an uploaded CSV or XLSX file (exchange/forms.py), judged by its content.

Every cell is read as text, as the CSV would hold it (spreadsheets.text_of()), so that both
formats are checked by the same rules (exchange/imports.py).
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .spreadsheets import text_of

MB = 1024 * 1024
# A workbook unpacks to many times its size; more than this is not a table of a network's data.
MAX_UNPACKED = 50 * MB
MAX_COLUMNS = 200
# Files that are easily taken for text: their first bytes, and what they are.
SIGNATURES = {
    b"%PDF-": "PDF",
    b"%!PS": "PostScript",
    b"\x89PNG": "PNG",
    b"GIF8": "GIF",
    b"\xff\xd8\xff": "JPEG",
    b"RIFF": "WebP",
    b"MZ": "Windows",
    b"\x1f\x8b": "gzip",
}


class UnreadableFile(Exception):
    """The file is not a table this portal reads; the message says why, for the coordinator."""


@dataclass
class Table:
    columns: list[str]
    # (row number in the spreadsheet, {column: text}); the header is row 1, empty rows are left out.
    rows: list[tuple[int, dict[str, str]]]


def read_table(name: str, data: bytes) -> Table:
    """The table in an uploaded CSV or XLSX file, judged by its content; its name must agree."""
    is_xlsx = name.lower().endswith(".xlsx")
    if data.startswith(b"PK\x03\x04"):
        if not is_xlsx:
            raise UnreadableFile(_("This is an XLSX workbook or another ZIP archive: name it .xlsx."))
        return _table(_xlsx_rows(data))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            _(
                "This is an old Excel file (XLS) or a workbook protected by a password. "
                "Save it as an Excel workbook (XLSX) without a password, or as CSV."
            )
        )
    if is_xlsx:
        raise UnreadableFile(_("This is not an XLSX workbook."))
    for signature, kind in SIGNATURES.items():
        if data.startswith(signature):
            raise UnreadableFile(_("This is not a CSV file but a %(kind)s file.") % {"kind": kind})
    return _table(_csv_rows(_decode(data)))


def _decode(data: bytes) -> str:
    not_text = UnreadableFile(_("This is not a CSV file: it does not hold text."))
    if b"\x00" in data:
        raise not_text
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # Excel's "CSV" on Windows
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise not_text from error
    if any(ord(char) < 32 and char not in "\t\r\n" for char in text):
        raise not_text
    if text.lstrip().startswith("<"):
        raise UnreadableFile(_("This is not a CSV file: it looks like a web page or XML."))
    return text


def _delimiter(first_line: str) -> str:
    """Excel writes CSV with semicolons where the decimal comma is usual (as in Germany)."""
    return max([",", ";", "\t"], key=first_line.count) if first_line.count(",") == 0 else ","


def _csv_rows(text: str) -> Iterator[list[object]]:
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        yield from reader
    except csv.Error as error:
        raise UnreadableFile(
            _("Row %(row)s cannot be read: %(error)s") % {"row": reader.line_num, "error": error}
        ) from error


def _xlsx_rows(data: bytes) -> Iterator[tuple[object, ...]]:
    damaged = UnreadableFile(_("The workbook is damaged or incomplete and cannot be opened."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise damaged from error
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise UnreadableFile(
            _("This is a ZIP archive, but not an Excel workbook (XLSX). Save the table as XLSX or CSV.")
        )
    if unpacked > MAX_UNPACKED:
        raise UnreadableFile(_("The workbook is too large when unpacked."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl raises many kinds of errors on broken files
        raise damaged from error


def cell_text(value: object) -> str:
    """A cell of either format as text: the CSV's text, or a workbook's typed value."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = text_of(value).strip()
    if text[:1] == "'" and text[1:2] in ("=", "@", "+", "-"):
        text = text[1:]
    return text


def _table(rows: Iterator[Iterable[object]]) -> Table:
    header = next(rows, None)
    if header is None:
        raise UnreadableFile(_("The file is empty."))
    columns = [cell_text(cell).lower() for cell in header]
    while columns and not columns[-1]:
        columns.pop()
    if not columns:
        raise UnreadableFile(_("The first row must name the columns; it is empty."))
    if len(columns) > MAX_COLUMNS:
        raise UnreadableFile(_("The file has more than %(count)s columns.") % {"count": MAX_COLUMNS})
    seen = set()
    for column in filter(None, columns):
        if column in seen:
            raise UnreadableFile(_("The column “%(column)s” is there twice.") % {"column": column})
        seen.add(column)
    table = Table(columns=columns, rows=[])
    for number, cells in enumerate(rows, start=2):
        texts = [cell_text(cell) for cell in cells]
        if not any(texts):
            continue
        if (
            any(texts[len(columns) :])
            or "" in columns
            and any(text for name, text in zip(columns, texts, strict=False) if not name)
        ):
            raise UnreadableFile(
                _("Row %(row)s has a value in a column without a name in the first row.") % {"row": number}
            )
        if len(table.rows) == settings.EXCHANGE_IMPORT_MAX_ROWS:
            raise UnreadableFile(
                _("The file has more than %(count)s rows. Please split it.")
                % {"count": settings.EXCHANGE_IMPORT_MAX_ROWS}
            )
        values = dict(zip(columns, texts + [""] * (len(columns) - len(texts)), strict=False))
        values.pop("", None)
        table.rows.append((number, values))
    table.columns = [column for column in columns if column]
    return table

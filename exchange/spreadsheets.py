"""Writing tables as CSV and XLSX: the files coordinators open in a spreadsheet (reading them
back: exchange/tables.py).

A row is a dict of column name -> value (str, bool, int, Decimal, date, datetime, a list of
strings, or a list of contact dicts).
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .columns import LIST_SEPARATOR, Column

BOM = "\ufeff"
# A spreadsheet runs a cell that starts like this as a formula; the CSV export puts an
# apostrophe before it (as a spreadsheet does to mark text), and the import takes it off.
FORMULA_START = ("=", "@", "\t", "\r")
FORMULA_SIGNS = re.compile(r"[=(|!]")


def contact_line(contact: dict[str, str]) -> str:
    name = contact["name"] + (f" ({contact['function']})" if contact.get("function") else "")
    return ", ".join(part for part in (name, contact.get("email"), contact.get("phone")) if part)


def text_of(value: object) -> str:
    """A value as the CSV holds it, and as the import reads it back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return "\n".join(contact_line(contact) for contact in value)
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def _safe_for_spreadsheets(text: str) -> str:
    if text.startswith(FORMULA_START) or (text[:1] in ("+", "-") and FORMULA_SIGNS.search(text)):
        return "'" + text
    return text


class _Echo:
    """csv.writer writes each row here, and the row comes back to be streamed."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(columns: list[Column], rows: Iterable[dict]) -> Iterator[str]:
    """UTF-8 with a byte order mark, so that Excel reads umlauts right; comma-separated."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([column.name for column in columns])
    for row in rows:
        yield writer.writerow([_safe_for_spreadsheets(text_of(row.get(column.name))) for column in columns])


def _xlsx_value(value: object) -> object:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, bool | int | Decimal | datetime.date) or value is None:
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", text_of(value))


def _xlsx_cell(sheet, value: object) -> object:
    """A plain value where it is safe (fast); a cell where the type must be set."""
    value = _xlsx_value(value)
    if value == "":
        return None  # no cell at all: a smaller file
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"  # text, never a formula
        return cell
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    return value


def _width(column: Column, rows: list[dict]) -> float:
    longest = max([len(text_of(row.get(column.name)).split("\n")[0]) for row in rows[:200]] + [0])
    return min(60, max(len(column.name) + 2, longest + 2, 8))


def xlsx_bytes(columns: list[Column], rows: Iterable[dict], title: str) -> bytes:
    """A workbook with one sheet: a bold, frozen header row, then the rows."""
    rows = list(rows)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(column, rows)
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, column.name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, row.get(column.name)) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

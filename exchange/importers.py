"""How a row of a file to import is checked and saved: what the importers of organisations
(exchange/organisation_rows.py) and of offers (exchange/offer_rows.py) share; exchange/imports.py
runs them.

A row changes only the columns the file has: the form is given the object's stored values
(as the export writes them) with the file's cells put over them. The references the file
makes (an organisation's parent and kind, an offer's organisation, list entries and
languages) are read once for the whole file, so checking a row needs no query of its own
for them.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django import forms

from members.models import User

from .columns import Column, columns_of
from .spreadsheets import text_of
from .values import CellError, differs, form_value

Rows = list[tuple[int, dict[str, str]]]


@dataclass
class RowCheck:
    """One row: what it would do, or why it cannot be imported."""

    STORED: ClassVar[tuple[str, ...]] = ("number", "action", "label", "errors", "changes", "note")

    number: int
    action: str = ""  # create, update, unchanged
    label: str = ""
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # the columns an update changes
    note: str = ""
    # For saving; not stored with the preview.
    form: Any = None
    location_form: Any = None
    before: dict = field(default_factory=dict)
    parent_slug: str = ""  # a new organisation of the same file, saved before this one

    def as_json(self) -> dict:
        return {name: getattr(self, name) for name in self.STORED}


def form_errors(form: forms.BaseForm, prefix: str = "") -> list[str]:
    messages = []
    for name, errors in form.errors.items():
        for error in errors:
            messages.append(error if name == "__all__" else f"{prefix}{name}: {error}")
    return messages


class Importer:
    kind = ""

    def __init__(self, columns: list[str], rows: Rows) -> None:
        self.present = [
            column for column in columns_of(self.kind) if column.name in columns and column.imported
        ]
        self.rows = rows
        self.load()

    def load(self) -> None:
        """Reads what the rows refer to."""

    def check(self) -> list[RowCheck]:
        checks = []
        for number, cells in self.rows:
            row = RowCheck(number)
            self.check_row(row, cells)
            checks.append(row)
        self.check_file(checks)
        return checks

    def check_row(self, row: RowCheck, cells: dict[str, str]) -> None:
        raise NotImplementedError

    def check_file(self, checks: list[RowCheck]) -> None:
        """Checks that concern several rows."""

    def unchanged(self, stored: dict[str, object], cells: dict[str, str]) -> bool:
        """Whether the row says what is stored already. Then nothing is written, and the row
        needs no form: an export imported again, with a few rows changed, is checked fast."""
        try:
            return not any(
                differs(form_value(c, text_of(stored.get(c.name))), form_value(c, cells.get(c.name, "")))
                for c in self.present
            )
        except CellError:
            return False

    def merged(self, stored: dict[str, object], cells: dict[str, str]) -> dict[str, str]:
        texts = {name: text_of(value) for name, value in stored.items()}
        texts.update({column.name: cells.get(column.name, "") for column in self.present})
        return texts

    @staticmethod
    def form_data(merged: dict[str, str], columns: Iterable[Column], errors: list[str], prefix: str = ""):
        data: dict[str, object] = {}
        for column in columns:
            try:
                data[column.name.removeprefix(prefix)] = form_value(column, merged.get(column.name, ""))
            except CellError as error:
                errors.append(f"{column.name}: {error}")
        return data

    @staticmethod
    def changes(stored: dict[str, object], cleaned: dict[str, object], prefix: str = "") -> list[str]:
        return [
            f"{prefix}{name}" for name, value in cleaned.items() if differs(stored.get(prefix + name), value)
        ]

    def save_all(self, rows: list[RowCheck], user: User) -> None:
        for row in rows:
            if row.action in ("create", "update"):
                self.save(row, user)

    def save(self, row: RowCheck, user: User) -> None:
        raise NotImplementedError

"""Imports of organisations and offers: every row is checked first, and the file is written
only if every row is good, all of it in one transaction.

`check()` reads what the file would change: each row's action (create, update, unchanged)
or its errors, named by the row's number in the spreadsheet (the header is row 1) and the
column. `apply()` checks again (the data may have changed since the preview) and writes.
The rules are the coordinators' forms' (exchange/forms.py).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from members import audit
from members.models import User
from offers import index

from .columns import by_name
from .importers import Importer, RowCheck
from .models import Kind
from .offer_rows import OfferImporter
from .organisation_rows import OrganisationImporter

IMPORTERS: dict[str, type[Importer]] = {"organisations": OrganisationImporter, "offers": OfferImporter}


@dataclass
class Plan:
    kind: str
    rows: list[RowCheck] = field(default_factory=list)
    # Problems of the whole file (unknown columns, a missing key column).
    problems: list[str] = field(default_factory=list)
    # Columns of the export that the import leaves alone (contact people, dates kept by the portal).
    ignored: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems and not self.bad_rows

    @property
    def bad_rows(self) -> list[RowCheck]:
        return [row for row in self.rows if row.errors]

    def rows_to(self, action: str) -> list[RowCheck]:
        return [row for row in self.rows if row.action == action and not row.errors]

    def counts(self) -> dict[str, int]:
        return {action: len(self.rows_to(action)) for action in ("create", "update", "unchanged")}

    def as_json(self) -> dict:
        rows = [row.as_json() for row in self.rows]
        return {"kind": self.kind, "rows": rows, "problems": self.problems, "ignored": self.ignored}

    @classmethod
    def from_json(cls, data: dict) -> "Plan":
        rows = [RowCheck(**row) for row in data.get("rows", [])]
        return cls(data.get("kind", ""), rows, data.get("problems", []), data.get("ignored", []))


def check(kind: str, columns: list[str], rows: list[tuple[int, dict[str, str]]]) -> tuple[Plan, Importer]:
    """What importing the rows would do. The importer keeps the checked forms for apply()."""
    known = by_name(kind)
    plan = Plan(kind)
    unknown = [name for name in columns if name not in known]
    if unknown:
        plan.problems.append(
            _("Unknown columns: %(columns)s. The columns are named as in the export.")
            % {"columns": ", ".join(f"“{name}”" for name in unknown)}
        )
    plan.ignored = [name for name in columns if name in known and not known[name].imported]
    importer = IMPORTERS[kind](columns, rows)
    if kind == Kind.ORGANISATIONS and "slug" not in columns:
        plan.problems.append(_("The column “slug” is missing: it says which organisation a row is."))
        return plan, importer
    plan.rows = importer.check()
    return plan, importer


def apply(kind: str, columns: list[str], rows: list[tuple[int, dict[str, str]]], user: User) -> Plan:
    """Checks the rows again and, if every one is good, writes them all; otherwise nothing."""
    plan, importer = check(kind, columns, rows)
    if not plan.is_valid:
        return plan
    with transaction.atomic(), index.deferred():
        importer.save_all(plan.rows, user)
    return plan


def log_import(user: User, batch, counts: dict[str, int]) -> None:
    audit.record(user, "import", batch, after={"file": batch.file_name, **counts})

"""An upload waiting for confirmation, for the tests of every page (tests/urls_helper.py,
members/tests/test_access.py): one new organisation, made up."""

from exchange import imports
from exchange.models import ImportBatch
from members.models import User

COLUMNS = ["slug", "name", "email"]
ROWS = [[2, {"slug": "testverein-beispiel", "name": "Testverein Beispiel", "email": "info@example.org"}]]
FILE_NAME = "beispiel.csv"


def make_import_batch(user: User | None = None) -> ImportBatch:
    plan, _importer = imports.check("organisations", COLUMNS, ROWS)
    return ImportBatch.objects.create(
        kind="organisations",
        file_name=FILE_NAME,
        rows=ROWS,
        columns=COLUMNS,
        plan=plan.as_json(),
        created_by=user,
    )


def sample_import_batch() -> ImportBatch:
    """The sample upload, made when first asked for."""
    found = ImportBatch.objects.filter(file_name=FILE_NAME, status=ImportBatch.Status.PENDING).first()
    return found or make_import_batch()

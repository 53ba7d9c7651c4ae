"""Every row of every table of a database, to compare two databases.

Run as a script (`python -m backups.tests.snapshot`), it prints the snapshot of
the database that DATABASE_URL points at as JSON: the tests restore into a
separate database and read it back this way, in a process of its own.
"""

import json
import sys
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper


def snapshot(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    """{table: its rows as sorted JSON objects}, for every table including django_migrations."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from the database
            columns = [column[0] for column in cursor.description]
            result[table] = sorted(
                json.dumps(dict(zip(columns, row, strict=True)), default=_plain, sort_keys=True)
                for row in cursor.fetchall()
            )
    return result


def _plain(value: Any) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return repr(value)


if __name__ == "__main__":
    import django

    django.setup()
    from django.db import connection

    json.dump(snapshot(connection), sys.stdout)

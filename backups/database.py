"""Dumping and restoring the database, for the two vendors the portal runs on.

SQLite: the online backup API copies the database in one step as a consistent
snapshot, while the portal and the task worker go on reading and writing (WAL).
A restore replaces the file with a rename, so it is the old or the new file,
never a mix.

PostgreSQL: `pg_dump --format=custom` and `pg_restore` in one transaction, so a
failed restore leaves the database as it was. Both tools come from PATH and
get the connection from the environment (PGHOST, PGPASSWORD, ...), never a
password on the command line, where other users of the machine could read it.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from .archive import DATABASE_FILES, BackupError

# Connection settings and OPTIONS of Django's PostgreSQL backend, as libpq's variables.
PG_ENVIRONMENT = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
PG_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
}


def vendor(using: str) -> str:
    name = connections[using].vendor
    if name not in DATABASE_FILES:
        raise BackupError(f"Backups of {name} databases are not supported; only of SQLite and PostgreSQL.")
    return name


def dump(using: str, folder: Path) -> str:
    """Writes the database into `folder`; returns the file's name."""
    connection = connections[using]
    name = DATABASE_FILES[vendor(using)]
    if connection.vendor == "sqlite":
        _dump_sqlite(connection, folder / name)
    else:
        _run_pg_tool("pg_dump", ["--format=custom", f"--file={folder / name}"], connection)
    return name


def restore(using: str, source: Path) -> None:
    """Replaces the database's content with the dump `source`, all or nothing."""
    connection = connections[using]
    if vendor(using) == "sqlite":
        _restore_sqlite(connection, source)
    else:
        # pg_restore must not wait for locks held by this process's own connection.
        connections.close_all()
        _run_pg_tool(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={_pg_name(connection)}",
                str(source),
            ],
            connection,
        )


def tables(using: str) -> list[str]:
    """The tables in the database; empty for a new database."""
    connection = connections[using]
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        if not Path(connection.settings_dict["NAME"]).exists():
            return []  # Connecting would create the file.
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def applied_migrations(using: str) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = defaultdict(list)
    recorder = MigrationRecorder(connections[using])
    if recorder.has_table():
        for app_label, name in recorder.applied_migrations():
            applied[app_label].append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def migrations_unknown_to_code(migrations: dict[str, list[str]]) -> list[str]:
    """Migrations the backup has applied that this version of the code does not have."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    applied = [(app, name) for app, names in migrations.items() for name in names]
    return [f"{app}.{name}" for app, name in applied if (app, name) not in known]


def migrations_pending(migrations: dict[str, list[str]]) -> list[str]:
    """Migrations of this version of the code that the backup has not applied."""
    applied = {(app, name) for app, names in migrations.items() for name in names}
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    return sorted(f"{app}.{name}" for app, name in known if (app, name) not in applied)


def _dump_sqlite(connection: BaseDatabaseWrapper, target: Path) -> None:
    if connection.in_atomic_block:
        # The copy would wait forever for this connection's own open transaction.
        raise BackupError("A backup cannot run inside a database transaction.")
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        # pages=-1: the whole database in one step, a consistent snapshot. Writers
        # in other processes go on meanwhile (WAL); a stepwise copy would restart.
        connection.connection.backup(destination, pages=-1)
    finally:
        destination.close()


def _restore_sqlite(connection: BaseDatabaseWrapper, source: Path) -> None:
    if connection.is_in_memory_db():
        raise BackupError("The configured SQLite database is in memory; there is no file to restore into.")
    target = Path(connection.settings_dict["NAME"]).resolve()
    _check_sqlite_file(source)
    connections.close_all()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Copy next to the target first, so that the swap is one rename on one file system.
    fd, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".restore")
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as data:
            shutil.copyfileobj(data, out)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            os.chmod(partial, target.stat().st_mode & 0o777)
            _settle_journals(target)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    # A journal of the old file must never be applied to the new one.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _settle_journals(target: Path) -> None:
    """Writes the old database's WAL into it (or rolls back a hot journal), so that
    deleting the journal files after the swap loses nothing of the old file."""
    old = sqlite3.connect(target)
    try:
        old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        old.close()


def _check_sqlite_file(path: Path) -> None:
    try:
        database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = database.execute("PRAGMA quick_check").fetchone()
        finally:
            database.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"The backup's database file is not a usable SQLite database: {error}") from error
    if result != ("ok",):
        raise BackupError(f"The backup's database file fails SQLite's check: {result[0]}")


def _pg_name(connection: BaseDatabaseWrapper) -> str:
    name = connection.settings_dict.get("NAME") or os.environ.get("PGDATABASE")
    if not name:
        raise BackupError("The PostgreSQL database has no name in DATABASE_URL.")
    return name


def _pg_environment(connection: BaseDatabaseWrapper) -> dict[str, str]:
    env = os.environ.copy()
    settings = connection.settings_dict
    for key, variable in PG_ENVIRONMENT.items():
        if settings.get(key):
            env[variable] = str(settings[key])
    for option, variable in PG_OPTIONS.items():
        if settings.get("OPTIONS", {}).get(option):
            env[variable] = str(settings["OPTIONS"][option])
    env["PGDATABASE"] = _pg_name(connection)
    return env


def _run_pg_tool(tool: str, arguments: list[str], connection: BaseDatabaseWrapper) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(
            f"{tool} is not on PATH. Install the PostgreSQL client tools "
            "(Debian: postgresql-client) of the server's major version or newer."
        )
    process = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [executable, *arguments],
        env=_pg_environment(connection),
        capture_output=True,
        text=True,
        check=False,
    )
    if process.returncode != 0:
        raise BackupError(f"{tool} failed (exit {process.returncode}): {process.stderr.strip()}")

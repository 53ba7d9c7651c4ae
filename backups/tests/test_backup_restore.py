"""`backup` and `restore`, end to end, on whichever database the tests run on.

The source is the test database with the demo data and uploaded files. The
restore goes into a separate, empty database (a new SQLite file, or a new
PostgreSQL database) by running `manage.py restore` in a process of its own
with DATABASE_URL pointing there, as an operator would; the target is read
back the same way and compared table by table, row by row, file by file.
"""

import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from backups import archive
from handbook.models import Edition
from meetings.models import Minutes
from members.models import User

from .snapshot import snapshot

BASE_DIR = Path(settings.BASE_DIR)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class Target:
    """A separate, empty database and media folder to restore into."""

    database_url: str
    media_root: Path

    def run(self, *args: str) -> subprocess.CompletedProcess:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(self.media_root),
            "DJANGO_SETTINGS_MODULE": "netzwerk.settings",
        }
        return subprocess.run(  # noqa: S603 - our own commands
            [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, check=False
        )

    def restore(self, path: Path, *options: str) -> subprocess.CompletedProcess:
        return self.run("manage.py", "restore", str(path), *options)

    def snapshot(self) -> dict[str, list[str]]:
        process = self.run("-m", "backups.tests.snapshot")
        assert process.returncode == 0, process.stderr
        return json.loads(process.stdout)


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Target]:
    media_root = tmp_path / "restored" / "media"
    if connection.vendor == "sqlite":
        yield Target(f"sqlite:///{tmp_path / 'restored' / 'portal.sqlite3'}", media_root)
        return
    source = connection.settings_dict
    name = f"netzwerkportal_restore_test_{secrets.token_hex(4)}"
    server = {
        "host": source["HOST"] or None,
        "port": source["PORT"] or None,
        "user": source["USER"] or None,
        "password": source["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    credentials = quote(source["USER"] or "", safe="")
    if source["PASSWORD"]:
        credentials += ":" + quote(source["PASSWORD"], safe="")
    host = f"{source['HOST'] or 'localhost'}:{source['PORT'] or 5432}"
    try:
        yield Target(f"postgres://{credentials}@{host}/{name}", media_root)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def portal(demo, settings, tmp_path: Path) -> Path:
    """The demo network with uploaded files and an account; returns its MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    minutes = Minutes.objects.filter(visibility=Minutes.Visibility.PUBLIC).first()
    minutes.document = SimpleUploadedFile("protokoll-plenum.pdf", PDF, content_type="application/pdf")
    minutes.save()
    edition = Edition.objects.first()
    edition.document = SimpleUploadedFile("Handbuch Migration – 2. Auflage.pdf", PDF + b"handbook")
    edition.save()
    # A file no row points at is part of MEDIA_ROOT all the same.
    (settings.MEDIA_ROOT / "notes").mkdir()
    (settings.MEDIA_ROOT / "notes" / "übergabe.txt").write_text("Schlüssel bei der AWO\n")
    User.objects.create_superuser(email="koordination@example.org", password="nicht-geheim-1234")
    return settings.MEDIA_ROOT


def make_backup(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    call_command("backup", output=folder, verbosity=0)
    (path,) = folder.glob("netzwerkportal-backup-*.tar.gz")
    return path


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()
    }


def rewrite(path: Path, into: Path, change) -> Path:
    """A copy of the archive `path` at `into`, with `change(folder)` applied to its unpacked content."""
    folder = into.with_suffix(".unpacked")
    with tarfile.open(path) as tar:
        tar.extractall(folder, filter="data")
    change(folder)
    with tarfile.open(into, "w:gz") as tar:
        for member in sorted(folder.rglob("*")):
            if member.is_file():
                tar.add(member, member.relative_to(folder).as_posix())
    return into


def flip_first_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0] ^= 0xFF
    path.write_bytes(bytes(data))


def assert_same_tables(source: dict[str, list[str]], restored: dict[str, list[str]]) -> None:
    assert sorted(restored) == sorted(source)
    different = [table for table in source if restored[table] != source[table]]
    assert not different, f"tables that differ after the restore: {different}"


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_database_gives_every_table_and_file_back(
    portal: Path, target: Target, tmp_path: Path
) -> None:
    path = make_backup(tmp_path / "backups")
    source = snapshot(connection)

    assert path.stat().st_mode & 0o777 == 0o600
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile(archive.MANIFEST))
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["migrations"]["members"][0] == "0001_initial"
    listed = {entry["path"] for entry in manifest["files"]}
    assert {f"media/{name}" for name in files_of(portal)} | {manifest["database"]["file"]} == listed

    # Every model of every app is in the comparison, and the demo filled the portal's own.
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            assert model._meta.db_table in source, model
    for table in ("members_organisation", "meetings_meeting", "meetings_minutes", "network_page"):
        assert source[table], table

    restored = target.restore(path)
    assert restored.returncode == 0, restored.stderr
    assert "Restored the backup" in restored.stdout

    assert_same_tables(source, target.snapshot())
    assert files_of(target.media_root) == files_of(portal)

    # Now the target has data: without --yes a second restore is refused.
    again = target.restore(path)
    assert again.returncode != 0
    assert "--yes" in again.stderr


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("part", ["database", "media"])
def test_a_damaged_archive_is_refused_and_changes_nothing(
    part: str, portal: Path, target: Target, tmp_path: Path
) -> None:
    path = make_backup(tmp_path / "backups")
    assert target.restore(path).returncode == 0
    before, files_before = target.snapshot(), files_of(target.media_root)

    def damage(folder: Path) -> None:
        if part == "database":
            flip_first_byte(folder / archive.DATABASE_FILES[connection.vendor])
        else:
            flip_first_byte(folder / "media" / "notes" / "übergabe.txt")

    damaged = rewrite(path, tmp_path / "damaged.tar.gz", damage)
    refused = target.restore(damaged, "--yes")

    assert refused.returncode != 0
    assert "Checksum mismatch" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert_same_tables(before, target.snapshot())
    assert files_of(target.media_root) == files_before
    assert sorted(p.name for p in target.media_root.parent.iterdir() if p.name.startswith(".")) == []


# Writes in a loop, one transaction at a time: a row into `probe`, and the count into `total`.
# Without automatic checkpoints all of it stays in the WAL file, which a plain
# copy of the database file would miss.
WRITER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA wal_autocheckpoint=0")
db.execute("CREATE TABLE probe (n INTEGER)")
db.execute("CREATE TABLE total (n INTEGER)")
db.execute("INSERT INTO total VALUES (0)")
for round in range(10**9):
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO probe VALUES ((SELECT n FROM total) + 1)")
    db.execute("UPDATE total SET n = n + 1")
    db.execute("COMMIT")
    if round == 100:
        print("writing", flush=True)
"""


def test_a_sqlite_backup_is_consistent_while_another_process_writes(tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("pg_dump takes a snapshot by itself; this is about SQLite's online backup")
    live = tmp_path / "live.sqlite3"
    portal = Target(f"sqlite:///{live}", tmp_path / "media")
    migrated = portal.run("manage.py", "migrate", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    writer = subprocess.Popen(  # noqa: S603 - our own script
        [sys.executable, "-c", WRITER, str(live)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout.readline() == "writing\n"
        backup = portal.run("manage.py", "backup", "--output", str(tmp_path / "backup.tar.gz"))
    finally:
        writer.terminate()
        writer.wait()
    assert backup.returncode == 0, backup.stderr

    with tarfile.open(tmp_path / "backup.tar.gz") as tar:
        tar.extract("database.sqlite3", tmp_path / "unpacked", filter="data")
    copy = sqlite3.connect(tmp_path / "unpacked" / "database.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    (rows,) = copy.execute("SELECT count(*) FROM probe").fetchone()
    (total,) = copy.execute("SELECT n FROM total").fetchone()
    assert "django_migrations" in {name for (name,) in copy.execute("SELECT name FROM sqlite_master")}
    copy.close()
    # Every transaction whole, none half: as many rows as the counter says.
    assert rows == total > 0


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_another_database_vendor_is_refused(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    path = make_backup(tmp_path / "backups")
    ours = connection.vendor
    theirs = "postgresql" if ours == "sqlite" else "sqlite"

    def other_vendor(folder: Path) -> None:
        manifest = json.loads((folder / archive.MANIFEST).read_text())
        (folder / archive.DATABASE_FILES[ours]).rename(folder / archive.DATABASE_FILES[theirs])
        manifest["database"] = {"vendor": theirs, "file": archive.DATABASE_FILES[theirs]}
        for entry in manifest["files"]:
            if entry["path"] == archive.DATABASE_FILES[ours]:
                entry["path"] = archive.DATABASE_FILES[theirs]
        (folder / archive.MANIFEST).write_text(json.dumps(manifest))

    other = rewrite(path, tmp_path / "other.tar.gz", other_vendor)
    message = f"backup of a {theirs} database, but the portal is configured for {ours}"
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(other), yes=True)


def test_an_archive_with_a_path_outside_its_folder_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "evil.tar.gz"
    (tmp_path / "payload").write_text("x")
    with tarfile.open(evil, "w:gz") as tar:
        tar.add(tmp_path / "payload", "media/../../escaped")
    with pytest.raises(archive.BackupError, match="outside its own folder"):
        archive.extract(evil, tmp_path / "unpacked")
    assert not (tmp_path / "escaped").exists()


@pytest.mark.django_db(transaction=True)
def test_a_backup_never_overwrites_a_file(settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    existing = tmp_path / "backup.tar.gz"
    existing.write_text("an older backup")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=existing)
    assert existing.read_text() == "an older backup"

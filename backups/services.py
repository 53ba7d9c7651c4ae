"""Backing up and restoring the whole portal: the database and the uploaded files."""

import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from . import archive, database
from .archive import BackupError


@dataclass
class BackupResult:
    path: Path
    manifest: dict[str, Any]
    skipped: list[str] = field(default_factory=list)

    @property
    def media_count(self) -> int:
        return sum(1 for entry in self.manifest["files"] if entry["path"].startswith(f"{archive.MEDIA}/"))


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    pending_migrations: list[str]

    @property
    def media_count(self) -> int:
        return sum(1 for entry in self.manifest["files"] if entry["path"].startswith(f"{archive.MEDIA}/"))


class NotConfirmed(BackupError):
    """The database has data and the operator has not said that it may be replaced."""


def create_backup(output: Path | None = None, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Writes one archive with the database and every file under MEDIA_ROOT.

    `output` is a file name or an existing folder (default: the current folder);
    in a folder the archive gets a dated name. An existing file is never overwritten.
    """
    created_at = timezone.now()
    path = _output_path(output, created_at)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if path.resolve().is_relative_to(media_root):
        raise BackupError(f"Keep backups outside MEDIA_ROOT ({media_root}); they would back up each other.")
    vendor = database.vendor(using)
    migrations = database.applied_migrations(using)
    skipped: list[str] = []
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".netzwerkportal-backup-") as staging:
        database_file = database.dump(using, Path(staging))
        with archive.writing(path) as writer:
            writer.add_file(Path(staging) / database_file, database_file, mode=0o600)
            for file in _media_files(media_root, skipped):
                writer.add_file(file, f"{archive.MEDIA}/{file.relative_to(media_root).as_posix()}")
            manifest = {
                "format": archive.FORMAT,
                "format_version": archive.FORMAT_VERSION,
                "created_at": created_at.isoformat(),
                "django_version": django.get_version(),
                "database": {"vendor": vendor, "file": database_file},
                "migrations": migrations,
                "files": writer.files,
            }
            writer.add_manifest(manifest)
    return BackupResult(path=path, manifest=manifest, skipped=skipped)


def restore_backup(path: Path, using: str = DEFAULT_DB_ALIAS, replace: bool = False) -> RestoreResult:
    """Replaces the database and MEDIA_ROOT with the archive's content.

    Everything is checked first (manifest, checksums, vendor, migrations, whether
    the database is empty); then the new media folder is moved in, the database
    restored, and the old media folder removed. If the database restore fails,
    the old media folder is moved back: the portal is left as it was.
    """
    media_root = Path(settings.MEDIA_ROOT).resolve()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked next to MEDIA_ROOT, so that swapping the media folder is a rename.
    staging = Path(tempfile.mkdtemp(dir=media_root.parent, prefix=".netzwerkportal-restore-"))
    try:
        manifest = archive.extract(Path(path), staging)
        _check_compatible(manifest, using)
        existing = database.tables(using)
        if existing and not replace:
            raise NotConfirmed(
                f"The database is not empty ({len(existing)} tables). A restore replaces all of its "
                "content and every uploaded file; run again with --yes to do that."
            )
        new_media = staging / archive.MEDIA
        new_media.mkdir(exist_ok=True)
        old_media = _swap_in(new_media, media_root)
        try:
            database.restore(using, staging / manifest["database"]["file"])
        except BaseException:
            _swap_back(old_media, media_root)
            raise
        if old_media is not None:
            shutil.rmtree(old_media)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pending = database.migrations_pending(manifest["migrations"])
    return RestoreResult(manifest=manifest, pending_migrations=pending)


def _output_path(output: Path | None, created_at) -> Path:
    name = f"netzwerkportal-backup-{timezone.localtime(created_at):%Y-%m-%d-%H%M%S}.tar.gz"
    if output is None:
        path = Path.cwd() / name
    elif Path(output).is_dir():
        path = Path(output) / name
    else:
        path = Path(output)
    if path.exists():
        raise BackupError(f"{path} exists already; a backup never overwrites a file.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    return path


def _media_files(media_root: Path, skipped: list[str]) -> list[Path]:
    files = []
    for folder, subfolders, names in os.walk(media_root):
        subfolders.sort()
        for name in sorted(names):
            file = Path(folder) / name
            if file.is_symlink() or not file.is_file():
                skipped.append(str(file))
            else:
                files.append(file)
    return files


def _check_compatible(manifest: dict[str, Any], using: str) -> None:
    theirs = manifest["database"]["vendor"]
    ours = database.vendor(using)
    if theirs != ours:
        raise BackupError(
            f"This is a backup of a {theirs} database, but the portal is configured for {ours} "
            f"(DATABASE_URL). Restore it with DATABASE_URL pointing at a {theirs} database."
        )
    if unknown := database.migrations_unknown_to_code(manifest["migrations"]):
        raise BackupError(
            "The backup was made by a newer version of the portal; this version lacks its migrations "
            f"{', '.join(unknown[:5])}. Update the portal first, then restore."
        )


def _swap_in(new: Path, target: Path) -> Path | None:
    """Puts `new` where `target` is; returns where the old folder went (None if there was none).

    A new MEDIA_ROOT keeps the private mode of the unpacking folder (0700)."""
    old = None
    if target.exists():
        os.chmod(new, target.stat().st_mode & 0o777)
        old = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
        target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    return old


def _swap_back(old: Path | None, target: Path) -> None:
    shutil.rmtree(target)
    if old is not None:
        old.rename(target)

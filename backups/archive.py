"""The backup archive: one tar.gz file with the database, the media files and a manifest.

Inside the archive:

    database.sqlite3 or database.pgdump   the database (SQLite file or pg_dump custom format)
    media/<path>                          every file under MEDIA_ROOT
    manifest.json                         format version, creation time, database vendor,
                                          migration state, and every other member with
                                          its size and SHA-256

Reading an archive unpacks it into a private folder and checks it against the
manifest before anything else happens, so a damaged or altered archive is
refused before the database or a file is touched.
"""

import hashlib
import json
import os
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT = "netzwerkportal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


class _HashingReader:
    """Hands a file to tarfile and hashes exactly the bytes that go into the archive."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._file.read(size)
        self.sha256.update(data)
        return data


class ArchiveWriter:
    def __init__(self, tar: tarfile.TarFile) -> None:
        self._tar = tar
        self.files: list[dict[str, Any]] = []

    def add_file(self, source: Path, name: str, mode: int | None = None) -> None:
        with source.open("rb") as file:
            status = os.fstat(file.fileno())
            info = tarfile.TarInfo(name)
            info.size = status.st_size
            info.mtime = int(status.st_mtime)
            info.mode = mode if mode is not None else status.st_mode & 0o777
            reader = _HashingReader(file)
            # tarfile copies exactly `size` bytes: a file that grows meanwhile is
            # cut at its size when we looked, and the hash covers what was copied.
            self._tar.addfile(info, reader)
        self.files.append({"path": name, "size": info.size, "sha256": reader.sha256.hexdigest()})

    def add_manifest(self, manifest: dict[str, Any]) -> None:
        data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(time.time())
        info.mode = 0o600
        self._tar.addfile(info, _BytesReader(data))


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._position + size
        chunk = self._data[self._position : end].tobytes()
        self._position += len(chunk)
        return chunk


@contextmanager
def writing(path: Path) -> Iterator[ArchiveWriter]:
    """Writes the archive to a private temporary file next to `path` and moves it into place
    only when complete, so an interrupted backup never leaves a file that looks like a backup."""
    # mkstemp creates the file readable and writable by its owner only (0600).
    fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as file:
            with tarfile.open(fileobj=file, mode="w:gz") as tar:
                yield ArchiveWriter(tar)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def extract(archive: Path, into: Path) -> dict[str, Any]:
    """Unpacks `archive` into the folder `into` and checks every file against the manifest.

    Returns the manifest; raises BackupError if anything is missing, extra, or altered.
    """
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            members = tar.getmembers()
            for member in members:
                _check_member(member)
            tar.extractall(into, members=members, filter="data")
    except FileNotFoundError as error:
        raise BackupError(f"There is no backup at {archive}.") from error
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"{archive} is not a readable backup archive: {error}") from error
    manifest = _read_manifest(into / MANIFEST)
    _check_files(into, manifest)
    return manifest


def _check_member(member: tarfile.TarInfo) -> None:
    path = PurePosixPath(member.name)
    if member.isdir() and not path.parts:
        return  # "." of an archive packed by hand with `tar -C folder .`
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"The archive holds a file outside its own folder ({member.name!r}); refused.")
    if not (member.isfile() or member.isdir()):
        raise BackupError(f"The archive holds {member.name!r}, which is not a plain file; refused.")
    top = path.parts[0]
    if top not in (MANIFEST, MEDIA, *DATABASE_FILES.values()):
        raise BackupError(f"The archive holds {member.name!r}, which a backup does not contain; refused.")


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BackupError(f"The archive has no {MANIFEST}; it is not a Netzwerkportal backup.") from error
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"The archive's {MANIFEST} is not valid JSON: {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"The archive's {MANIFEST} is not a Netzwerkportal backup manifest.")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise BackupError(
            f"The backup has format version {version!r}; this version of the portal reads "
            f"version {FORMAT_VERSION}. Restore it with the version of the portal that made it."
        )
    database = manifest.get("database")
    if (
        not isinstance(database, dict)
        or DATABASE_FILES.get(database.get("vendor")) != database.get("file")
        or not isinstance(manifest.get("files"), list)
        or not isinstance(manifest.get("migrations"), dict)
    ):
        raise BackupError(f"The archive's {MANIFEST} is incomplete (database, files or migrations).")
    return manifest


def _check_files(root: Path, manifest: dict[str, Any]) -> None:
    listed = {}
    for entry in manifest["files"]:
        if not isinstance(entry, dict) or not {"path", "size", "sha256"} <= entry.keys():
            raise BackupError(f"The archive's {MANIFEST} has a malformed file entry: {entry!r}")
        listed[entry["path"]] = entry
    if manifest["database"]["file"] not in listed:
        raise BackupError("The archive's manifest does not list the database file.")

    present = {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and path.relative_to(root).as_posix() != MANIFEST
    }
    if missing := sorted(listed.keys() - present):
        raise BackupError(f"The archive lacks files its manifest lists: {', '.join(missing[:5])}")
    if extra := sorted(present - listed.keys()):
        raise BackupError(f"The archive holds files its manifest does not list: {', '.join(extra[:5])}")
    for name, entry in sorted(listed.items()):
        path = root / name
        if path.stat().st_size != entry["size"] or sha256_of(path) != entry["sha256"]:
            raise BackupError(
                f"Checksum mismatch for {name}: the archive is damaged or was altered. Nothing was restored."
            )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from backups.services import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Writes the database and the uploaded files (MEDIA_ROOT) into one archive (tar.gz, "
        "readable only by its owner). Safe while the portal runs."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="File name, or an existing folder for a dated file name (default: the current folder).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, output: Path | None, database: str, **options) -> None:
        try:
            result = create_backup(output, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for path in result.skipped:
            self.stderr.write(f"Skipped {path}: not a plain file.")
        size = result.path.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {result.path} ({size / 1e6:.1f} MB): the "
                f"{result.manifest['database']['vendor']} database and {result.media_count} uploaded files."
            )
        )

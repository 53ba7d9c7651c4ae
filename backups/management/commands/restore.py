from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from backups.services import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restores a backup made by `backup`: replaces the database and the uploaded files "
        "(MEDIA_ROOT). Checks the archive first; stop the portal and the task worker before."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="The backup archive (.tar.gz).")
        parser.add_argument(
            "--yes", action="store_true", help="Replace the database even if it has data already."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args, path: Path, yes: bool, database: str, **options) -> None:
        try:
            result = restore_backup(path, using=database, replace=yes)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']}: the {manifest['database']['vendor']} "
                f"database and {result.media_count} uploaded files."
            )
        )
        if result.pending_migrations:
            self.stdout.write(
                f"This version of the portal has {len(result.pending_migrations)} migrations the backup "
                "has not applied; run `manage.py migrate` next."
            )

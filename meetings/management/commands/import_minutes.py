"""Imports a folder of old minutes (PDF files) into the archive.

    manage.py import_minutes FOLDER --visibility members [--dry-run]

The date of each meeting is read from the file's name (see
meetings.minutes.parse_date_from_filename). Files without a readable date and files
that are not valid PDFs are listed and not imported; the others are imported together.
Exits with status 1 if any file could not be imported.
"""

from contextlib import ExitStack
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.minutes import import_files
from meetings.models import Minutes


class Command(BaseCommand):
    help = "Imports a folder of old minutes PDF files, with the dates read from their names."

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", help="The folder with the PDF files (not its subfolders).")
        parser.add_argument(
            "--visibility",
            choices=Minutes.Visibility.values,
            required=True,
            help="Who may read the imported minutes.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the files and report; write nothing."
        )

    def handle(self, *args, folder: str, visibility: str, dry_run: bool, **options) -> None:
        path = Path(folder)
        if not path.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        names = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        with ExitStack() as stack:
            files = [(p.name, stack.enter_context(p.open("rb"))) for p in names]
            report = import_files(files, visibility, user=None, dry_run=dry_run)
        verb = "would be imported" if dry_run else "imported"
        for minutes in report.imported:
            self.stdout.write(f"{verb}: {minutes.held_on.isoformat()}  {minutes.title}")
        for problem in report.skipped:
            self.stdout.write(f"skipped: {problem.name}: {problem.reason}")
        for problem in report.rejected:
            self.stderr.write(f"not imported: {problem.name}: {problem.reason}")
        self.stdout.write(
            f"{len(report.imported)} {verb}, {len(report.skipped)} skipped, "
            f"{len(report.rejected)} not imported."
        )
        if report.rejected:
            raise CommandError(f"{len(report.rejected)} file(s) could not be imported.", returncode=1)

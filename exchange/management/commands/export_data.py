import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange import exports
from exchange.models import Kind


class Command(BaseCommand):
    help = (
        "Writes this network's organisations, offers or meetings as CSV, XLSX or JSON, as the "
        "coordinators' export does (docs/exchange.md). Contact people only with --with-contacts."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=Kind.values)
        parser.add_argument("--format", choices=list(exports.FORMATS), default="csv")
        parser.add_argument("--output", help="The file to write (default: standard output; not for XLSX).")
        parser.add_argument(
            "--with-contacts",
            action="store_true",
            help="Add the organisations' contact people: personal data for members only.",
        )

    def handle(
        self, *args, kind: str, format: str, output: str | None, with_contacts: bool, **options
    ) -> None:
        if with_contacts and kind != Kind.ORGANISATIONS:
            raise CommandError("Only the organisations have contact people.")
        if format == "xlsx" and not output:
            raise CommandError("An XLSX file needs --output.")
        file = exports.build(kind, format, with_contacts=with_contacts)
        chunks = (chunk.encode() if isinstance(chunk, str) else chunk for chunk in file.chunks)
        if not output:
            for chunk in chunks:
                sys.stdout.buffer.write(chunk)
            return
        path = Path(output)
        try:
            with path.open("wb") as target:
                for chunk in chunks:
                    target.write(chunk)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from error
        self.stderr.write(f"{path}: {kind} as {format}")

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from offers import hsds


class Command(BaseCommand):
    help = (
        "Writes the public offers and the organisations as Open Referral HSDS 3.0 JSON: "
        "services.json and organizations.json in OUTPUT_FOLDER, each the whole list on one page."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("output_folder", help="Where to write the files; made if it does not exist.")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _ in settings.LANGUAGES],
            help="The language of the texts (default: %(default)s); missing translations are in German.",
        )

    def handle(self, *args, output_folder: str, language: str, **options) -> None:
        folder = Path(output_folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot make the folder {folder}: {error}") from error
        with translation.override(language):
            lists = {
                "services.json": hsds.service_list(hsds.public_services()),
                "organizations.json": hsds.organization_list(hsds.public_organizations()),
            }
        for name, data in lists.items():
            path = folder / name
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            self.stdout.write(f"{path}: {data['total_items']} entries")

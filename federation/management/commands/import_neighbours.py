from django.core.management.base import BaseCommand, CommandError

from federation.importer import ImportFailed, import_neighbour
from federation.models import Neighbour


class Command(BaseCommand):
    help = (
        "Imports the offers of the neighbouring networks (all marked for regular imports, or one) "
        "from their open data API. The task worker does this every six hours."
    )

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--neighbour", metavar="SLUG", help="Only this neighbour (also if not active).")

    def handle(self, *args, neighbour: str | None = None, **options) -> None:
        if neighbour:
            neighbours = list(Neighbour.objects.filter(slug=neighbour))
            if not neighbours:
                raise CommandError(f"No neighbouring network with the short name {neighbour!r}.")
        else:
            neighbours = list(Neighbour.objects.filter(is_active=True))
        failed = []
        for each in neighbours:
            try:
                result = import_neighbour(each)
            except ImportFailed as error:
                self.stderr.write(f"{each.name}: {error}")
                failed.append(each.slug)
                continue
            self.stdout.write(f"{each.name}: {result}")
        if failed:
            raise CommandError(f"Import failed for: {', '.join(failed)}")

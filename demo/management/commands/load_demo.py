from django.core.management.base import BaseCommand

from demo.loader import load


class Command(BaseCommand):
    help = (
        "Loads the Netzwerk Migration Region Göttingen as demo data into an empty portal. "
        "Once the network exists it changes nothing, so coordinators' edits stay."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Put the shipped demo texts back into the existing rows, overwriting edits.",
        )

    def handle(self, *args, refresh: bool = False, **options) -> None:
        result = load(refresh=refresh)
        if result.skipped:
            self.stdout.write(
                "The network is set up already; nothing loaded (--refresh puts the demo texts back)."
            )
        elif result.total_created:
            made = ", ".join(f"{n} {label}" for label, n in result.created.items() if n)
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {made}."))
        else:
            self.stdout.write("Demo data is up to date; nothing new.")

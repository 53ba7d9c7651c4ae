from django.core.management.base import BaseCommand

from demo.loader import load


class Command(BaseCommand):
    help = "Loads the Netzwerk Migration Region Göttingen as demo data. Safe to run again."

    def handle(self, *args, **options) -> None:
        result = load()
        if result.total_created:
            made = ", ".join(f"{n} {label}" for label, n in result.created.items() if n)
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {made}."))
        else:
            self.stdout.write("Demo data is up to date; nothing new.")

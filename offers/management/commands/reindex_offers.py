from django.core.management.base import BaseCommand

from offers.index import reindex


class Command(BaseCommand):
    help = "Rebuilds the search index of the offers directory (after bulk loads or a restore)."

    def add_arguments(self, parser):
        parser.add_argument("offer_ids", nargs="*", type=int, help="only these offers (default: all)")

    def handle(self, *args, offer_ids: list[int], **options):
        written = reindex(offer_ids or None)
        self.stdout.write(f"Indexed {written} offers.")

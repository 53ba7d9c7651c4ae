from django.core.management import call_command
from django.core.management.base import BaseCommand

from outbox.periodic import schedule_jobs


class Command(BaseCommand):
    help = (
        "Runs the task worker: delivers queued e-mail and runs the periodic jobs "
        "(reminders, deleting old attendance lists). Keep one running in production."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="Stop when no task is ready.")

    def handle(self, *args, batch: bool = False, **options) -> None:
        queued = schedule_jobs()
        if queued:
            self.stdout.write("Scheduled: " + ", ".join(queued))
        call_command(
            "db_worker",
            batch=batch,
            interval=2,
            startup_delay=False,
            reload=False,
            verbosity=options["verbosity"],
        )

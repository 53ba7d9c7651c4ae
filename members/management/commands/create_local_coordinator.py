import secrets

from django.core.management.base import BaseCommand

from members.models import User

EMAIL = "coordinator@example.org"


class Command(BaseCommand):
    help = (
        "Creates a coordinator account for trying the portal locally and prints its "
        "generated password once. Does nothing if the account exists."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", default=EMAIL)

    def handle(self, *args, email: str, **options) -> None:
        if User.objects.filter(email=email).exists():
            self.stdout.write(
                f"Coordinator {email} exists. New password: .venv/bin/python manage.py changepassword {email}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(email=email, password=password, name="Coordinator", is_coordinator=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Coordinator account created. Log in at /de/account/login/ as {email} "
                f"with the password {password} (shown only this once)."
            )
        )

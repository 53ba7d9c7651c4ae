"""A neighbouring network for tests that visit every page (the access test). Synthetic."""

from federation.models import Neighbour


def sample_neighbour() -> Neighbour:
    """The sample neighbour, made once. Its address is never asked: no test here imports from it."""
    neighbour, _created = Neighbour.objects.get_or_create(
        slug="testnetz-nachbar",
        defaults={"name": "Testnetz Nachbar", "api_url": "https://nachbar.example.org/api/v1/"},
    )
    return neighbour

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from members.models import User
from network.models import Network
from news.models import Post


@pytest.fixture
def network(db) -> Network:
    return Network.objects.create(name="Beispielnetzwerk", description="Ein Netzwerk zum Testen.")


@pytest.fixture
def coordinator_user(db) -> User:
    return User.objects.create_user(
        email="koordination@example.org", password=None, name="Cora Koordination", is_coordinator=True
    )


@pytest.fixture
def coordinator_client(coordinator_user: User) -> Client:
    client = Client()
    client.force_login(coordinator_user)
    return client


@pytest.fixture
def make_post(db) -> Callable[..., Post]:
    """A news item, published a day ago and public unless told otherwise; `days=None` makes a draft."""
    counter = iter(range(1, 10_000))

    def make(title: str | None = None, days: int | None = -1, **fields) -> Post:
        number = next(counter)
        title = title or f"Testneuigkeit {number}"
        values = {
            "title_de": title,
            "slug": f"testneuigkeit-{number}-{title.lower().replace(' ', '-')}"[:190],
            "body_de": "Ein **Beispieltext**.",
            "published_at": None if days is None else timezone.now() + datetime.timedelta(days=days),
            **fields,
        }
        return Post.objects.create(**values)

    return make

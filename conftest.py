"""Fixtures shared by every app's tests."""

from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from demo.loader import LoadResult, load
from members.models import Affiliation, Organisation, Person, User


@pytest.fixture(autouse=True)
def _german_after_each_test() -> Iterator[None]:
    """A test that switches the language must not leave it switched for the next one."""
    yield
    translation.activate("de")


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """What one test counted in the cache (the API's rate limit, per IP address: every test
    client is 127.0.0.1) must not count against the next one."""
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _plain_static_storage(settings) -> None:
    # The manifest storage of production needs `collectstatic` first; tests read
    # the files from the source folders instead.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _task_worker_keeps_the_connection(monkeypatch) -> None:
    """Tests run the task worker (`db_worker --batch`) inside the test's transaction.
    The worker closes connections it finds in a transaction, as it should between
    tasks; here that would end the test's transaction (PostgreSQL), so it keeps them."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


@pytest.fixture
def demo(db) -> LoadResult:
    """The Netzwerk Migration Region Göttingen, loaded as `make run` loads it."""
    return load()


@pytest.fixture
def member_user(db) -> User:
    """A member: the active contact person of a member organisation."""
    user = User.objects.create_user(
        email="mitglied@example.org", password="nicht-geheim-1234", name="Test Mitglied"
    )
    organisation = Organisation.objects.create(
        name="Testorganisation Mitglied", slug="testorganisation-mitglied"
    )
    person = Person.objects.create(name="Test Mitglied", email=user.email, user=user)
    Affiliation.objects.create(person=person, organisation=organisation)
    return user


@pytest.fixture
def member_client(client: Client, member_user: User) -> Client:
    client.force_login(member_user)
    return client


@pytest.fixture
def coordinator(db) -> User:
    """A coordinator (without a password: `coordinator_client` logs in)."""
    return User.objects.create_user(email="koordination@example.org", password=None, is_coordinator=True)


@pytest.fixture
def coordinator_client(coordinator: User) -> Client:
    client = Client()
    client.force_login(coordinator)
    return client


@pytest.fixture
def count_queries(client: Client) -> Callable[[str], int]:
    """How many queries one GET of the URL makes; the response must be 200."""

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(queries)

    return count


@pytest.fixture
def assert_fixed_query_count(count_queries: Callable[[str], int]) -> Callable[..., None]:
    """Asserts that a page makes as many queries with 3N extra rows as with N.

    `add_rows(n)` creates n more rows of whatever the page lists.
    """

    def check(url: str, add_rows: Callable[[int], None], n: int = 4) -> None:
        count_queries(url)  # once, so that per-process caches are warm for both counts
        add_rows(n)
        # Twice: the first after a change, the second with what the process kept of the first
        # (the search keeps the text index's answers until the index changes).
        small = (count_queries(url), count_queries(url))
        add_rows(2 * n)
        large = (count_queries(url), count_queries(url))
        assert small == large, f"{url}: {small} queries with {n} extra rows, {large} with {3 * n}"

    return check

"""Every answer of the API matches its OpenAPI schema: schemathesis asks each operation with
parameters made from the schema, valid and invalid, in-process through the WSGI application
and against the test database, and checks status codes, content types, headers and bodies.

Derandomized and few examples per operation, so that the run is the same each time and
takes some seconds.
"""

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
schema.config.generation.update(max_examples=12, deterministic=True, database="none")


@pytest.fixture(autouse=True)
def _keep_the_connection():
    """The WSGI application closes the database connection after each request, and with it
    the test's transaction (PostgreSQL); Django's test client stops it from doing that, and
    so does this, for schemathesis, which calls the application itself."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@hypothesis.settings(suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
def test_every_answer_matches_the_schema(case, world, settings):
    settings.API_RATE_LIMIT = ""  # hundreds of requests from one address
    case.call_and_validate()


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_every_object_matches_the_schema(world, lang):
    # Made-up keys hardly ever name an object of the test data: here each object is asked for.
    objects = [
        *(
            ("/api/v1/organisations/{slug}/", {"slug": slug})
            for slug in ("beispielverein-nord", "beispieldachverband")
        ),
        ("/api/v1/offers/{pk}/", {"pk": world.offer.pk}),
        *(("/api/v1/meetings/{pk}/", {"pk": meeting.pk}) for meeting in (world.upcoming, world.past)),
        ("/api/v1/minutes/{pk}/", {"pk": world.minutes.pk}),
    ]
    for path, parameters in objects:
        response = (
            schema[path]["GET"].Case(path_parameters=parameters, query={"lang": lang}).call_and_validate()
        )
        assert response.status_code == 200, path

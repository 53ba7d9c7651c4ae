"""The open data API, version 1, at /api/v1/ (docs/api.md): read-only JSON of the network's
organisations, offers, meetings and public minutes, with its OpenAPI schema.

django-ninja routes the requests, validates their parameters and documents the answers'
schemas (api/schemas.py), against which the views check their answers (json_answer()); what
every answer has in common (language, conditional requests, CORS) is in api/http.py, around
each of its URL patterns.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, reverse
from django.utils import translation
from ninja import NinjaAPI, Query
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from network.models import Network

from . import meetings, minutes, offers, organisations, schemas
from .http import AddressThrottle, LanguageParams, json_answer, languages, open_data
from .links import absolute
from .schemas import LIST


class OpenDataAPI(NinjaAPI):
    def get_root_path(self, path_params: dict) -> str:
        # The index answers at the root, where ninja would have a page of its own (urls()).
        return reverse(f"{self.urls_namespace}:index", kwargs=path_params)


class Utf8Renderer(JSONRenderer):
    # Arabic, Persian or Russian texts as they are, not as \u escapes: readable, and half the size.
    json_dumps_params = {"ensure_ascii": False}


api = OpenDataAPI(
    title="Netzwerkportal open data",
    version="1",
    description="Organisations, offers, meetings and public minutes of the network, read-only (docs/api.md).",
    urls_namespace="api-v1",
    renderer=Utf8Renderer(),
    # Swagger UI from the portal's own static files, its settings in a JSON block and its
    # script in a file: it runs under the Content-Security-Policy. No validator badge, which
    # would load an image from another site.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs/",
    throttle=[AddressThrottle()],
)
api.add_router("/organisations/", organisations.router)
api.add_router("/offers/", offers.router)
api.add_router("/meetings/", meetings.router)
api.add_router("/minutes/", minutes.router)


@api.get("/", response={200: schemas.Index, **LIST}, url_name="index", tags=["index"])
def index(request: HttpRequest, params: Query[LanguageParams]) -> HttpResponse:
    """What the API has, and where the network's other open data is."""
    network = Network.objects.only("name").first()
    answer = schemas.Index(
        name=network.name if network else "",
        language=translation.get_language(),
        languages=languages(),
        organisations=absolute(request, "api-v1:organisations"),
        offers=absolute(request, "api-v1:offers"),
        meetings=absolute(request, "api-v1:meetings"),
        minutes=absolute(request, "api-v1:minutes-list"),
        openapi=absolute(request, "api-v1:openapi-json"),
        docs=absolute(request, "api-v1:openapi-view"),
        hsds_services=absolute(request, "offers:hsds-services"),
        hsds_organizations=absolute(request, "offers:hsds-organizations"),
        feed=absolute(request, "api:feed"),
        calendar=absolute(request, "meetings:calendar"),
    )
    return json_answer(schemas.Index, answer)


def urls() -> tuple[list[URLPattern], str, str]:
    """The API's URL patterns for include(), each wrapped by open_data()."""
    patterns, app_name, namespace = api.urls
    return (
        [
            URLPattern(pattern.pattern, open_data(pattern.callback), pattern.default_args, pattern.name)
            # ninja's root pattern only says where the docs are: the index takes its place.
            for pattern in patterns
            if pattern.name != "api-root"
        ],
        app_name,
        namespace,
    )

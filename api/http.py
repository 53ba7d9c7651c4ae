"""What every answer of the open data API has in common, around django-ninja's views.

`open_data(view)` wraps each of the API's URL patterns (api/v1.py):

- the language: `?lang=` or else the Accept-Language header picks the language of
  translated texts (German by default); never the visitor's cookie or session, so that
  an answer is the same for everyone who asks the same;
- HEAD, answered as GET without the body (ninja routes GET only);
- conditional requests: an ETag made from the body (exact), the Last-Modified a view
  set where its data has a modification time, and 304 Not Modified to If-None-Match
  or If-Modified-Since (RFC 9110: If-None-Match decides when both are sent);
- CORS for reading: any site may read the API from a browser, without credentials,
  and send the conditional headers (a preflight asks first, as they are not
  "simple" headers).

The views answer with `json_answer()`: their data checked against the operation's schema and
written as JSON by pydantic in one step.

The rate limit is ninja's throttling, per IP address (`AddressThrottle`).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import trans_real
from ninja import Field, Schema
from ninja.throttling import SimpleRateThrottle
from pydantic import BaseModel

from netzwerk.client import client_ip

# A minute fresh, then asked again (cheaply: 304); without it, browsers would guess a
# freshness from Last-Modified, days for an offer that has not changed for months.
CACHE_CONTROL = "max-age=60"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
JSON = "application/json; charset=utf-8"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    # ETag and Retry-After are not among the headers a browser shows a script unasked.
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After",
}
PREFLIGHT_HEADERS = {
    **CORS_HEADERS,
    "Access-Control-Allow-Methods": ", ".join(READ_METHODS),
    "Access-Control-Allow-Headers": "Accept-Language, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class LanguageParams(Schema):
    """?lang=, documented on every operation (answer_language() reads it before ninja does)."""

    lang: Literal[tuple(languages())] | None = Field(  # type: ignore[valid-type]
        None, description="The language of translated texts; without it, Accept-Language, else German."
    )


def answer_language(request: HttpRequest) -> str:
    """?lang= if it names one of the portal's languages, else the first of Accept-Language
    that the portal has, else German."""
    if (asked := request.GET.get("lang", "")) in languages():
        return asked
    for code, _quality in trans_real.parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def set_last_modified(response: HttpResponse, *times) -> None:
    """The newest of `times` (datetimes, None for unknown) as Last-Modified, if all are known:
    a view calls it with the modification times of what its answer is made of."""
    if times and all(times):
        response["Last-Modified"] = http_date(max(times).timestamp())


def json_answer(schema: type[BaseModel], data: Any, response: HttpResponse | None = None) -> HttpResponse:
    """`data` (dicts and schema objects) checked against `schema` and written as JSON, as the
    body of `response` (ninja's, with the headers a view set) or of a new one.

    Pydantic does both at once, in its compiled core. ninja would check the data through
    Python's attribute access, make dicts of it again and have Python's json module write
    them: for a page of fifty offers, 2.5 ms instead of 0.9."""
    if response is None:
        response = HttpResponse(content_type=JSON)
    response.content = schema.model_validate(data).model_dump_json()
    return response


def preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = ", ".join(READ_METHODS)
    for name, value in PREFLIGHT_HEADERS.items():
        response[name] = value
    return response


def open_data(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)  # keeps ninja's csrf_exempt: nothing here changes data
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            return preflight()
        head = request.method == "HEAD"
        if head:
            request.method = "GET"  # the operations are GET operations
        language = answer_language(request)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            response["Content-Language"] = language
            response["Cache-Control"] = CACHE_CONTROL
            set_response_etag(response)
            last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
            response = get_conditional_response(
                request, etag=response["ETag"], last_modified=last_modified, response=response
            )
        patch_vary_headers(response, ["Accept-Language"])
        for name, value in CORS_HEADERS.items():
            response[name] = value
        if head:
            request.method = "HEAD"
            if response.status_code == 200:
                response["Content-Length"] = str(len(response.content))  # as the GET's
            response.content = b""
        return response

    return wrapped


class AddressThrottle(SimpleRateThrottle):
    """At most settings.API_RATE_LIMIT requests ("120/m": per second, minute, hour or day) from
    one IP address; the next are answered 429 with Retry-After. The rate is read for each
    request, so that a changed setting applies at once; empty means no limit. The counts are
    kept in Django's cache: per process with the default cache, so a shared cache (CACHE_TABLE,
    the database) makes the limit hold across several processes. (As ninja's throttles do, it keeps
    a request's count on the instance between allow_request() and wait(): one request at a
    time per process, as gunicorn's sync workers answer them.)"""

    scope = "api"

    def __init__(self) -> None:  # no rate fixed here: see allow_request
        pass

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = settings.API_RATE_LIMIT
        if not self.rate:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        # Behind the reverse proxy, the address it saw: the visitor cannot choose their own.
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}

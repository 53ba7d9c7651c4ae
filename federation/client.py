"""Reading another Netzwerkportal's open data API (docs/api.md): JSON over HTTP with the
standard library, with a timeout, a size cap and clear errors.

Every address read must be on the host of the neighbour's API address: its answers name
further addresses (next pages, single offers), and a portal that named an address in
this portal's own network would otherwise make it ask there.
"""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 20
# A page of 100 offers is about 150 kB: this is far beyond any real answer.
MAX_BYTES = 10 * 1024 * 1024
# The API answers 429 with Retry-After when asked too fast (its API_RATE_LIMIT): wait, then ask again.
MAX_WAITS = 5
MAX_WAIT_SECONDS = 60


class FetchError(Exception):
    """What went wrong, said so that a coordinator understands it (it is shown as the last error)."""


def user_agent() -> str:
    return f"Netzwerkportal-federation/1 (+{settings.SITE_URL})"


def origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def check_address(url: str, base: str) -> None:
    """Only http(s), and only on the host of `base`."""
    scheme, host = origin(url)
    if scheme not in ("http", "https") or not host:
        raise FetchError(_("%(url)s is not a web address (http or https).") % {"url": url})
    if (scheme, host) != origin(base):
        raise FetchError(
            _("The API at %(base)s named an address on another host: %(url)s.") % {"base": base, "url": url}
        )


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, base: str) -> None:
        self.base = base

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        check_address(newurl, self.base)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _no_constants(name: str) -> None:
    raise ValueError(name)  # NaN and Infinity are not JSON


def get_json(url: str, base: str, sleep=time.sleep) -> Any:  # noqa: ANN001
    """The JSON answer of `url`, which must be on the host of `base`."""
    check_address(url, base)
    opener = urllib.request.build_opener(_SameOriginRedirects(base))
    request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
        url, headers={"User-Agent": user_agent(), "Accept": "application/json"}
    )
    for attempt in range(MAX_WAITS + 1):
        try:
            with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                content_type = response.headers.get_content_type()
                body = response.read(MAX_BYTES + 1)
            break
        except urllib.error.HTTPError as error:
            if error.code == 429 and attempt < MAX_WAITS:
                sleep(_retry_after(error.headers.get("Retry-After", "")))
                continue
            raise FetchError(
                _("%(url)s answered %(status)s %(reason)s.")
                % {"url": url, "status": error.code, "reason": error.reason}
            ) from error
        except (urllib.error.URLError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            raise FetchError(
                _("%(url)s could not be reached: %(reason)s.") % {"url": url, "reason": reason}
            ) from error
    if len(body) > MAX_BYTES:
        raise FetchError(_("%(url)s answered with more than 10 MB.") % {"url": url})
    if content_type != "application/json":
        raise FetchError(
            _("%(url)s answered with %(type)s, not JSON: is this the address of a Netzwerkportal API?")
            % {"url": url, "type": content_type}
        )
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError) as error:
        raise FetchError(
            _("%(url)s answered with invalid JSON: %(error)s.") % {"url": url, "error": error}
        ) from error


def _retry_after(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 5
    return min(max(seconds, 1), MAX_WAIT_SECONDS)


def with_query(url: str, **params: object) -> str:
    """`url` with these query parameters set (others kept)."""
    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    query.update({name: str(value) for name, value in params.items()})
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))

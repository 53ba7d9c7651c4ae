import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Everything the portal needs comes from its own origin; no inline scripts. The one
# exception is the map of the offers directory: its tiles come from the tile server
# of the setting OFFERS_MAP_TILE_URL, and img-src allows that host and nothing more.
DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:{tiles}",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
# A host as CSP writes it: letters, digits, dots and dashes, a "*." in front, a port behind.
HOST = re.compile(r"(\*\.)?[a-z0-9.-]+(:[0-9]+)?", re.IGNORECASE)


def tile_source(tile_url: str) -> str:
    """The CSP source of a Leaflet tile URL template: its scheme and host, "" if it needs none
    (no URL, or one on the portal's own origin) or if no source can say it. A placeholder such
    as {s} is allowed in the host's first label only, where it becomes "*" (any subdomain)."""
    parts = urlsplit(tile_url)
    if parts.scheme not in ("http", "https") or "@" in parts.netloc:
        return ""
    labels = parts.netloc.split(".")
    if "{" in labels[0]:
        labels[0] = "*"
    host = ".".join(labels)
    return f"{parts.scheme}://{host}" if HOST.fullmatch(host) else ""


@lru_cache(maxsize=4)
def content_security_policy(tile_url: str) -> str:
    tiles = tile_source(tile_url)
    return "; ".join(DIRECTIVES).format(tiles=f" {tiles}" if tiles else "")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Read for each response (cached by value), so that a changed setting takes effect.
        policy = content_security_policy(settings.OFFERS_MAP_TILE_URL)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response

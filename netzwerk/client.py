from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's IP address; behind the reverse proxy, the one the proxy saw."""
    if settings.BEHIND_PROXY:
        # The proxy appends the address it saw; anything before it the visitor may have made up.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or None


def safe_path(request: HttpRequest, url: str, fallback: str) -> str:
    """`url` if it is a path on this site, else `fallback`: for ?next= and similar.

    Only a path is taken, as redirect() reads anything else as the name of a view."""
    if (
        url.startswith("/")
        and url.isprintable()
        and url_has_allowed_host_and_scheme(
            url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return url
    return fallback

"""A small limit on how often one visitor may send a form, kept in Django's cache.

With several processes the cache must be shared (Redis or the database) for the
limit to hold across them; with the default per-process cache each process
counts for itself, which still stops a robot from flooding the coordinators.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from netzwerk.client import client_ip


def _key(scope: str, request: HttpRequest) -> str:
    # Only a hash of the address is kept, and only for the window.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request) or ''}".encode()).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}"


def is_limited(scope: str, request: HttpRequest, limit: int) -> bool:
    """True when this visitor has already used up `limit` in the current window."""
    return cache.get(_key(scope, request), 0) >= limit


def count(scope: str, request: HttpRequest, window: int = 3600) -> None:
    """Counts one use; the window starts with the first use."""
    key = _key(scope, request)
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, window)

"""How often one visitor may send a form: counted on the rows the form stored,
by a keyed hash of the visitor's address, so it holds across server processes."""

import datetime
import hashlib

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from netzwerk.client import client_ip


def sender_key(request: HttpRequest) -> str:
    """A hash of the visitor's IP address, keyed with SECRET_KEY; the address itself is not kept."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request) or ''}".encode()).hexdigest()


def is_limited(model: type[Model], sender: str, limit: int, window: int = 3600) -> bool:
    """True when this sender has stored `limit` rows of `model` within the last `window` seconds."""
    since = timezone.now() - datetime.timedelta(seconds=window)
    return model.objects.filter(sender=sender, created_at__gte=since).count() >= limit

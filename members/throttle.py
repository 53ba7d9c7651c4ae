"""Slows down password guessing: per account and per address, in a sliding window."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from .models import FailedLogin

security_log = logging.getLogger("netzwerk.security")


def _window_start() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.LOGIN_THROTTLE_WINDOW)


def is_throttled(email: str, ip: str | None) -> bool:
    recent = FailedLogin.objects.filter(at__gte=_window_start())
    if recent.filter(email=email.lower()).count() >= settings.LOGIN_THROTTLE_PER_ACCOUNT:
        return True
    return bool(ip) and recent.filter(ip=ip).count() >= settings.LOGIN_THROTTLE_PER_ADDRESS


def record_failure(email: str, ip: str | None, reason: str) -> None:
    FailedLogin.objects.create(email=email.lower()[:254], ip=ip)
    security_log.warning("failed login for %r from %s: %s", email, ip, reason)
    # Keep the table small: rows older than a day serve no purpose.
    FailedLogin.objects.filter(at__lt=timezone.now() - datetime.timedelta(days=1)).delete()


def clear_failures(email: str) -> None:
    FailedLogin.objects.filter(email=email.lower()).delete()

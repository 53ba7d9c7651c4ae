"""The e-mails of the network app, sent with the portal's e-mail module."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from netzwerk import emails

from .models import BarrierReport, Network

logger = logging.getLogger(__name__)


def coordinators() -> list[str]:
    """Who is told about reports: the active coordinators, else MANAGERS, else the sender address."""
    staff = get_user_model().objects.filter(is_coordinator=True, is_active=True).exclude(email="")
    return (
        list(staff.order_by("email").values_list("email", flat=True))
        or [email for _, email in settings.MANAGERS]
        or [settings.DEFAULT_FROM_EMAIL]
    )


def barrier_report_received(report: BarrierReport) -> None:
    """Tells the coordinators about a new barrier report, in the portal's main language.

    A reply goes to the visitor, if they gave an address."""
    context = {
        "report": report,
        "network": Network.objects.first(),
        "admin_url": settings.SITE_URL + reverse("admin:network_barrierreport_change", args=[report.pk]),
    }
    message = emails.render("barrier-report", context)
    message.to = coordinators()
    if report.email:
        message.reply_to = [report.email]
    message.send()
    logger.info("Barrier report %s sent to %d coordinators", report.pk, len(message.to))

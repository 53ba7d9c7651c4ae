"""Reminders before a meeting, run every hour by the task worker (outbox/periodic.py).

Two kinds, each at most once per invitation:
- a reminder of the meeting, settings.MEETING_REMINDER_DAYS days before it, to
  everyone invited who has not said no;
- a reminder to answer, settings.REPLY_REMINDER_DAYS days before it, to those
  invited before then who have not answered.

Each invitation is claimed with a conditional UPDATE in the same transaction
as its mail is queued, so two runs (or two workers) never send a reminder twice."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from network.models import Network

from .invitations import queue_reminder
from .models import Invitation, Meeting

logger = logging.getLogger(__name__)


def _due_invitations(days: int) -> QuerySet[Invitation]:
    """Invitations to meetings that are not cancelled and start within `days` days."""
    now = timezone.now()
    meetings = Meeting.objects.filter(
        is_cancelled=False, starts_at__gt=now, starts_at__lte=now + datetime.timedelta(days=days)
    )
    return (
        Invitation.objects.filter(meeting__in=meetings, person__anonymised_at__isnull=True)
        .exclude(email="")
        .select_related("meeting__place", "person")
        .order_by("meeting__starts_at", "pk")
    )


def _send(invitation: Invitation, name: str, field: str, network: Network | None, also: tuple = ()) -> bool:
    now = timezone.now()
    with transaction.atomic():
        claimed = Invitation.objects.filter(pk=invitation.pk, **{f"{field}__isnull": True}).update(
            **{field: now, **{other: now for other in also}}
        )
        if claimed:
            queue_reminder(invitation, name, network)
    return bool(claimed)


def send_due_reminders() -> int:
    """Queues the reminders that are due; returns how many."""
    network = Network.objects.first()
    sent = 0
    coming = (
        _due_invitations(settings.MEETING_REMINDER_DAYS)
        .exclude(response=Invitation.Response.NO)
        .filter(reminder_sent_at__isnull=True)
    )
    for invitation in coming:
        # The meeting reminder has the reply links: for someone who has not answered
        # it is the reminder to answer as well, so they don't get two mails at once.
        also = () if invitation.response else ("reply_reminder_sent_at",)
        sent += _send(invitation, "meeting-reminder", "reminder_sent_at", network, also)

    days = settings.REPLY_REMINDER_DAYS
    unanswered = _due_invitations(days).filter(
        response="",
        reply_reminder_sent_at__isnull=True,
        # Only those invited before the reminder was due: for anyone invited later,
        # the invitation itself is the request to answer.
        invited_at__lt=F("meeting__starts_at") - datetime.timedelta(days=days),
    )
    for invitation in unanswered:
        sent += _send(invitation, "meeting-reply-reminder", "reply_reminder_sent_at", network)
    if sent:
        logger.info("queued %s meeting reminders", sent)
    return sent

"""Delivery of queued mail, run by the task worker (`manage.py run_worker`)."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import SafeMIMEText
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from .models import Mail

logger = logging.getLogger(__name__)


def retry_delay(attempts: int) -> datetime.timedelta:
    """Back-off after the given number of failed attempts: 1, 2, 4, ... minutes, at most 6 hours."""
    seconds = settings.MAIL_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, 6 * 60 * 60))


def is_permanent(error: Exception) -> bool:
    """A 5xx answer means the server will never take this mail; anything else may pass later.

    A refused login or sender is the portal's own setting, not this mail's fault:
    it is tried again, so that mails wait while an operator corrects the setting."""
    if isinstance(error, smtplib.SMTPAuthenticationError | smtplib.SMTPSenderRefused):
        return False
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(code >= 500 for code, _ in error.recipients.values())
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and code >= 500


def _text_attachment(filename: str, content: str, mimetype: str) -> SafeMIMEText:
    """A text attachment whose content type keeps its parameters ("text/calendar;
    method=REQUEST"): calendar programs read an invitation's method from there.
    Django's own `attach` would add a second charset parameter."""
    kind, *parameters = (part.strip() for part in mimetype.split(";"))
    subtype = kind.split("/", 1)[1] if "/" in kind else "plain"
    part = SafeMIMEText(content, subtype, "utf-8")
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() != "charset" and value:
            part.set_param(name.strip(), value.strip().strip('"'))
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def build_message(mail: Mail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        to=[mail.to],
        reply_to=[mail.reply_to] if mail.reply_to else None,
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for attachment in mail.attachments:
        filename, content, mimetype = attachment["filename"], attachment["content"], attachment["mimetype"]
        if mimetype.startswith("text/"):
            message.attach(_text_attachment(filename, content, mimetype))
        else:
            message.attach(filename, content, mimetype)
    return message


@task()
def deliver(mail_id: int) -> str:
    # Claiming the row with a conditional UPDATE makes a second run of the same
    # task (or a second worker) a no-op: a mail is handed to the server once.
    claimed = Mail.objects.filter(pk=mail_id, status=Mail.Status.QUEUED).update(
        status=Mail.Status.SENDING, attempts=F("attempts") + 1, attempted_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    mail = Mail.objects.get(pk=mail_id)
    try:
        build_message(mail).send()
    except (smtplib.SMTPException, OSError) as error:
        reason = f"{type(error).__name__}: {error}"[:1000]
        if is_permanent(error) or mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
            Mail.objects.filter(pk=mail_id).update(
                status=Mail.Status.FAILED, last_error=reason, next_attempt_at=None
            )
            logger.warning("mail %s failed for good: %s", mail_id, reason)
            return "failed"
        next_attempt = timezone.now() + retry_delay(mail.attempts)
        # Both or neither: a mail back in the queue always has its next attempt queued.
        with transaction.atomic():
            Mail.objects.filter(pk=mail_id).update(
                status=Mail.Status.QUEUED, last_error=reason, next_attempt_at=next_attempt
            )
            deliver.using(run_after=next_attempt).enqueue(mail_id)
        logger.info("mail %s deferred until %s: %s", mail_id, next_attempt, reason)
        return "deferred"
    except Exception as error:
        # Not the mail server: a mail that cannot be built will not be built later either.
        # Marked failed rather than left "being sent", so the coordinators see why.
        reason = f"{type(error).__name__}: {error}"[:1000]
        Mail.objects.filter(pk=mail_id).update(
            status=Mail.Status.FAILED, last_error=reason, next_attempt_at=None
        )
        logger.exception("mail %s could not be sent", mail_id)
        return "failed"
    Mail.objects.filter(pk=mail_id).update(
        status=Mail.Status.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None
    )
    return "sent"


def mark_interrupted() -> int:
    """Mails left 'being sent' by a worker that stopped mid-send: the server may
    or may not have them. They are marked failed, never sent again blindly."""
    stale = timezone.now() - datetime.timedelta(hours=1)
    return Mail.objects.filter(status=Mail.Status.SENDING, attempted_at__lt=stale).update(
        status=Mail.Status.FAILED,
        last_error="The worker stopped while sending; the mail may not have arrived.",
    )

from django.db import models
from django.utils.translation import gettext_lazy as _


class Mail(models.Model):
    """One e-mail to one recipient, rendered when it was queued.

    The row is the mail's record: the task worker delivers it, retries it while
    the mail server is away, and never sends it twice (see outbox/tasks.py)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    # [{"filename": ..., "content": ..., "mimetype": ...}]; text attachments only (calendar files).
    attachments = models.JSONField(default=list, blank=True)
    reply_to = models.EmailField(_("reply to"), blank=True)
    # What the mail is about, for the coordinators' lists (e.g. "meeting-invitation").
    purpose = models.CharField(_("purpose"), max_length=50, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    attempted_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"

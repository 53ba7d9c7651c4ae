from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a file holds: the imports take the first two, the exports all three."""

    ORGANISATIONS = "organisations", _("Organisations")
    OFFERS = "offers", _("Offers")
    MEETINGS = "meetings", _("Meetings")


IMPORT_KINDS = [(Kind.ORGANISATIONS.value, Kind.ORGANISATIONS.label), (Kind.OFFERS.value, Kind.OFFERS.label)]


class ImportBatchQuerySet(models.QuerySet["ImportBatch"]):
    def expired(self) -> "ImportBatchQuerySet":
        cutoff = timezone.now() - timedelta(hours=settings.EXCHANGE_IMPORT_KEEP_HOURS)
        return self.filter(created_at__lt=cutoff)


class ImportBatch(models.Model):
    """An uploaded file between its preview and its import.

    The file itself is not kept: only its rows, as text, and the result of their check, so
    that the preview shows without checking again and the import checks them once more
    (the data may have changed meanwhile)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        IMPORTED = "imported", _("Imported")

    kind = models.CharField(_("what"), max_length=20, choices=IMPORT_KINDS)
    file_name = models.CharField(_("file"), max_length=255)
    # [[row number in the spreadsheet, {column: text}], ...]; the header is row 1.
    rows = models.JSONField(default=list)
    columns = models.JSONField(default=list)
    # What the check found (exchange.imports.Plan.as_json()).
    plan = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now, db_index=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

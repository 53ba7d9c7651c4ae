"""The handbook (Handbuch): numbered editions, each printed as one or more PDFs.

An edition is the numbered publication ("3. Auflage, November 2026"). The
portal prints it from the live data in the background (handbook/tasks.py):
one build per language and paper size, each with its status and, when it
failed, the reason. Older editions made before the portal may have an
uploaded document instead, or nothing at all (the 2nd edition of 2006 exists
only on paper)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.validators import pdf_upload_validators

# The languages a handbook can be printed in: those whose interface texts and fonts the
# print layout has been checked with. Another language of settings.LANGUAGES can be added
# here once the handbook's texts are translated into it.
LANGUAGES = ("de", "en")
# A build still "building" after this long was interrupted (the worker stopped): it may be retried.
INTERRUPTED_AFTER = datetime.timedelta(hours=1)


class Paper(models.TextChoices):
    A4 = "a4", "A4"
    A5 = "a5", "A5"


class EditionQuerySet(models.QuerySet["Edition"]):
    def next_number(self) -> int:
        """The number the next edition gets: one more than the last, whatever became of it."""
        last = self.aggregate(last=models.Max("number"))["last"]
        return (last or 0) + 1

    def published(self) -> "EditionQuerySet":
        """What the public sees: editions with a finished PDF or an uploaded document, and
        older editions that were never built in the portal (listed as printed only).
        An edition whose builds are all still running or failed is not shown yet."""
        builds = Build.objects.filter(edition=OuterRef("pk"))
        return self.filter(
            Exists(builds.filter(status=Build.Status.DONE)) | ~Exists(builds) | ~Q(document="")
        ).prefetch_related(
            Prefetch(
                "builds",
                queryset=Build.objects.filter(status=Build.Status.DONE).order_by("language", "paper"),
                to_attr="finished_builds",
            )
        )


class Edition(models.Model):
    """A numbered edition of the network's handbook of its members."""

    number = models.PositiveSmallIntegerField(_("edition"), unique=True)
    published_on = models.DateField(_("published"), help_text=_("Only the month and year are shown."))
    document = models.FileField(
        _("PDF"), upload_to="handbook/", blank=True, validators=pdf_upload_validators()
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("handbook edition")
        verbose_name_plural = _("handbook editions")

    def __str__(self) -> str:
        return f"{self.number}. {self.published_on:%m/%Y}"


class Build(models.Model):
    """One PDF of an edition, in one language and paper size, made by the task worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        BUILDING = "building", _("Building")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), related_name="builds", on_delete=models.CASCADE
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=[(code, name) for code, name in settings.LANGUAGES if code in LANGUAGES],
    )
    paper = models.CharField(_("paper size"), max_length=2, choices=Paper.choices, default=Paper.A4)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(_("reason"), blank=True)
    # Written by the task worker, never uploaded; the validators are those of every PDF
    # field of the portal (tests/security/test_uploads.py), should one ever be uploaded here.
    file = models.FileField(_("PDF"), upload_to="handbook/", blank=True, validators=pdf_upload_validators())
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["edition", "language", "paper"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "language", "paper"], name="one_build_per_variant")
        ]
        verbose_name = _("handbook PDF")
        verbose_name_plural = _("handbook PDFs")

    def __str__(self) -> str:
        return f"{self.edition.number}. {self.variant}"

    def get_absolute_url(self) -> str:
        return reverse("handbook:download", args=[self.edition.number, self.variant])

    @property
    def variant(self) -> str:
        """The language and paper size, as in the PDF's address: "de-a4"."""
        return f"{self.language}-{self.paper}"

    @property
    def is_interrupted(self) -> bool:
        return (
            self.status == self.Status.BUILDING
            and self.started_at is not None
            and timezone.now() - self.started_at > INTERRUPTED_AFTER
        )

    @property
    def may_retry(self) -> bool:
        return self.status == self.Status.FAILED or self.is_interrupted

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.BUILDING) and not self.is_interrupted

    def filename(self) -> str:
        name = "handbuch" if self.language == "de" else "handbook"
        return f"{name}-{self.edition.number}-{self.variant}.pdf"

from django.db import models
from django.utils.translation import gettext_lazy as _

from netzwerk.validators import pdf_upload_validators


class Edition(models.Model):
    """A numbered edition of the network's handbook of its members."""

    number = models.PositiveSmallIntegerField(_("edition"), unique=True)
    published_on = models.DateField(_("published"), help_text=_("Only the month and year are shown."))
    document = models.FileField(
        _("PDF"), upload_to="handbook/", blank=True, validators=pdf_upload_validators()
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("handbook edition")
        verbose_name_plural = _("handbook editions")

    def __str__(self) -> str:
        return f"{self.number}. {self.published_on:%m/%Y}"

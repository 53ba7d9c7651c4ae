"""Neighbouring networks: other Netzwerkportal installations whose offers this portal
imports through their open data API (federation/importer.py) and shows beside its own."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Neighbour(models.Model):
    """Another Netzwerkportal. Its organisations and offers are copied here with
    ``neighbour`` set on them, and replaced on every import."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    # Prefix of the addresses its organisations get in this portal.
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    api_url = models.URLField(
        _("address of its open data API"),
        unique=True,
        help_text=_("For example https://netzwerk.example.org/api/v1/"),
    )
    is_active = models.BooleanField(
        _("import regularly"), default=True, help_text=_("Off: its offers stay as they are.")
    )
    imported_at = models.DateTimeField(_("last import"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("neighbouring network")
        verbose_name_plural = _("neighbouring networks")

    def __str__(self) -> str:
        return self.name

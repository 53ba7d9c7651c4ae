from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Person


class Network(models.Model):
    """The network this portal belongs to. There is one."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    description = models.TextField(
        _("description"), help_text=_("Who the network is, in a few sentences. Markdown.")
    )
    meetings_note = models.TextField(
        _("note on meetings"),
        blank=True,
        help_text=_(
            "Shown on the meetings page, e.g. that an invitation with the agenda comes before each meeting."
        ),
    )
    proposals_note = models.TextField(
        _("note on topic proposals"),
        blank=True,
        help_text=_("Shown on the meetings page: how to suggest topics."),
    )
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("network")

    def __str__(self) -> str:
        return self.name


class Principle(models.Model):
    """One paragraph of the network's principles (Grundsätze)."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("principle")
        verbose_name_plural = _("principles")

    def __str__(self) -> str:
        return self.text[:80]


class Goal(models.Model):
    """One of the network's goals (Ziele)."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("text"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.text


class LeadershipTermQuerySet(models.QuerySet["LeadershipTerm"]):
    def current(self) -> "LeadershipTermQuerySet":
        return self.filter(ended_on__isnull=True)


class LeadershipTerm(models.Model):
    """A person in the cooperative leadership, for their organisation, from when to when."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = LeadershipTermQuerySet.as_manager()

    class Meta:
        ordering = ["position", "person__name"]
        verbose_name = _("leadership term")
        verbose_name_plural = _("leadership terms")

    def __str__(self) -> str:
        return f"{self.person} ({self.organisation})"


class Page(models.Model):
    """An editable page: Impressum, Datenschutz and whatever else the network needs."""

    slug = models.SlugField(_("address"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Markdown: **bold**, *italic*, [link](https://…), lists, headings.")
    )
    in_footer = models.BooleanField(_("link in the footer"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:page", args=[self.slug])


class BarrierReport(models.Model):
    """A barrier that a visitor reported with the form of the accessibility statement."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    page = models.CharField(
        _("page address"), max_length=500, blank=True, help_text=_("The page on which the barrier is.")
    )
    description = models.TextField(_("description"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(
        _("language"), max_length=10, blank=True, help_text=_("The language the visitor used the portal in.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # A keyed hash of the sender's IP address, never the address: reports are
    # counted per sender for the rate limit, in the database so that every
    # server process sees the same count.
    sender = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("barrier report")
        verbose_name_plural = _("barrier reports")

    def __str__(self) -> str:
        return Truncator(self.description).chars(60)

    def save(self, *args, **kwargs) -> None:
        # When the report was answered is kept without anyone having to type it.
        if self.status == self.Status.ANSWERED and self.answered_at is None:
            self.answered_at = timezone.now()
            if "update_fields" in kwargs and kwargs["update_fields"] is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "answered_at"}
        super().save(*args, **kwargs)

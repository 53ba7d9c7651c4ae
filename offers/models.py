"""The members' offers (Angebote): what a migrant, or a counsellor helping one,
can find in the directory. An offer holds at least what a service record of the
Open Referral Human Services Data Specification (HSDS 3.0) holds, so that it can
be exchanged in that form (offers/hsds.py)."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import District, Organisation


class Term(models.Model):
    """An entry of one of the lists coordinators keep: categories, topics, target groups
    (HSDS: a taxonomy term of one of three taxonomies)."""

    class Taxonomy(models.TextChoices):
        CATEGORY = "category", _("Category")
        TOPIC = "topic", _("Topic")
        TARGET_GROUP = "target-group", _("Target group")

    taxonomy = models.CharField(_("list"), max_length=20, choices=Taxonomy.choices)
    slug = models.SlugField(_("short name"), max_length=60)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["taxonomy", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["taxonomy", "slug"], name="term_slug_once")]
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")

    def __str__(self) -> str:
        return self.name


class Language(models.Model):
    """A language an offer is available in, by its ISO 639 code."""

    code = models.CharField(_("ISO 639 code"), max_length=10, primary_key=True)
    name = models.CharField(_("name"), max_length=60)
    # The language's own name for itself, shown next to the translated one.
    native_name = models.CharField(_("name in the language itself"), max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name


class OfferQuerySet(models.QuerySet["Offer"]):
    def local(self) -> "OfferQuerySet":
        """This network's own offers, not those imported from a neighbouring network."""
        return self.filter(neighbour__isnull=True)

    def public(self, today: datetime.date | None = None) -> "OfferQuerySet":
        """What the public directory shows: active, started, not expired, of a current member."""
        today = today or timezone.localdate()
        return (
            self.filter(
                status=Offer.Status.ACTIVE,
                organisation__is_member=True,
                organisation__left_on__isnull=True,
            )
            .exclude(valid_from__gt=today)
            .exclude(valid_until__lt=today)
        )


class Offer(models.Model):
    """HSDS: service (with its service_at_location, schedule and cost_option in simple form)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")
        INACTIVE = "inactive", _("Inactive")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        related_name="offers",
        on_delete=models.CASCADE,
        help_text=_("The organisation or its unit that makes the offer."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    terms = models.ManyToManyField(Term, verbose_name=_("categories, topics and target groups"), blank=True)
    languages = models.ManyToManyField(Language, verbose_name=_("languages spoken"), blank=True)
    # How to reach it.
    in_person = models.BooleanField(_("in person"), default=False)
    by_phone = models.BooleanField(_("by phone"), default=False)
    by_video = models.BooleanField(_("by video call"), default=False)
    by_email = models.BooleanField(_("by e-mail"), default=False)
    by_chat = models.BooleanField(_("by chat"), default=False)
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    by_appointment = models.BooleanField(_("by appointment"), default=False)
    # None: not known (the directory says nothing rather than guess).
    free_of_charge = models.BooleanField(_("free of charge"), null=True, blank=True, default=None)
    fees_description = models.CharField(_("costs"), max_length=300, blank=True)
    # Who may use it.
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    eligibility = models.TextField(_("who may use it"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    required_documents = models.TextField(_("what to bring"), blank=True)
    interpreting = models.BooleanField(_("interpreting available"), default=False)
    interpreting_note = models.CharField(_("about interpreting"), max_length=300, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    last_confirmed_on = models.DateField(_("last confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Set on offers imported from a neighbouring network (federation/), with the offer's id
    # and page there; they are replaced on the next import and not edited here.
    neighbour = models.ForeignKey(
        "federation.Neighbour",
        verbose_name=_("neighbouring network"),
        related_name="offers",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
    )
    remote_id = models.CharField(max_length=64, blank=True, editable=False)
    remote_url = models.URLField(blank=True, editable=False)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["status", "valid_until"])]
        constraints = [
            models.UniqueConstraint(
                fields=["neighbour", "remote_id"],
                condition=models.Q(neighbour__isnull=False),
                name="offer_imported_once",
            )
        ]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("offers:detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        # With defer() or only(), Django looks up each of the 81 fields' names in the list of
        # those read, for every row: a page of search results lost more time to that than it
        # saved by leaving out the long texts. In a set, each is found at once.
        if len(values) != len(cls._meta.concrete_fields):
            field_names = frozenset(field_names)
        return super().from_db(db, field_names, values)

    @property
    def needs_confirmation(self) -> bool:
        """Not confirmed for OFFER_CONFIRMATION_DAYS: the public page says so."""
        if self.last_confirmed_on is None:
            return True
        age = timezone.localdate() - self.last_confirmed_on
        return age.days > settings.OFFER_CONFIRMATION_DAYS


class Location(models.Model):
    """HSDS: location with its physical address and accessibility."""

    offer = models.ForeignKey(Offer, related_name="locations", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100)
    district = models.CharField(_("area"), max_length=10, choices=District.choices, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)

    class Meta:
        ordering = ["offer", "pk"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return ", ".join(
            part for part in (self.name, self.street, f"{self.postcode} {self.city}".strip()) if part
        )

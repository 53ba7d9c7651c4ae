import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.permissions import is_member
from netzwerk.validators import pdf_upload_validators


class Place(models.Model):
    """Where meetings happen: a building and a room, reused from meeting to meeting."""

    name = models.CharField(_("building"), max_length=200)
    room = models.CharField(_("room"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        ordering = ["name", "room"]
        constraints = [models.UniqueConstraint(fields=["name", "room"], name="unique_place_room")]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return ", ".join(part for part in (self.room, self.name, self.address) if part)


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self) -> "MeetingQuerySet":
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self) -> "MeetingQuerySet":
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")


class Meeting(models.Model):
    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary meeting")
        WORKING_GROUP = "working-group", _("Working group")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.ForeignKey(Place, verbose_name=_("place"), on_delete=models.PROTECT, null=True, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    # A calendar program recognises an event by its UID and takes the entry with
    # the highest SEQUENCE, so both must survive every edit.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        day = timezone.localtime(self.starts_at).date().isoformat()
        return f"{self.get_kind_display()} {day}" + (f": {self.topic}" if self.topic else "")

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class Minutes(models.Model):
    """The minutes (Protokoll) of a meeting, or an archive entry that only has a title."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    held_on = models.DateField(_("date of the meeting"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        related_name="minutes",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    document = models.FileField(
        _("document"), upload_to="minutes/%Y/", blank=True, validators=pdf_upload_validators()
    )
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    position = models.PositiveSmallIntegerField(_("position in the year"), default=0)

    class Meta:
        ordering = ["-year", "position", "pk"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.held_on and self.held_on.year != self.year:
            raise ValidationError({"year": _("The year must be the year of the meeting date.")})

    @property
    def has_document(self) -> bool:
        return bool(self.document)


def visible_minutes(user) -> models.QuerySet[Minutes]:
    """The minutes this user may see: the public ones, and members-only ones for members."""
    minutes = Minutes.objects.all()
    if not is_member(user):
        minutes = minutes.filter(visibility=Minutes.Visibility.PUBLIC)
    return minutes

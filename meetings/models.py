import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Person, User
from members.permissions import is_member
from netzwerk.validators import pdf_upload_validators

from .search import search_text_of


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
        SENT = "sent", _("Sent for corrections")
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
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    # Text of the PDF, read when it is uploaded, so that the search finds it.
    document_text = models.TextField(_("text of the document"), blank=True, editable=False)
    # The stems of title, text, items, action items and document text for the archive search
    # (meetings/search.py), made again by every save.
    search_text = models.TextField(blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent for corrections"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        User,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("approved at the meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approved_minutes",
    )
    created_at = models.DateTimeField(auto_now_add=True, null=True)
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        ordering = ["-year", "position", "pk"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.search_text = self.compose_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.held_on and self.held_on.year != self.year:
            raise ValidationError({"year": _("The year must be the year of the meeting date.")})

    @property
    def has_document(self) -> bool:
        return bool(self.document)

    def compose_search_text(self) -> str:
        """The stems the archive search looks in; items count once the minutes are saved after
        them (read afresh here: what a view prefetched may be out of date by now)."""
        if not self.pk:
            return search_text_of(self.searched_texts([], []))
        items = MinutesItem.objects.filter(minutes=self)
        action_items = ActionItem.objects.filter(minutes=self)
        return search_text_of(self.searched_texts(items, action_items))

    def searched_texts(
        self, items: Iterable["MinutesItem"], action_items: Iterable["ActionItem"]
    ) -> list[str]:
        """What the archive search looks in, as written: for search_text and for excerpts."""
        parts = [self.title, self.body, self.document_text]
        for item in items:
            parts += [item.title, item.discussion, item.decisions]
        parts += [action.what for action in action_items]
        return [part for part in parts if part]

    @property
    def is_locked(self) -> bool:
        """Approved minutes are the record of the meeting: nobody changes them."""
        return self.status == self.Status.APPROVED


def visible_minutes(user) -> models.QuerySet[Minutes]:
    """The minutes this user may see.

    The public: public minutes once they are approved. Members: approved minutes of
    both visibilities, and those sent for corrections (marked as drafts). Coordinators
    also the drafts they are still writing; the archive leaves drafts out for everyone.
    """
    from members.permissions import is_coordinator  # only here, where the rule needs it

    minutes = Minutes.objects.all()
    if is_coordinator(user):
        return minutes
    if is_member(user):
        return minutes.filter(status__in=[Minutes.Status.APPROVED, Minutes.Status.SENT])
    return minutes.filter(visibility=Minutes.Visibility.PUBLIC, status=Minutes.Status.APPROVED)


class TopicProposal(models.Model):
    """A topic a member would like a meeting to discuss."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("On the agenda")
        DECLINED = "declined", _("Declined")

    title = models.CharField(_("topic"), max_length=300)
    reason = models.TextField(_("why it should be discussed"))
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("for the meeting"),
        related_name="proposals",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    proposer = models.ForeignKey(
        Person, verbose_name=_("proposed by"), related_name="proposals", on_delete=models.SET_NULL, null=True
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        related_name="proposals",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    supporters = models.ManyToManyField(
        Person, through="ProposalSupport", related_name="supported_proposals", blank=True
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("topic proposal")
        verbose_name_plural = _("topic proposals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:proposal", args=[self.pk])


class ProposalSupport(models.Model):
    proposal = models.ForeignKey(TopicProposal, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="proposal_supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "person"], name="support_once")]
        verbose_name = _("support for a proposal")
        verbose_name_plural = _("support for proposals")

    def __str__(self) -> str:
        return f"{self.person} → {self.proposal}"


class AgendaItem(models.Model):
    """One point of a meeting's agenda (Tagesordnungspunkt)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), related_name="agenda_items", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    presenter_person = models.ForeignKey(
        Person,
        verbose_name=_("presented by (person)"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    presenter_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("presented by (organisation)"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    duration_minutes = models.PositiveSmallIntegerField(_("planned minutes"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, help_text=_("Markdown."))
    proposal = models.OneToOneField(
        TopicProposal,
        verbose_name=_("from the proposal"),
        related_name="agenda_item",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class AgendaAttachment(models.Model):
    item = models.ForeignKey(AgendaItem, related_name="attachments", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("PDF file"), upload_to="agenda/%Y/", validators=pdf_upload_validators())
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """A person invited to a meeting, their answer and the mails they were sent."""

    class Response(models.TextChoices):
        YES = "yes", _("Attends")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("Does not attend")

    meeting = models.ForeignKey(Meeting, related_name="invitations", on_delete=models.CASCADE)
    person = models.ForeignKey(Person, related_name="invitations", on_delete=models.CASCADE)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10, default="de")
    response = models.CharField(_("answer"), max_length=10, choices=Response.choices, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    # The meeting's SEQUENCE in the last calendar entry this person was sent.
    sequence_sent = models.PositiveIntegerField(default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    reply_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    mails = models.ManyToManyField("outbox.Mail", related_name="+", blank=True)

    class Meta:
        ordering = ["meeting", "person__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="invite_once")]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.person} – {self.meeting}"


class Attendance(models.Model):
    """Who attended (the TN list): one row per person, or per organisation
    when it is not known who represented it."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, related_name="attendance", on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), related_name="attendance", on_delete=models.PROTECT
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        related_name="attendance",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "organisation__name", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=models.Q(person__isnull=False), name="attend_once"
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=models.Q(person__isnull=True),
                name="organisation_attends_once",
            ),
        ]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.person or self.organisation}: {self.get_status_display()}"


class MinutesItem(models.Model):
    """The minutes of one agenda item: what was discussed and decided."""

    minutes = models.ForeignKey(Minutes, related_name="items", on_delete=models.CASCADE)
    agenda_item = models.ForeignKey(
        AgendaItem, related_name="minutes_items", on_delete=models.SET_NULL, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    discussion = models.TextField(_("discussion"), blank=True, help_text=_("Markdown."))
    decisions = models.TextField(_("decisions"), blank=True, help_text=_("Markdown."))

    class Meta:
        ordering = ["minutes", "position", "pk"]
        verbose_name = _("minutes item")
        verbose_name_plural = _("minutes items")

    def __str__(self) -> str:
        return self.title


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def open(self) -> "ActionItemQuerySet":
        return self.filter(done_on__isnull=True)


class ActionItem(models.Model):
    """Who does what by when, agreed in a meeting; open ones come forward to the next agenda."""

    minutes = models.ForeignKey(Minutes, related_name="action_items", on_delete=models.CASCADE)
    item = models.ForeignKey(
        MinutesItem, related_name="action_items", on_delete=models.SET_NULL, null=True, blank=True
    )
    what = models.CharField(_("what"), max_length=500)
    person = models.ForeignKey(
        Person,
        verbose_name=_("who (person)"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("who (organisation)"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    due_on = models.DateField(_("by when"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self) -> str:
        return self.what


class MinutesRevision(models.Model):
    """The whole text of minutes as it was saved once; revisions are never changed."""

    minutes = models.ForeignKey(Minutes, related_name="revisions", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(_("revision"))
    status = models.CharField(_("status"), max_length=10, choices=Minutes.Status.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["minutes", "-number"]
        constraints = [models.UniqueConstraint(fields=["minutes", "number"], name="revision_number_once")]
        verbose_name = _("revision of minutes")
        verbose_name_plural = _("revisions of minutes")

    def __str__(self) -> str:
        return f"{self.minutes} ({self.number})"


class CalendarFeed(models.Model):
    """The secret address of a member's own calendar (their meetings and answers)."""

    person = models.OneToOneField(Person, related_name="calendar_feed", on_delete=models.CASCADE)
    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("personal calendar")
        verbose_name_plural = _("personal calendars")

    def __str__(self) -> str:
        return str(self.person)

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.validators import image_upload_validators


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. People log in with their e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("May log in to the technical administration.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_coordinator = models.BooleanField(
        _("coordinator"),
        default=False,
        help_text=_("Runs the network: may change everything in the members' area."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name or self.email


class OrganisationKind(models.Model):
    """A kind of member organisation, kept by the coordinators (school, association, ...)."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("kind of organisation")
        verbose_name_plural = _("kinds of organisation")

    def __str__(self) -> str:
        return self.name


class District(models.TextChoices):
    """Where an organisation works: the network's city, the surrounding district, or beyond."""

    CITY = "city", _("City")
    COUNTY = "county", _("District")
    ELSEWHERE = "elsewhere", _("Elsewhere")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def members(self) -> "OrganisationQuerySet":
        """Organisations that belong to the network today."""
        return self.local().filter(is_member=True, left_on__isnull=True)

    def local(self) -> "OrganisationQuerySet":
        """This network's own organisations, not those imported from a neighbouring network."""
        return self.filter(neighbour__isnull=True)


class Organisation(models.Model):
    """A member organisation, or a sub-unit of one (``parent``)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("address in the portal"), max_length=200, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        related_name="units",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    kind = models.ForeignKey(
        OrganisationKind,
        verbose_name=_("kind"),
        related_name="organisations",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    is_member = models.BooleanField(
        _("member of the network"),
        default=True,
        help_text=_(
            "Off for an umbrella organisation that is listed only because one of its units is a member."
        ),
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("web site"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    district = models.CharField(_("area"), max_length=10, choices=District.choices, blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=image_upload_validators(),
        help_text=_("PNG, JPEG, GIF or WebP."),
    )
    # When the profile last changed: the open data API's Last-Modified (api/organisations.py).
    updated_at = models.DateTimeField(auto_now=True)
    # Set on organisations imported from a neighbouring network (federation/): they are members
    # there, not here, and only their offers are shown here.
    neighbour = models.ForeignKey(
        "federation.Neighbour",
        verbose_name=_("neighbouring network"),
        related_name="organisations",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
    )
    # Its slug there, and its page there.
    remote_id = models.CharField(max_length=200, blank=True, editable=False)
    remote_url = models.URLField(blank=True, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                fields=["neighbour", "remote_id"],
                condition=models.Q(neighbour__isnull=False),
                name="organisation_imported_once",
            )
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:organisation", args=[self.slug])

    @property
    def is_current_member(self) -> bool:
        return self.is_member and self.left_on is None

    @property
    def website_label(self) -> str:
        return self.website.removeprefix("https://").removeprefix("http://").rstrip("/")


class Person(models.Model):
    """A person the network knows by name: a leader, a contact person, a presenter."""

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    # Invitations and reminders are written in this language.
    language = models.CharField(
        _("language for e-mails"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    user = models.OneToOneField(
        User,
        verbose_name=_("account"),
        related_name="person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    public_consent = models.BooleanField(
        _("may be shown to the public"),
        default=False,
        help_text=_("Without consent, name and contact details are shown to members only."),
    )
    consent_changed_at = models.DateTimeField(_("consent changed"), null=True, blank=True)
    deletion_requested_at = models.DateTimeField(_("deletion requested"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, null=True)

    class Meta:
        ordering = [Lower("name")]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class AffiliationQuerySet(models.QuerySet["Affiliation"]):
    def current(self) -> "AffiliationQuerySet":
        return self.filter(ended_on__isnull=True)


class Affiliation(models.Model):
    """A person as a contact person of an organisation; a person may have several."""

    class Role(models.TextChoices):
        CONTACT = "contact", _("Contact person")
        EDITOR = "editor", _("Contact person and editor")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="affiliations", on_delete=models.CASCADE
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        related_name="affiliations",
        on_delete=models.CASCADE,
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.CONTACT)
    function = models.CharField(
        _("function"), max_length=150, blank=True, help_text=_("For example: counselling, management.")
    )
    ended_on = models.DateField(_("until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                condition=models.Q(ended_on__isnull=True),
                name="one_current_affiliation_per_organisation",
            )
        ]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self) -> str:
        return f"{self.person} ({self.organisation})"

    @property
    def is_editor(self) -> bool:
        return self.role == self.Role.EDITOR


class AuditEntry(models.Model):
    """Who changed what, when, with the values before and after."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(User, verbose_name=_("who"), on_delete=models.SET_NULL, null=True, blank=True)
    # Kept as text so that the entry stays readable after the account is gone.
    actor_name = models.CharField(_("who"), max_length=254, blank=True)
    action = models.CharField(_("what"), max_length=50)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        related_name="audit_entries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"


class FailedLogin(models.Model):
    """A failed login, kept for throttling and as a record; old rows are pruned."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    email = models.CharField(max_length=254, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.email} {self.ip}"

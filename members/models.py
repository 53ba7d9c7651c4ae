from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
        return self.filter(is_member=True, left_on__isnull=True)


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

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
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
    user = models.OneToOneField(
        User, verbose_name=_("account"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

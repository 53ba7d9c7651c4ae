from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, User
from members.permissions import AnyUser, is_member


class PostQuerySet(models.QuerySet["Post"]):
    def published(self) -> "PostQuerySet":
        """Published and due: neither drafts nor scheduled for later."""
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())

    def public(self) -> "PostQuerySet":
        """What anyone may read: the feed, the API, the home page and anonymous visitors."""
        return self.published().filter(visibility=Post.Visibility.PUBLIC)

    def visible_to(self, user: AnyUser) -> "PostQuerySet":
        """The published posts this user may read: members-only ones for members only."""
        return self.published() if is_member(user) else self.public()

    def newest_first(self) -> "PostQuerySet":
        return self.order_by("-published_at", "-pk")


class Post(models.Model):
    """A piece of news (Neuigkeit) of the network. Without a publication date it is a draft;
    with one in the future it is scheduled and appears by itself when the time comes."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("everyone")
        MEMBERS = "members", _("members only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=200, unique=True)
    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences for the list of news and the home page."),
    )
    body = models.TextField(
        _("text"), help_text=_("Markdown: **bold**, *italic*, [link](https://…), lists, headings.")
    )
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Empty: a draft. A date in the future: published by itself at that time."),
    )
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility, default=Visibility.PUBLIC
    )
    author = models.ForeignKey(
        User,
        verbose_name=_("author"),
        related_name="news_posts",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        related_name="news_posts",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("The member organisation this news is about, if any."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:detail", args=[self.slug])

    @property
    def status(self) -> str:
        if self.published_at is None:
            return self.Status.DRAFT
        if self.published_at > timezone.now():
            return self.Status.SCHEDULED
        return self.Status.PUBLISHED

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def is_public(self) -> bool:
        """Readable by anyone now: published, due and not members-only."""
        return self.status == self.Status.PUBLISHED and self.visibility == self.Visibility.PUBLIC

"""The coordinators' form for a news item: its text in the portal's languages, and when and
for whom it is published."""

import datetime

from django import forms
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from members.models import Organisation

from .models import Post

TRANSLATED = ("title", "summary", "body")
DATETIME_WIDGET = {"attrs": {"type": "datetime-local"}, "format": "%Y-%m-%dT%H:%M"}
# Years a date may be in: wide enough for old news, narrow enough for any database.
FIRST_YEAR, LAST_YEAR = 1990, 2100


def _field_names(language: str) -> list[str]:
    return [build_localized_fieldname(name, language) for name in TRANSLATED]


def unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:180] or "news"
    slug, number = base, 1
    while Post.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class PostForm(forms.ModelForm):
    published_at = forms.DateTimeField(
        label=_("Published"),
        required=False,
        widget=forms.DateTimeInput(**DATETIME_WIDGET),
        help_text=_(
            "Empty: a draft that only coordinators see. A time in the future: "
            "the news appears by itself at that time."
        ),
    )

    class Meta:
        model = Post
        fields = [
            *(name for language in settings.PORTAL_LANGUAGES for name in _field_names(language)),
            "slug",
            "published_at",
            "visibility",
            "organisation",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for language in settings.PORTAL_LANGUAGES:
            info = get_language_info(language)
            for name in TRANSLATED:
                field = self.fields[build_localized_fieldname(name, language)]
                field.label = (
                    f"{Post._meta.get_field(name).verbose_name.capitalize()} ({info['name_translated']})"
                )
                field.widget.attrs.update({"lang": language, "dir": "rtl" if info["bidi"] else "ltr"})
                field.required = language == settings.LANGUAGE_CODE and name != "summary"
            self.fields[build_localized_fieldname("summary", language)].widget.attrs["rows"] = 3
            self.fields[build_localized_fieldname("body", language)].widget.attrs["rows"] = 14
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "The end of the news item's web address. Empty: made from the German title."
        )
        self.fields["organisation"].queryset = Organisation.objects.members().order_by("name")

    @property
    def language_sections(self) -> list[dict[str, object]]:
        """The texts, one group per language, for the template."""
        return [
            {
                "legend": get_language_info(language)["name_translated"],
                "fields": [self[name] for name in _field_names(language)],
            }
            for language in settings.PORTAL_LANGUAGES
        ]

    @property
    def publication_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("published_at", "visibility", "organisation", "slug")]

    def clean_published_at(self) -> datetime.datetime | None:
        value = self.cleaned_data["published_at"]
        if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Please enter a date between %(first)s and %(last)s."),
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return value

    def clean(self) -> dict:
        cleaned = super().clean()
        # A translation is a title with its text: one without the other would show a page
        # half in one language and half in another.
        for language in settings.PORTAL_LANGUAGES:
            if language == settings.LANGUAGE_CODE:
                continue
            title, summary, body = (cleaned.get(name) for name in _field_names(language))
            if (summary or body) and not title:
                self.add_error(
                    build_localized_fieldname("title", language),
                    _("Please enter the title in this language too."),
                )
            if (title or summary) and not body:
                self.add_error(
                    build_localized_fieldname("body", language),
                    _("Please enter the text in this language too."),
                )
        return cleaned

    def save(self, commit: bool = True) -> Post:
        post = super().save(commit=False)
        # An empty translation is stored as none at all, as modeltranslation makes it, so that
        # the audit log does not record "" for a text that was never there.
        for language in settings.PORTAL_LANGUAGES:
            for name in _field_names(language):
                if getattr(post, name) == "":
                    setattr(post, name, None)
        if not post.slug:
            post.slug = unique_slug(post.title_de or "", exclude_pk=post.pk)
        if commit:
            post.save()
        return post

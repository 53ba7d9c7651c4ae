"""The lists coordinators keep: categories, topics, target groups, and the languages offers are in."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..models import Language, Term
from .manage import LANGUAGE_ATTRS

NAME_LABELS = {
    "name_de": _("Name (German)"),
    "name_en": _("Name (English)"),
    "name_ar": _("Name (Arabic)"),
}
NAME_WIDGETS = {
    "name_de": forms.TextInput(attrs=LANGUAGE_ATTRS["de"]),
    "name_en": forms.TextInput(attrs=LANGUAGE_ATTRS["en"]),
    "name_ar": forms.TextInput(attrs=LANGUAGE_ATTRS["ar"]),
}
POSITION_HELP = _("The list is sorted by this number, then by name.")


# The largest position any database takes (a small integer).
LAST_POSITION = 32767


def position_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Position"), min_value=0, max_value=LAST_POSITION, required=False, help_text=POSITION_HELP
    )


class PositionMixin:
    """The position may be left empty: the entry then goes where new entries go."""

    def clean_position(self) -> int:
        position = self.cleaned_data.get("position")
        if position is None:
            return self._meta.model._meta.get_field("position").default
        return position


class TermForm(PositionMixin, forms.ModelForm):
    """An entry of one list; the list itself is given by the page."""

    class Meta:
        model = Term
        fields = ["name_de", "name_en", "name_ar", "slug", "position"]
        labels = {**NAME_LABELS, "slug": _("Short name"), "position": _("Position")}
        help_texts = {
            "slug": _(
                "Used in the addresses of searches, so it should not change once in use. Small letters, "
                "digits and hyphens. Left empty, it is made from the German name."
            ),
            "position": POSITION_HELP,
        }
        widgets = NAME_WIDGETS

    def __init__(self, *args, taxonomy: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.taxonomy = taxonomy
        self.fields["name_de"].required = True
        self.fields["slug"].required = False
        self.fields["position"] = position_field()

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("slug") and data.get("name_de") and not self.has_error("slug"):
            data["slug"] = slugify(data["name_de"])[:60]
            if not data["slug"]:
                self.add_error("slug", _("Please enter a short name."))
        slug = data.get("slug")
        if slug:
            others = Term.objects.filter(taxonomy=self.instance.taxonomy, slug=slug).exclude(
                pk=self.instance.pk
            )
            if others.exists():
                self.add_error("slug", _("This list already has an entry with this short name."))
        return data


class LanguageForm(PositionMixin, forms.ModelForm):
    """A language offers can be in. Its code is its key: it cannot change once the language exists."""

    code = forms.CharField(
        label=_("ISO 639 code"),
        max_length=3,
        validators=[
            RegexValidator(
                r"^[a-z]{2,3}\Z",
                _("Two or three small letters, as in ISO 639: for example de, ar, fa, prs."),
            )
        ],
        help_text=_("Two letters (ISO 639-1) where there are, otherwise three (ISO 639-3)."),
    )

    class Meta:
        model = Language
        fields = ["code", "name_de", "name_en", "name_ar", "native_name", "position"]
        labels = {
            **NAME_LABELS,
            "native_name": _("Name in the language itself"),
            "position": _("Position"),
        }
        help_texts = {
            "native_name": _("For example: العربية, Türkçe, Українська."),
            "position": POSITION_HELP,
        }
        widgets = {**NAME_WIDGETS, "native_name": forms.TextInput(attrs={"dir": "auto"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_de"].required = True
        self.fields["position"] = position_field()
        if not self.instance._state.adding:
            # The code is the language's key: shown on the page, never changed.
            del self.fields["code"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if Language.objects.filter(code=code).exists():
            raise forms.ValidationError(_("There already is a language with this code."))
        return code

"""The lists coordinators keep: categories, topics, target groups, and the languages offers are in.

A list entry (Term) and a language are kept on the same kind of form (EntryForm): a name in
every language of the site, German required, the portal's languages first and the others in
a group of their own, and a position; what differs is the key, a list entry's short name or a
language's ISO code, and a language's name for itself.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from ..models import Language, Term

# Each input of a translation says its language, so that Arabic and Farsi are written right to
# left on any page (the offer form uses them too).
LANGUAGE_ATTRS = {
    code: {"lang": code, "dir": "rtl" if get_language_info(code)["bidi"] else "ltr"}
    for code, _name in settings.LANGUAGES
}
LANGUAGE_NAMES = dict(settings.LANGUAGES)
NAMES = [f"name_{code}" for code in LANGUAGE_ATTRS]
# The languages every page is written in come first; the directory's others in a group that opens.
MORE_LANGUAGES = [code for code in LANGUAGE_ATTRS if code not in settings.PORTAL_LANGUAGES]
POSITION_HELP = _("The list is sorted by this number, then by name.")
# The largest position any database takes (a small integer).
LAST_POSITION = 32767


@dataclass
class Names:
    """The name inputs of a form: in the portal's languages, and in the others (`more`)."""

    fields: list[forms.BoundField]
    more: list[forms.BoundField]

    @property
    def more_open(self) -> bool:
        """The group of more languages is open where one of them is filled in or has an error."""
        return any(field.value() or field.errors for field in self.more)

    @property
    def more_names(self) -> list[dict[str, str]]:
        """The languages of the group, each by its own name (as the language switch names them)."""
        return [{"code": code, "name": get_language_info(code)["name_local"]} for code in MORE_LANGUAGES]


class EntryForm(forms.ModelForm):
    """What the forms of a list entry and of a language share: the names and the position."""

    position = forms.IntegerField(
        label=_("Position"), min_value=0, max_value=LAST_POSITION, required=False, help_text=POSITION_HELP
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for code, attrs in LANGUAGE_ATTRS.items():
            field = self.fields[f"name_{code}"]
            field.label = _("%(field)s (%(language)s)") % {
                "field": _("Name"),
                "language": LANGUAGE_NAMES[code],
            }
            field.widget.attrs.update(attrs)
        self.fields["name_de"].required = True

    def clean_position(self) -> int:
        """Left empty, the entry goes where new entries of its kind go."""
        position = self.cleaned_data.get("position")
        if position is None:
            return self._meta.model._meta.get_field("position").default
        return position

    @property
    def names(self) -> Names:
        return Names(
            fields=[self[f"name_{code}"] for code in settings.PORTAL_LANGUAGES],
            more=[self[f"name_{code}"] for code in MORE_LANGUAGES],
        )

    @property
    def others(self) -> list[forms.BoundField]:
        """The inputs after the names: the key, and what else the kind of entry has."""
        return [field for field in self.visible_fields() if field.name not in NAMES]


class TermForm(EntryForm):
    """An entry of one list; the list itself is given by the page."""

    class Meta:
        model = Term
        fields = [*NAMES, "slug", "position"]
        labels = {"slug": _("Short name")}
        help_texts = {
            "slug": _(
                "Used in the addresses of searches, so it should not change once in use. Small letters, "
                "digits and hyphens. Left empty, it is made from the German name."
            ),
        }

    def __init__(self, *args, taxonomy: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.taxonomy = taxonomy
        self.fields["slug"].required = False

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


class LanguageForm(EntryForm):
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
        fields = ["code", *NAMES, "native_name", "position"]
        labels = {"native_name": _("Name in the language itself")}
        help_texts = {"native_name": _("For example: العربية, Türkçe, Українська.")}
        widgets = {"native_name": forms.TextInput(attrs={"dir": "auto"})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            # The code is the language's key: shown on the page, never changed.
            del self.fields["code"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if Language.objects.filter(code=code).exists():
            raise forms.ValidationError(_("There already is a language with this code."))
        return code

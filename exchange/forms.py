"""The upload form, and the forms each imported row is checked with: the coordinators' own
organisation and offer forms, with references by short name instead of by id."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.forms import OrganisationForm
from members.models import Organisation
from netzwerk.validators import MaxFileSizeValidator
from offers.forms.manage import OfferForm

from .columns import LANGUAGE_CODES
from .models import IMPORT_KINDS
from .tables import Table, UnreadableFile, read_table


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("The file holds"), choices=IMPORT_KINDS, widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        validators=[FileExtensionValidator(["csv", "xlsx"]), MaxFileSizeValidator("EXCHANGE_IMPORT_MAX_MB")],
        help_text=_(
            "The first row names the columns, as in the export. Nothing is written before you confirm."
        ),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            upload.seek(0)
            try:
                self.table: Table = read_table(upload.name, upload.read())
            except UnreadableFile as error:
                self.add_error("file", str(error))
        return data


class LookupField(forms.Field):
    """One object by its key (a short name, a code), from a dict read once for the whole file."""

    def __init__(self, objects: dict[str, models.Model], unknown: str, **kwargs) -> None:
        self.objects, self.unknown = objects, unknown
        super().__init__(**kwargs)

    def to_python(self, value: object) -> models.Model | None:
        key = str(value or "").strip()
        if not key:
            return None
        if key not in self.objects:
            raise ValidationError(self.unknown, code="invalid_choice", params={"value": key})
        return self.objects[key]


class LookupListField(LookupField):
    """Several objects by their keys (a list of strings)."""

    def to_python(self, value: object) -> list[models.Model]:
        keys = [str(key).strip() for key in (value or []) if str(key).strip()]
        unknown = [key for key in keys if key not in self.objects]
        if unknown:
            raise ValidationError(self.unknown, code="invalid_choice", params={"value": ", ".join(unknown)})
        return list(dict.fromkeys(self.objects[key] for key in keys))

    def validate(self, value: list) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


class OrganisationImportForm(OrganisationForm):
    """The coordinators' organisation form without the logo, with the date an organisation
    left and its description in every language. Its parent is checked by the import for the
    whole file (a parent may be a new row of the same file)."""

    class Meta(OrganisationForm.Meta):
        fields = [
            "name",
            "slug",
            "parent",
            "kind",
            "is_member",
            "joined_on",
            "left_on",
            "district",
            "street",
            "postcode",
            "city",
            "website",
            "email",
            "phone",
            *[f"description_{code}" for code in LANGUAGE_CODES],
        ]

    def __init__(self, *args, parents: dict[str, Organisation], kinds: dict[str, models.Model], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"] = LookupField(parents, _("Unknown organisation “%(value)s”."), required=False)
        self.fields["kind"] = LookupField(
            kinds, _("Unknown kind of organisation “%(value)s”."), required=False
        )

    def clean_parent(self) -> Organisation | None:
        return self.cleaned_data.get("parent")  # cycles: exchange.imports checks the whole file


class OfferImportForm(OfferForm):
    """The coordinators' offer form; organisation, list entries and languages by short name."""

    def __init__(self, *args, lookups: dict[str, dict[str, models.Model]], **kwargs) -> None:
        super().__init__(*args, organisations=Organisation.objects.none(), **kwargs)
        self.fields["organisation"] = LookupField(
            lookups["organisation"], _("Unknown organisation “%(value)s”."), required=True
        )
        self.fields["categories"] = LookupListField(
            lookups["category"], _("Unknown category “%(value)s”."), required=False
        )
        self.fields["topics"] = LookupListField(
            lookups["topic"], _("Unknown topic “%(value)s”."), required=False
        )
        self.fields["target_groups"] = LookupListField(
            lookups["target-group"], _("Unknown target group “%(value)s”."), required=False
        )
        self.fields["languages"] = LookupListField(
            lookups["language"], _("Unknown language code “%(value)s”."), required=False
        )

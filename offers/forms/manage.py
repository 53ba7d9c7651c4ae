"""The offer form of the members' area, with the places of an offer as a formset."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from members.models import Organisation

from ..models import Language, Location, Offer, Term

# Each translation's input says its language (lang, dir); the portal's languages come first,
# the directory's others (MORE_LANGUAGES) in a group of their own: as on the lists' forms.
from .lists import LANGUAGE_ATTRS, LANGUAGE_NAMES, MORE_LANGUAGES, Names

DATE_INPUT = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}
# Years an offer may be valid in: wide enough for any real offer, narrow enough for any database.
FIRST_YEAR, LAST_YEAR = 1990, 2100
OLDEST_AGE = 120

# The translated texts of an offer: field -> (label, help text, textarea rows or None for one line).
TRANSLATED = {
    "title": (_("Title"), "", None),
    "description": (_("Description"), _("What the offer is, in plain words. Markdown."), 6),
    "opening_hours": (_("Opening hours"), _("For example: Mon and Wed 9–12, Thu 14–17."), 3),
    "fees_description": (_("Costs"), _("What it costs, if it is not free of charge."), None),
    "eligibility": (_("Who may use it"), _("Other conditions, for example a residence status."), 3),
    "application_process": (_("How to apply"), _("For example: call first, or just come by."), 3),
    "required_documents": (_("What to bring"), _("For example: passport, residence permit, letters."), 3),
}


def _translated_fields(name: str, languages: list[str] | None = None) -> list[str]:
    return [f"{name}_{code}" for code in (LANGUAGE_ATTRS if languages is None else languages)]


def _widget(code: str, rows: int | None) -> forms.Widget:
    attrs = dict(LANGUAGE_ATTRS[code])
    if rows:
        return forms.Textarea(attrs={"rows": rows, **attrs})
    return forms.TextInput(attrs=attrs)


def _check_year(day: datetime.date | None) -> datetime.date | None:
    if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise forms.ValidationError(
            _("Please enter a date between %(first)s and %(last)s."),
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return day


class TermsField(forms.ModelMultipleChoiceField):
    """The entries of one of the lists, as checkboxes."""

    def __init__(self, taxonomy: str, label: str) -> None:
        super().__init__(
            queryset=Term.objects.filter(taxonomy=taxonomy).order_by("position", "name_de", "pk"),
            label=label,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )


class OfferForm(forms.ModelForm):
    """An offer: texts per language (German required), the lists it is in, how to reach it,
    costs, who may use it and how long it is valid. Its places are a formset of their own."""

    categories = TermsField(Term.Taxonomy.CATEGORY, _("Categories"))
    topics = TermsField(Term.Taxonomy.TOPIC, _("Topics"))
    target_groups = TermsField(Term.Taxonomy.TARGET_GROUP, _("Target groups"))
    minimum_age = forms.IntegerField(
        label=_("Minimum age"), min_value=0, max_value=OLDEST_AGE, required=False
    )
    maximum_age = forms.IntegerField(
        label=_("Maximum age"), min_value=0, max_value=OLDEST_AGE, required=False
    )

    TERM_FIELDS = {
        "categories": Term.Taxonomy.CATEGORY,
        "topics": Term.Taxonomy.TOPIC,
        "target_groups": Term.Taxonomy.TARGET_GROUP,
    }

    class Meta:
        model = Offer
        fields = [
            "organisation",
            *_translated_fields("title"),
            *_translated_fields("description"),
            "status",
            "languages",
            "in_person",
            "by_phone",
            "by_video",
            "by_email",
            "by_chat",
            "url",
            "email",
            "phone",
            *_translated_fields("opening_hours"),
            "by_appointment",
            "free_of_charge",
            *_translated_fields("fees_description"),
            "minimum_age",
            "maximum_age",
            *_translated_fields("eligibility"),
            *_translated_fields("application_process"),
            *_translated_fields("required_documents"),
            "interpreting",
            "interpreting_note",
            "valid_from",
            "valid_until",
        ]
        labels = {
            "organisation": _("Organisation"),
            "status": _("Status"),
            "languages": _("Languages spoken"),
            "in_person": _("In person"),
            "by_phone": _("By phone"),
            "by_video": _("By video call"),
            "by_email": _("By e-mail"),
            "by_chat": _("By chat"),
            "url": _("Web page"),
            "email": _("E-mail"),
            "phone": _("Phone"),
            "by_appointment": _("By appointment"),
            "free_of_charge": _("Free of charge"),
            "interpreting": _("Interpreting available"),
            "interpreting_note": _("About interpreting"),
            "valid_from": _("Valid from"),
            "valid_until": _("Valid until"),
        }
        help_texts = {
            "organisation": _("The organisation or its unit that makes the offer."),
            "status": _("Only active offers are shown in the directory."),
            "in_person": _("People come to one of the places below."),
            "by_appointment": _("Only with an appointment made beforehand."),
            "interpreting_note": _("For example: which languages, and how to ask for it."),
            "valid_from": _("Left empty, the offer is valid from now on."),
            "valid_until": _(
                "Left empty, the offer is valid until further notice. After this day it leaves "
                "the directory but is kept here."
            ),
        }
        widgets = {
            "languages": forms.CheckboxSelectMultiple,
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "valid_from": forms.DateInput(**DATE_INPUT),
            "valid_until": forms.DateInput(**DATE_INPUT),
        }

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations.order_by("name")
        for name, (label, help_text, rows) in TRANSLATED.items():
            for code in LANGUAGE_ATTRS:
                field = self.fields[f"{name}_{code}"]
                field.label = _("%(field)s (%(language)s)") % {
                    "field": label,
                    "language": LANGUAGE_NAMES[code],
                }
                field.widget = _widget(code, rows)
                field.widget.attrs.update(field.widget_attrs(field.widget))  # maxlength
                if code == "de" and help_text:
                    field.help_text = help_text
        self.fields["title_de"].required = True
        self.fields["title_de"].help_text = _("Required. The other languages are optional.")
        self.fields["languages"].queryset = Language.objects.order_by("position", "name_de")
        if self.instance.pk:
            chosen = {term.pk: term.taxonomy for term in self.instance.terms.all()}
            for name, taxonomy in self.TERM_FIELDS.items():
                self.initial[name] = [pk for pk, tax in chosen.items() if tax == taxonomy]

    def clean_valid_from(self) -> datetime.date | None:
        return _check_year(self.cleaned_data.get("valid_from"))

    def clean_valid_until(self) -> datetime.date | None:
        return _check_year(self.cleaned_data.get("valid_until"))

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The offer cannot end before it starts."))
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error("maximum_age", _("The maximum age cannot be below the minimum age."))
        return data

    def _save_m2m(self) -> None:
        super()._save_m2m()
        chosen = [term for name in self.TERM_FIELDS for term in self.cleaned_data.get(name, [])]
        self.instance.terms.set(chosen)

    # The form in parts, each shown as a fieldset with a heading. A translated field (a name in
    # TRANSLATED) stands for its inputs in the portal's languages; its inputs in MORE_LANGUAGES
    # follow at the end of the part, in a group of their own that opens on request.
    SECTIONS = [
        (_("The offer"), ["organisation", "title", "status"]),
        (_("Description"), ["description"]),
        (_("Categories, topics and target groups"), ["categories", "topics", "target_groups"]),
        (_("Languages"), ["languages", "interpreting", "interpreting_note"]),
        (_("How to reach it"), ["in_person", "by_phone", "by_video", "by_email", "by_chat"]),
        (_("Contact"), ["url", "email", "phone"]),
        (
            _("Opening hours and costs"),
            ["by_appointment", "opening_hours", "free_of_charge", "fees_description"],
        ),
        (_("Who may use it"), ["minimum_age", "maximum_age", "eligibility"]),
        (_("How to apply"), ["application_process", "required_documents"]),
        (_("Valid"), ["valid_from", "valid_until"]),
    ]

    def sections(self) -> list["Section"]:
        sections = []
        for legend, names in self.SECTIONS:
            fields, more = [], []
            for name in names:
                if name in TRANSLATED:
                    fields += [
                        self[field] for field in _translated_fields(name, list(settings.PORTAL_LANGUAGES))
                    ]
                    more += [self[field] for field in _translated_fields(name, MORE_LANGUAGES)]
                else:
                    fields.append(self[name])
            sections.append(Section(fields, more, legend))
        return sections


@dataclass
class Section(Names):
    """A part of the offer form: its fields, and its translations into MORE_LANGUAGES."""

    legend: str = ""


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "street", "postcode", "city", "district", "latitude", "longitude", "step_free"]
        labels = {
            "name": _("Name of the place"),
            "street": _("Street and number"),
            "postcode": _("Postcode"),
            "city": _("Town"),
            "district": _("Area"),
            "latitude": _("Latitude"),
            "longitude": _("Longitude"),
            "step_free": _("Step-free access"),
        }
        help_texts = {
            "name": _("For example the building or the office."),
            "latitude": _("For the map, for example 51.533; with the longitude, or neither."),
            "longitude": _("For example 9.935."),
            "step_free": _("People in a wheelchair can get in without help."),
        }

    def clean(self) -> dict:
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if latitude is not None and not Decimal(-90) <= latitude <= Decimal(90):
            self.add_error("latitude", _("The latitude is a number between -90 and 90."))
        if longitude is not None and not Decimal(-180) <= longitude <= Decimal(180):
            self.add_error("longitude", _("The longitude is a number between -180 and 180."))
        if (latitude is None) != (longitude is None) and not self.has_error("latitude"):
            if not self.has_error("longitude"):
                self.add_error(
                    "latitude" if latitude is None else "longitude",
                    _("Please give both latitude and longitude, or neither."),
                )
        return data


LocationFormSet = forms.inlineformset_factory(
    Offer,
    Location,
    form=LocationForm,
    extra=1,
    can_delete=True,
    max_num=50,
    validate_max=True,
)

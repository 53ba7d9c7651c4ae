"""Forms for planning meetings: the meeting, a year of plenary dates, places, the agenda."""

import datetime

from django import forms
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext_lazy as _

from members.models import Affiliation, Organisation, Person

from ..models import AgendaAttachment, AgendaItem, Meeting, Place
from ..planning import LAST, at

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}
TIME_WIDGET = {"attrs": {"type": "time"}, "format": "%H:%M"}
ARABIC = {"lang": "ar", "dir": "rtl"}
# Years a meeting may be in: wide enough for the archive, narrow enough for any database.
FIRST_YEAR, LAST_YEAR = 1990, 2100


def _check_year(day: datetime.date | None) -> datetime.date | None:
    if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise forms.ValidationError(
            _("Please enter a date between %(first)s and %(last)s."),
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return day


def _check_times(form: forms.Form, start: datetime.time | None, end: datetime.time | None) -> bool:
    if start and end and end <= start:
        form.add_error("end", _("The meeting must end after it starts."))
        return False
    return bool(start and end)


class MeetingForm(forms.ModelForm):
    """A meeting: date and times as the coordinators think of them (local time), and its place,
    chosen from the list or entered anew."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(**DATE_WIDGET))
    start = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(**TIME_WIDGET))
    end = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(**TIME_WIDGET))
    new_place_name = forms.CharField(
        label=_("Or a new place: building"),
        max_length=200,
        required=False,
        help_text=_("For a place that is not in the list yet. It is kept for later meetings."),
    )
    new_place_room = forms.CharField(label=_("Room of the new place"), max_length=200, required=False)
    new_place_address = forms.CharField(label=_("Address of the new place"), max_length=300, required=False)

    field_order = [
        "kind",
        "topic_de",
        "topic_en",
        "topic_ar",
        "date",
        "start",
        "end",
        "place",
        "new_place_name",
        "new_place_room",
        "new_place_address",
        "online_url",
        "description_de",
        "description_en",
        "description_ar",
    ]

    class Meta:
        model = Meeting
        fields = [
            "kind",
            "topic_de",
            "topic_en",
            "topic_ar",
            "place",
            "online_url",
            "description_de",
            "description_en",
            "description_ar",
        ]
        labels = {
            "topic_de": _("Topic (German)"),
            "topic_en": _("Topic (English)"),
            "topic_ar": _("Topic (Arabic)"),
            "description_de": _("Description (German)"),
            "description_en": _("Description (English)"),
            "description_ar": _("Description (Arabic)"),
        }
        help_texts = {
            "place": _("Choose a place from the list, or enter a new one below."),
            "online_url": _("Only members see it."),
            "description_de": _("Markdown."),
            "description_en": _("Markdown."),
            "description_ar": _("Markdown."),
        }
        widgets = {
            "topic_ar": forms.TextInput(attrs=ARABIC),
            "description_de": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
            "description_ar": forms.Textarea(attrs={"rows": 5, **ARABIC}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic_de"].required = True
        self.fields["place"].queryset = Place.objects.all()
        if self.instance.pk:
            starts = timezone.localtime(self.instance.starts_at)
            ends = timezone.localtime(self.instance.ends_at)
            # As the time inputs show them: to the minute.
            self.initial.update(
                date=starts.date(),
                start=starts.time().replace(second=0, microsecond=0),
                end=ends.time().replace(second=0, microsecond=0),
            )

    def clean_date(self) -> datetime.date | None:
        return _check_year(self.cleaned_data.get("date"))

    def clean(self) -> dict:
        data = super().clean()
        day, start, end = data.get("date"), data.get("start"), data.get("end")
        if _check_times(self, start, end) and day:
            # An unchanged date and time keep the stored moment to the second.
            if self.instance.pk is None or {"date", "start", "end"} & set(self.changed_data):
                self.instance.starts_at = at(day, start)
                self.instance.ends_at = at(day, end)
        name, room, address = (data.get(f"new_place_{part}") or "" for part in ("name", "room", "address"))
        if name and data.get("place"):
            self.add_error("new_place_name", _("Choose a place from the list or enter a new one, not both."))
        elif (room or address) and not name:
            self.add_error("new_place_name", _("Please enter the building of the new place."))
        return data

    @property
    def new_place(self) -> dict[str, str] | None:
        name = self.cleaned_data.get("new_place_name")
        if not name:
            return None
        return {
            "name": name,
            "room": self.cleaned_data.get("new_place_room", ""),
            "address": self.cleaned_data.get("new_place_address", ""),
        }


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["name", "room", "address"]


ORDINALS = [
    (1, _("first")),
    (2, _("second")),
    (3, _("third")),
    (4, _("fourth")),
    (LAST, _("last")),
]


def _default_year() -> int:
    today = timezone.localdate()
    # In autumn one plans the next year.
    return today.year + 1 if today.month >= 9 else today.year


class PlanYearForm(forms.Form):
    """A year of plenary meetings in one step: the Nth weekday of the chosen months."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=LAST_YEAR, initial=_default_year)
    ordinal = forms.TypedChoiceField(label=_("Which one in the month"), coerce=int, choices=ORDINALS)
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), coerce=int, choices=list(WEEKDAYS.items()), initial=2
    )
    months = forms.TypedMultipleChoiceField(
        label=_("Months"),
        coerce=int,
        choices=list(MONTHS.items()),
        initial=list(MONTHS),
        widget=forms.CheckboxSelectMultiple,
    )
    start = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(**TIME_WIDGET))
    end = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(**TIME_WIDGET))
    place = forms.ModelChoiceField(label=_("Place"), queryset=Place.objects.all(), required=False)
    topic = forms.CharField(
        label=_("Topic (German)"),
        max_length=300,
        required=False,
        help_text=_("Optional: the same for every meeting. You can change each meeting later."),
    )

    def clean(self) -> dict:
        data = super().clean()
        _check_times(self, data.get("start"), data.get("end"))
        return data


class PresenterField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        organisations = ", ".join(a.organisation.name for a in getattr(person, "current_affiliations", []))
        return f"{person.name} ({organisations})" if organisations else person.name


class AgendaItemForm(forms.ModelForm):
    presenter_person = PresenterField(
        label=_("Presented by (person)"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("A contact person of a member organisation."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Planned minutes"), min_value=1, max_value=600, required=False
    )

    class Meta:
        model = AgendaItem
        fields = ["title", "presenter_person", "presenter_organisation", "duration_minutes", "notes"]
        labels = {"presenter_organisation": _("Presented by (organisation)")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = Affiliation.objects.current()
        self.fields["presenter_person"].queryset = (
            Person.objects.filter(
                Q(pk__in=current.values("person_id"), anonymised_at__isnull=True)
                | Q(pk=self.instance.presenter_person_id)
            )
            .prefetch_related(
                Prefetch(
                    "affiliations",
                    queryset=current.select_related("organisation").order_by("organisation__name"),
                    to_attr="current_affiliations",
                )
            )
            .order_by("name", "pk")
        )
        self.fields["presenter_organisation"].queryset = Organisation.objects.filter(
            Q(left_on__isnull=True, neighbour__isnull=True) | Q(pk=self.instance.presenter_organisation_id)
        )


class AgendaAttachmentForm(forms.ModelForm):
    class Meta:
        model = AgendaAttachment
        fields = ["title", "file"]
        widgets = {"file": forms.FileInput(attrs={"accept": "application/pdf,.pdf"})}
        help_texts = {"file": _("A PDF file. Only members can open it.")}

"""Forms of the minutes: new minutes, editing them with their items and action items,
approving them, importing old PDF files, and the archive's search box."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Person

from ..models import ActionItem, Meeting, Minutes, MinutesItem


class MeetingChoiceField(forms.ModelChoiceField):
    """A meeting, shown by its date, kind and topic."""

    def label_from_instance(self, meeting: Meeting) -> str:
        day = date_format(timezone.localtime(meeting.starts_at), "DATE_FORMAT")
        label = f"{day}: {meeting.get_kind_display()}"
        return f"{label} – {meeting.topic}" if meeting.topic else label


def _meeting_field(label, empty_label, help_text="") -> MeetingChoiceField:
    return MeetingChoiceField(
        label=label,
        queryset=Meeting.objects.order_by("-starts_at"),
        required=False,
        empty_label=empty_label,
        help_text=help_text,
        error_messages={"invalid_choice": _("Choose a meeting from the list.")},
    )


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NewMinutesForm(forms.ModelForm):
    """Minutes written or uploaded by hand: the year comes from the date."""

    meeting = _meeting_field(_("Meeting"), _("No meeting in the portal"))

    class Meta:
        model = Minutes
        fields = ["title", "meeting", "held_on", "visibility", "body", "document"]
        widgets = {"held_on": DATE_INPUT, "body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "held_on": _("If left empty, the date of the chosen meeting."),
            "body": _("Markdown. The items of the agenda can be added after saving."),
            "document": _("Optional: the minutes as a PDF file. Its text is found by the search."),
        }

    def clean(self) -> dict:
        data = super().clean()
        meeting = data.get("meeting")
        if not data.get("held_on") and meeting is not None:
            data["held_on"] = timezone.localtime(meeting.starts_at).date()
        if data.get("held_on"):
            self.instance.year = data["held_on"].year
        elif "held_on" not in self.errors:
            self.add_error("held_on", _("Give the date of the meeting, or choose the meeting."))
        return data


class EditMinutesForm(forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["title", "visibility", "body", "document"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        labels = {"body": _("Introduction and other notes"), "document": _("PDF file")}
        help_texts = {
            "body": _("Markdown. Shown before the items."),
            "document": _("Optional. A new file replaces the old one; its text is found by the search."),
        }


class MinutesItemForm(forms.ModelForm):
    class Meta:
        model = MinutesItem
        fields = ["position", "title", "discussion", "decisions"]
        widgets = {
            "discussion": forms.Textarea(attrs={"rows": 6}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }


ItemFormSet = forms.inlineformset_factory(
    Minutes, MinutesItem, form=MinutesItemForm, extra=1, can_delete=True, max_num=100, validate_max=True
)


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["what", "person", "organisation", "due_on", "done_on", "item"]
        widgets = {"due_on": DATE_INPUT, "done_on": DATE_INPUT}
        labels = {"item": _("Item of the minutes")}

    def __init__(self, *args, items=None, people=None, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The choices are read once for the whole formset, not once per form.
        for name, choices in (("item", items), ("person", people), ("organisation", organisations)):
            if choices is not None:
                self.fields[name].queryset = choices.queryset
                self.fields[name].choices = choices


class BaseActionItemFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        minutes = self.instance
        items = MinutesItem.objects.filter(minutes=minutes) if minutes.pk else MinutesItem.objects.none()
        self._choices = {
            "items": _FixedChoices(items),
            "people": _FixedChoices(Person.objects.filter(anonymised_at__isnull=True)),
            "organisations": _FixedChoices(Organisation.objects.local().filter(left_on__isnull=True)),
        }

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), **self._choices}


class _FixedChoices(forms.models.ModelChoiceIterator):
    """The choices of a ModelChoiceField, read from the database once and reused."""

    def __init__(self, queryset) -> None:
        self.queryset = queryset
        self._rows = None

    def __iter__(self):
        if self._rows is None:
            self._rows = list(self.queryset)
        yield ("", "---------")
        for obj in self._rows:
            yield (obj.pk, str(obj))

    def __len__(self) -> int:
        return len(list(iter(self)))

    def __bool__(self) -> bool:
        return True


ActionItemFormSet = forms.inlineformset_factory(
    Minutes,
    ActionItem,
    form=ActionItemForm,
    formset=BaseActionItemFormSet,
    fk_name="minutes",
    extra=1,
    can_delete=True,
    max_num=200,
    validate_max=True,
)


class ApproveForm(forms.Form):
    at_meeting = _meeting_field(
        _("Approved at the meeting"),
        _("Not at a meeting"),
        help_text=_("Usually the next plenary meeting."),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, as the Django documentation shows it."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_file_clean = super().clean
        if isinstance(data, list | tuple) and data:
            return [single_file_clean(d, initial) for d in data]
        return [single_file_clean(data or None, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("PDF files of minutes"),
        help_text=_(
            "The date is read from each file's name, e.g. “2019-03-14 Protokoll.pdf” or "
            "“Protokoll 14.03.2019.pdf”. At most 20 files at once."
        ),
    )
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=Minutes.Visibility.choices, initial=Minutes.Visibility.MEMBERS
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the minutes"), max_length=500, required=False)

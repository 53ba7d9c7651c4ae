"""The TN list as one form, and the form to add someone who came without an invitation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import Affiliation, Organisation

from ..attendance import NOT_RECORDED, Row, Status


class TnListForm(forms.Form):
    """One group of radio buttons per row of the TN list; the rows come from the server,
    so a request can only set the rows that are on the list."""

    CHOICES = [*Status.choices, (NOT_RECORDED, _("Not recorded"))]

    def __init__(self, *args, rows: list[Row], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[row.key] = forms.ChoiceField(
                label=row.person.name if row.person else row.organisation.name,
                choices=self.CHOICES,
                initial=row.initial,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose one."),
                    "invalid_choice": _("Choose one of the options."),
                },
            )

    def groups(self) -> list[tuple[Organisation, list[tuple[Row, forms.BoundField]]]]:
        """The rows with their fields, by organisation (the rows are sorted so)."""
        groups: list[tuple[Organisation, list]] = []
        for row in self.rows:
            if not groups or groups[-1][0].pk != row.organisation.pk:
                groups.append((row.organisation, []))
            groups[-1][1].append((row, self[row.key]))
        return groups


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Affiliation) -> str:
        return f"{obj.person.name} ({obj.organisation.name})"


class AddAttendeeForm(forms.Form):
    affiliation = PersonChoiceField(
        label=_("Person"),
        queryset=Affiliation.objects.none(),
        empty_label=_("Choose a person"),
        help_text=_("Contact people who are not on the list yet. They are recorded as present."),
        error_messages={
            "required": _("Choose a person."),
            "invalid_choice": _("Choose a person from the list."),
        },
    )

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["affiliation"].queryset = candidates

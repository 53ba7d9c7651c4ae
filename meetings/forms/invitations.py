from django import forms
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from members.models import Organisation, Person

from ..invitations import invitee_count_filter, invitees
from ..models import Invitation


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        count = getattr(obj, "invitee_count", 0)
        people = ngettext("%(count)s person", "%(count)s people", count) % {"count": count}
        return f"{obj.name} ({people})"


def member_organisations() -> QuerySet[Organisation]:
    """The current member organisations, each with how many people would be invited."""
    return Organisation.objects.members().annotate(
        invitee_count=Count("affiliations__person", filter=invitee_count_filter(), distinct=True)
    )


class SendInvitationsForm(forms.Form):
    ALL = "all"
    CHOSEN = "chosen"

    recipients = forms.ChoiceField(
        label=_("Send to"),
        choices=[
            (ALL, _("All active contact people of the member organisations")),
            (CHOSEN, _("The contact people of the organisations chosen below")),
        ],
        initial=ALL,
        widget=forms.RadioSelect,
    )
    organisations = OrganisationChoiceField(
        label=_("Organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = member_organisations()

    def clean(self) -> dict:
        data = super().clean()
        if data.get("recipients") == self.CHOSEN and not data.get("organisations"):
            self.add_error("organisations", _("Choose at least one organisation."))
        return data

    def people(self) -> QuerySet[Person]:
        if self.cleaned_data["recipients"] == self.ALL:
            return invitees()
        return invitees(self.cleaned_data["organisations"])


class ReplyForm(forms.Form):
    answer = forms.ChoiceField(label=_("Your answer"), choices=Invitation.Response.choices)

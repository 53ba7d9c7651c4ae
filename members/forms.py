from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from network.models import LeadershipTerm, Page
from netzwerk import emails

from .models import Affiliation, Organisation, Person, User
from .permissions import can_edit_person


class LoginForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the six digits your app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


class InvitationForm(SetPasswordForm):
    """Sets the first password of an invited person."""


# What an organisation's editors may change; coordinators may change everything.
PROFILE_FIELDS = [
    "description_de",
    "description_en",
    "kind",
    "district",
    "street",
    "postcode",
    "city",
    "website",
    "email",
    "phone",
    "logo",
]


class OrganisationProfileForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = PROFILE_FIELDS
        widgets = {
            "description_de": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {
            "description_de": _("Description (German)"),
            "description_en": _("Description (English)"),
        }
        help_texts = {"description_de": _("Shown on the organisation's page and in the handbook. Markdown.")}


class UnitForm(OrganisationProfileForm):
    """A new unit of an organisation, added by its editors: a name and the profile."""

    class Meta(OrganisationProfileForm.Meta):
        fields = ["name", *PROFILE_FIELDS]


class OrganisationForm(OrganisationProfileForm):
    class Meta(OrganisationProfileForm.Meta):
        fields = ["name", "slug", "parent", "is_member", "joined_on", *PROFILE_FIELDS]
        widgets = {
            **OrganisationProfileForm.Meta.widgets,
            "joined_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_parent(self) -> Organisation | None:
        parent = self.cleaned_data.get("parent")
        node = parent
        while node is not None:
            if self.instance.pk and node.pk == self.instance.pk:
                raise ValidationError(_("An organisation cannot be part of itself."))
            node = node.parent
        return parent


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left the network on"), widget=forms.DateInput(attrs={"type": "date"}))


class ContactForm(forms.Form):
    """A contact person of an organisation: the person and their role there."""

    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    function = forms.CharField(
        label=_("Function"),
        max_length=150,
        required=False,
        help_text=_("For example: counselling, management."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Affiliation.Role.choices, initial=Affiliation.Role.CONTACT
    )
    public_consent = forms.BooleanField(
        label=_("The person agrees to be shown on the public page"),
        required=False,
        help_text=_("Without consent, only members see name and contact details."),
    )

    PERSON_FIELDS = ("name", "email", "phone", "public_consent")

    def __init__(
        self,
        *args,
        organisation: Organisation,
        user: User,
        affiliation: Affiliation | None = None,
        **kwargs,
    ) -> None:
        self.organisation = organisation
        self.affiliation = affiliation
        self.user = user
        super().__init__(*args, **kwargs)
        if affiliation is not None and not can_edit_person(user, affiliation.person):
            # Also a contact person elsewhere: only the coordinators change who they are.
            for name in self.PERSON_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "This person is also a contact person of another organisation; "
                    "the coordinators change their details."
                )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email:
            others = Affiliation.objects.current().filter(
                organisation=self.organisation, person__email__iexact=email
            )
            if self.affiliation:
                others = others.exclude(pk=self.affiliation.pk)
            if others.exists():
                raise ValidationError(_("This person is already a contact person of this organisation."))
            if self.affiliation is None:
                known = Person.objects.filter(email__iexact=email, anonymised_at__isnull=True).first()
                if known is not None and not can_edit_person(self.user, known):
                    raise ValidationError(
                        _(
                            "A person with this e-mail address is a contact person of another "
                            "organisation. Please ask the coordinators to add them here too."
                        )
                    )
        return email


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "email", "phone", "public_consent"]


class CoordinatorRoleForm(forms.Form):
    is_coordinator = forms.BooleanField(label=_("Coordinator"), required=False)


class LeadershipTermForm(forms.ModelForm):
    class Meta:
        model = LeadershipTerm
        fields = ["person", "organisation", "started_on", "ended_on", "position"]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ended_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("The term cannot end before it starts."))
        return data


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title_de", "title_en", "slug", "body_de", "body_en", "in_footer", "position"]
        labels = {
            "title_de": _("Title (German)"),
            "title_en": _("Title (English)"),
            "body_de": _("Text (German)"),
            "body_en": _("Text (English)"),
        }
        widgets = {
            "body_de": forms.Textarea(attrs={"rows": 14}),
            "body_en": forms.Textarea(attrs={"rows": 14}),
        }


class ConsentForm(forms.Form):
    public_consent = forms.BooleanField(
        label=_("Show my name and contact details on the public pages"), required=False
    )


class LanguageForm(forms.ModelForm):
    """The language of a person's invitations and reminders."""

    class Meta:
        model = Person
        fields = ["language"]
        help_texts = {"language": _("Invitations, reminders and your calendar come in this language.")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # E-mails are written in the portal's languages, not in every language of the directory.
        self.fields["language"].choices = [
            (code, name) for code, name in settings.LANGUAGES if code in settings.PORTAL_LANGUAGES
        ]


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, with our three-part e-mail in the user's language."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        url = settings.SITE_URL + reverse(
            "members:password-reset-confirm", args=[context["uid"], context["token"]]
        )
        hours = settings.PASSWORD_RESET_TIMEOUT // 3600
        emails.send("password-reset", [to_email], {"user": context["user"], "url": url, "hours": hours})

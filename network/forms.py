from urllib.parse import urlsplit

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from .models import BarrierReport

DESCRIPTION_MIN_LENGTH = 10
DESCRIPTION_MAX_LENGTH = 5000


def site_path(address: str, host: str) -> str | None:
    """The path (with query) of an address on this site, or None if it points elsewhere.

    Visitors paste what the browser shows, so a full address of this site is
    accepted as well as a path; an address of another site is not.
    """
    address = address.strip()
    if not address:
        return ""
    if not url_has_allowed_host_and_scheme(address, allowed_hosts={host}, require_https=False):
        return None
    parts = urlsplit(address)
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class BarrierReportForm(forms.ModelForm):
    description = forms.CharField(
        label=_("What is the barrier?"),
        help_text=_(
            "What did you want to do, and what did not work? "
            "If you use an aid such as a screen reader, please name it."
        ),
        min_length=DESCRIPTION_MIN_LENGTH,
        max_length=DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Please describe the barrier."),
            "min_length": _("Please describe the barrier in at least %(limit_value)d characters."),
            "max_length": _(
                "Please shorten the text to at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
    # Left empty by people, who never see it; filled in by spam robots.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = BarrierReport
        fields = ["page", "description", "name", "email"]
        labels = {
            "page": _("Address of the page"),
            "name": _("Your name"),
            "email": _("Your e-mail address"),
        }
        help_texts = {
            "page": _(
                "Where is the barrier? For example /en/members/. Leave it empty if it is not about one page."
            ),
            "email": _("Only if you would like an answer."),
        }
        error_messages = {
            "name": {"max_length": _("Please shorten the name to at most %(limit_value)d characters.")},
            "email": {
                "invalid": _(
                    "Please enter an e-mail address such as name@example.org, or leave the field empty."
                )
            },
        }
        widgets = {
            "page": forms.TextInput(attrs={"inputmode": "url", "autocomplete": "off"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, host: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.host = host

    def clean_page(self) -> str:
        path = site_path(self.cleaned_data["page"], self.host)
        if path is None:
            raise forms.ValidationError(
                _("Please give the address of a page of this portal, for example /en/members/."),
                code="external",
            )
        return path

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("homepage"))
